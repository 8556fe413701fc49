/** The workstation's hub client and workspace state against a real hub and real citizen clients on loopback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentHubClient } from '../../../main/chat/agent-hub-client';
import { WorkspaceState } from '../../../main/chat/workspace-state';
import { startHub, type HubHandle } from '../../../hub/server';
import { ApiError } from '../../../shared/api/result';
import { CITIZEN_PATH } from '../../../shared/hub/protocol';
import { silentLogger } from '../../../shared/log/logger';
import { HubClient, joinAsCitizen } from './hub-client';

let hub: HubHandle;
let citizenWsUrl: string;
let client: AgentHubClient;
let state: WorkspaceState;
const citizens: HubClient[] = [];

beforeEach(async () => {
  hub = await startHub({ port: 0, timings: { queueFrameIntervalMs: 10, citizenCutMs: 100, presenceSweepMs: 20 } });
  citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
  state = new WorkspaceState();
  client = new AgentHubClient({ url: hub.agentUrl, agentName: 'Ana Pérez', availability: 'paused', knownChats: () => state.lastSeqs(), logger: silentLogger, reconnectDelayMs: { min: 20, max: 50 } });
  client.on('chat', (chat) => state.putChat(chat));
  client.on('message', (message) => state.addMessage(message));
  client.on('chatStatus', (chatId, status) => state.setPresence(chatId, status));
  client.start();
  await expect.poll(() => client.connection, { timeout: 3_000 }).toBe('connected');
});

afterEach(async () => {
  await client.stop();
  for (const citizen of citizens.splice(0)) citizen.close();
  await hub.close();
});

async function citizenIn() {
  const joined = await joinAsCitizen(citizenWsUrl);
  citizens.push(joined.citizen);
  return joined;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('agent hub client', () => {
  it('takes chats only while available', async () => {
    const { chatId } = await citizenIn();
    expect((await rejection(client.takeNext())).code).toBe('error.agentPaused');
    client.setAvailability('available');
    expect((await client.takeNext()).id).toBe(chatId);
  });

  it('matches errors to requests by ref', async () => {
    client.setAvailability('available');
    const { chatId } = await citizenIn();
    await client.takeNext();
    // Two sends in flight: the one to an unknown chat fails, the other is stored.
    const [bad, good] = await Promise.allSettled([client.send('no-such-chat', 'Hola'), client.send(chatId, 'Buenas tardes.')]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ code: 'error.unknownChat' });
    expect(good.status).toBe('fulfilled');
    expect((good as PromiseFulfilledResult<{ seq: number }>).value.seq).toBe(1);
  });

  it('resumes from its last seq without duplicates', async () => {
    client.setAvailability('available');
    const { citizen, chatId } = await citizenIn();
    await client.takeNext();
    citizen.send({ type: 'message', id: 'c1', text: 'Primera pregunta.' });
    await expect.poll(() => state.getChat(chatId)?.messages.length, { timeout: 2_000 }).toBe(1);

    // Renaming renews the connection; a message written meanwhile arrives once, through the resume.
    client.setAgentName('Ana Pérez');
    citizen.send({ type: 'message', id: 'c2', text: 'Segunda pregunta.' });
    await citizen.next('ack');
    await expect.poll(() => state.getChat(chatId)?.messages.map((message) => message.seq), { timeout: 3_000 }).toEqual([1, 2]);
    expect(client.connection).toBe('connected');
    await client.send(chatId, 'Con gusto.');
    expect(state.lastSeqs()).toEqual([{ chatId, lastSeq: 2 }]);
  });

  it('shows a cut chat and its return', async () => {
    client.setAvailability('available');
    const { citizen, chatId, token } = await citizenIn();
    await client.takeNext();
    citizen.close();
    await expect.poll(() => state.getChat(chatId)?.status, { timeout: 2_000 }).toBe('cut');

    const again = await HubClient.connect(citizenWsUrl);
    citizens.push(again);
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    await expect.poll(() => state.getChat(chatId)?.status, { timeout: 2_000 }).toBe('active');
  });
});
