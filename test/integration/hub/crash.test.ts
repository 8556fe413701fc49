/**
 * kill -9 of a real hub process during traffic: after a restart on the same data
 * folder, every acknowledged message is there once, in order, and resending the
 * unacknowledged ones stores each of them once.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CITIZEN_PATH, type HubToAgentFrame, type HubToCitizenFrame } from '../../../shared/hub/protocol';
import type { ChatMessage } from '../../../shared/chat/model';
import { HubClient, joinAsAgent, joinAsCitizen, killHard, spawnHubProcess } from './hub-client';

const CITIZENS = 4;
const TRAFFIC_MS = 400;

let dataDir: string;
const children: ChildProcess[] = [];
const clients: HubClient[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-crash-'));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

async function startHubProcess(): Promise<{ child: ChildProcess; wsBase: string }> {
  const started = await spawnHubProcess(dataDir);
  children.push(started.child);
  return started;
}

/** Resumes a chat from scratch (no lastSeq) and returns the messages the hub replays. */
async function replay(wsBase: string, chatId: string, token: string): Promise<{ client: HubClient<HubToCitizenFrame>; messages: ChatMessage[] }> {
  const client = await HubClient.connect<HubToCitizenFrame>(`${wsBase}${CITIZEN_PATH}`);
  clients.push(client);
  client.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
  const welcome = await client.next('welcome');
  expect(welcome).toMatchObject({ chatId, resync: true });
  // The replayed messages come right after the welcome, and a service or agent-joined frame ends them.
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const look = (): void => {
      if (client.frames.some((frame) => frame.type === 'service' || frame.type === 'agent-joined')) return resolve();
      if (Date.now() - started > 3_000) return reject(new Error('no end of replay'));
      setTimeout(look, 10);
    };
    look();
  });
  const messages = client.frames.flatMap((frame) => (frame.type === 'message' ? [frame.message] : []));
  return { client, messages };
}

function expectEachOnceInOrder(messages: readonly ChatMessage[], acked: ReadonlyMap<string, number>): void {
  expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
  const ids = messages.map((message) => `${message.author}:${message.id}`);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [key, seq] of acked) expect(messages[seq - 1] && `${messages[seq - 1]!.author}:${messages[seq - 1]!.id}`, key).toBe(key);
}

describe('hub crash', () => {
  it('loses nothing acknowledged after kill -9', async () => {
    const first = await startHubProcess();
    const agent = await joinAsAgent(`${first.wsBase}/ws/agent`, 'Ana Pérez');
    clients.push(agent);
    const chats: Array<Awaited<ReturnType<typeof joinAsCitizen>> & { sent: string[]; acked: Map<string, number> }> = [];
    for (let index = 0; index < CITIZENS; index += 1) {
      const joined = await joinAsCitizen(`${first.wsBase}${CITIZEN_PATH}`);
      clients.push(joined.citizen);
      chats.push({ ...joined, sent: [] as string[], acked: new Map<string, number>() });
    }
    // Half the chats are served, so the agent writes too; the others stay queued.
    for (let index = 0; index < CITIZENS / 2; index += 1) {
      agent.send({ type: 'take-next' });
      await agent.next('chat');
    }
    const agentAcked = new Map<string, { chatId: string; seq: number }>();
    agent.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as HubToAgentFrame;
      if (frame.type === 'ack') agentAcked.set(frame.id, { chatId: frame.id.split('/')[0]!, seq: frame.seq });
    });
    for (const chat of chats) {
      chat.citizen.socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as HubToCitizenFrame;
        if (frame.type === 'ack') chat.acked.set(`citizen:${frame.id}`, frame.seq);
      });
    }

    // Traffic from every citizen and from the agent until the kill.
    let counter = 0;
    const traffic = setInterval(() => {
      counter += 1;
      for (const chat of chats) {
        const id = `c${counter}`;
        chat.sent.push(id);
        chat.citizen.send({ type: 'message', id, text: `Mensaje ${counter}` });
      }
      for (const chat of chats.slice(0, CITIZENS / 2)) agent.send({ type: 'message', chatId: chat.chatId, id: `${chat.chatId}/a${counter}`, text: `Respuesta ${counter}` });
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
    await killHard(first.child);
    clearInterval(traffic);

    const ackedTotal = chats.reduce((sum, chat) => sum + chat.acked.size, 0);
    expect(ackedTotal).toBeGreaterThan(CITIZENS * 5);

    const second = await startHubProcess();
    for (const chat of chats) {
      for (const [id, { chatId, seq }] of agentAcked) if (chatId === chat.chatId) chat.acked.set(`agent:${id}`, seq);
      const { client, messages } = await replay(second.wsBase, chat.chatId, chat.token);
      expectEachOnceInOrder(messages, chat.acked);

      // The widget resends what was never acknowledged, with the same ids: each is stored once.
      const unacked = chat.sent.filter((id) => !chat.acked.has(`citizen:${id}`));
      for (const id of [...unacked, ...unacked]) client.send({ type: 'message', id, text: 'reenvío' });
      for (let index = 0; index < unacked.length * 2; index += 1) await client.next('ack');
      const after = await replay(second.wsBase, chat.chatId, chat.token);
      expectEachOnceInOrder(after.messages, chat.acked);
      const citizenIds = after.messages.filter((message) => message.author === 'citizen').map((message) => message.id);
      expect([...citizenIds].sort()).toEqual([...chat.sent].sort());
    }

    // The agent gets its served chats back, whole, after the restart.
    const back = await HubClient.connect<HubToAgentFrame>(`${second.wsBase}/ws/agent`);
    clients.push(back);
    back.send({ type: 'hello', v: 1, agentName: 'Ana Pérez' });
    const reclaimed = [await back.next('chat'), await back.next('chat')].map((frame) => frame.chat.id).sort();
    expect(reclaimed).toEqual(chats.slice(0, CITIZENS / 2).map((chat) => chat.chatId).sort());
  }, 30_000);
});
