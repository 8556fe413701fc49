import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubHandle, HubOptions } from '../../../hub/server';
import { hubSettingsSchema } from '../../../hub/settings';
import type { HubToAgentFrame } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen, TestHubs } from './hub-client';

const hubs = new TestHubs();
const folders: string[] = [];

afterEach(async () => {
  await hubs.stopAll();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function hubWith(options: HubOptions & { with?: unknown } = {}): Promise<{ hub: HubHandle; citizenWsUrl: string }> {
  return hubs.start({ timings: { queueFrameIntervalMs: 10 }, settings: hubSettingsSchema.parse(options.with ?? {}), ...options });
}

async function agentNamed(hub: HubHandle, name: string): Promise<HubClient<HubToAgentFrame>> {
  const agent = await joinAsAgent(hub.agentUrl, name);
  hubs.track(agent);
  return agent;
}

async function citizenIn(citizenWsUrl: string) {
  const joined = await joinAsCitizen(citizenWsUrl);
  hubs.track(joined.citizen);
  return joined;
}

describe('hub routing policy', () => {
  it('gives a paused agent no chat', async () => {
    const { hub, citizenWsUrl } = await hubWith();
    const agent = await agentNamed(hub, 'Ana Pérez');
    const { chatId } = await citizenIn(citizenWsUrl);
    agent.send({ type: 'availability', availability: 'paused' });
    agent.send({ type: 'take-next', id: 't1' });
    expect(await agent.next('error')).toEqual({ type: 'error', code: 'agent-paused', ref: 't1' });

    agent.send({ type: 'availability', availability: 'available' });
    agent.send({ type: 'take-next', id: 't2' });
    expect((await agent.next('chat')).chat.id).toBe(chatId);
  });

  it('stops at the maximum of chats per agent', async () => {
    const { hub, citizenWsUrl } = await hubWith({ with: { limits: { maxChatsPerAgent: 2 } } });
    const agent = await agentNamed(hub, 'Ana Pérez');
    expect((agent.frames.find((frame) => frame.type === 'welcome') as { maxChats?: number }).maxChats).toBe(2);
    for (let index = 0; index < 3; index += 1) await citizenIn(citizenWsUrl);
    agent.send({ type: 'take-next', id: 't1' });
    agent.send({ type: 'take-next', id: 't2' });
    agent.send({ type: 'take-next', id: 't3' });
    const first = await agent.next('chat');
    await agent.next('chat');
    expect(await agent.next('error')).toEqual({ type: 'error', code: 'too-many-chats', ref: 't3' });

    // Closing one frees a place.
    agent.send({ type: 'close', chatId: first.chat.id });
    agent.send({ type: 'take-next', id: 't4' });
    expect((await agent.next('chat')).chat.status).toBe('active');
  });

  it('frees a place when the citizen leaves', async () => {
    const { hub, citizenWsUrl } = await hubWith({ with: { limits: { maxChatsPerAgent: 1 } } });
    const agent = await agentNamed(hub, 'Ana Pérez');
    const first = await citizenIn(citizenWsUrl);
    await citizenIn(citizenWsUrl);
    agent.send({ type: 'take-next', id: 't1' });
    expect((await agent.next('chat')).chat.id).toBe(first.chatId);
    agent.send({ type: 'take-next', id: 't2' });
    expect(await agent.next('error')).toEqual({ type: 'error', code: 'too-many-chats', ref: 't2' });

    // The chat the citizen left stays with the agent for the email answer, but no longer fills the place.
    first.citizen.send({ type: 'leave' });
    await agent.next('citizen-left');
    agent.send({ type: 'take-next', id: 't3' });
    expect((await agent.next('chat')).chat.status).toBe('active');
    agent.send({ type: 'message', chatId: first.chatId, id: 'a1', text: 'Le respondo por correo.' });
    expect(await agent.next('ack')).toMatchObject({ id: 'a1' });
  });

  it('tells every other agent at once that a chat was taken', async () => {
    const { hub, citizenWsUrl } = await hubWith({ timings: { queueFrameIntervalMs: 5_000 } });
    const ana = await agentNamed(hub, 'Ana Pérez');
    const luis = await agentNamed(hub, 'Luis Rodríguez');
    const { chatId } = await citizenIn(citizenWsUrl);
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    // The queue frame interval is long, so only the "taken" frame can tell Luis this soon.
    expect(await luis.next('taken', 1_000)).toEqual({ type: 'taken', chatId });
    luis.send({ type: 'message', chatId, id: 'l1', text: 'Hola' });
    expect(await luis.next('error')).toEqual({ type: 'error', code: 'not-your-chat', ref: 'l1', detail: chatId });
  });

  it('transfers a chat with a note', async () => {
    const { hub, citizenWsUrl } = await hubWith();
    const ana = await agentNamed(hub, 'Ana Pérez');
    const luis = await agentNamed(hub, 'Luis Rodríguez');
    const { citizen, chatId } = await citizenIn(citizenWsUrl);
    citizen.send({ type: 'message', id: 'c1', text: 'Es sobre un impuesto predial.' });
    await citizen.next('ack');
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    expect((await citizen.next('agent-joined')).agentName).toBe('Ana Pérez');

    ana.send({ type: 'transfer', id: 'x1', chatId, toAgent: 'Pedro Gómez', note: 'Predial' });
    expect(await ana.next('error')).toEqual({ type: 'error', code: 'unknown-agent', ref: 'x1', detail: 'Pedro Gómez' });
    luis.send({ type: 'availability', availability: 'paused' });
    ana.send({ type: 'transfer', id: 'x2', chatId, toAgent: 'Luis Rodríguez', note: 'Predial' });
    expect(await ana.next('error')).toMatchObject({ code: 'agent-unavailable', ref: 'x2' });

    luis.send({ type: 'availability', availability: 'available' });
    ana.send({ type: 'transfer', id: 'x3', chatId, toAgent: 'Luis Rodríguez', note: 'Consulta de impuesto predial.' });
    expect(await ana.next('transferred')).toEqual({ type: 'transferred', ref: 'x3', chatId, toAgent: 'Luis Rodríguez' });
    const received = await luis.next('chat');
    expect(received.transfer).toEqual({ fromAgent: 'Ana Pérez', note: 'Consulta de impuesto predial.' });
    expect(received.chat.agentName).toBe('Luis Rodríguez');
    expect(received.chat.messages.map((message) => message.id)).toEqual(['c1']);
    expect((await citizen.next('agent-joined')).agentName).toBe('Luis Rodríguez');

    // Only the new agent serves it now.
    ana.send({ type: 'message', chatId, id: 'a1', text: 'Hola' });
    expect(await ana.next('error')).toMatchObject({ code: 'not-your-chat', ref: 'a1' });
    citizen.send({ type: 'message', id: 'c2', text: 'Gracias.' });
    expect((await luis.next('message')).message.id).toBe('c2');
  });

  it('offers a follow-up by email when no agent is available', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-follow-up-'));
    folders.push(dataDir);
    const { hub, citizenWsUrl } = await hubWith({ dataDir });
    const { citizen, chatId } = await citizenIn(citizenWsUrl);
    expect(await citizen.next('service')).toEqual({ type: 'service', state: 'no-agents' });

    citizen.send({ type: 'follow-up', id: 'f1', email: 'no es un correo', text: 'Necesito un certificado.' });
    expect(await citizen.next('error')).toEqual({ type: 'error', code: 'invalid-email', ref: 'f1' });
    citizen.send({ type: 'follow-up', id: 'f2', email: ' Marta.Gomez@Example.org ', text: 'Necesito un certificado.' });
    expect(await citizen.next('follow-up-stored')).toEqual({ type: 'follow-up-stored', id: 'f2' });
    expect(await citizen.next('closed')).toEqual({ type: 'closed' });

    const stored = (await readFile(join(dataDir, 'follow-ups.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(stored).toEqual([{ id: `${chatId}-f2`, at: expect.any(Number), email: 'marta.gomez@example.org', text: 'Necesito un certificado.', service: 'no-agents' }]);

    // An agent who connects later sees the request.
    const agent = await agentNamed(hub, 'Ana Pérez');
    const { requests } = await agent.next('follow-ups');
    expect(requests.map((request) => request.email)).toEqual(['marta.gomez@example.org']);
  });

  it('tells citizens when the service is closed', async () => {
    // Opening hours that never include now: the one-minute range of the day that is not today.
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Bogota', weekday: 'short' }).format(Date.now()).slice(0, 3).toLowerCase();
    const otherDay = today === 'mon' ? 'tue' : 'mon';
    const { hub, citizenWsUrl } = await hubWith({ with: { openingHours: { timeZone: 'America/Bogota', days: { [otherDay]: [['08:00', '17:00']] } } } });
    await agentNamed(hub, 'Ana Pérez');
    const { citizen } = await citizenIn(citizenWsUrl);
    expect(await citizen.next('service')).toEqual({ type: 'service', state: 'closed' });
  });

  it('estimates the wait from handling times', async () => {
    const { hub, citizenWsUrl } = await hubWith({ with: { defaultHandlingMs: 120_000, limits: { maxChatsPerAgent: 1 } } });
    const waiting = [await citizenIn(citizenWsUrl), await citizenIn(citizenWsUrl)];
    // No agent: no estimate, and the service says so.
    expect(await waiting[1]!.citizen.next('position')).toEqual({ type: 'position', position: 2 });
    await agentNamed(hub, 'Ana Pérez');
    // One idle agent with one chat at a time: position 1 takes the free slot and position 2 waits one handling time.
    await expect.poll(() => waiting[1]!.citizen.frames.filter((frame) => frame.type === 'position').at(-1), { timeout: 3_000 }).toEqual({
      type: 'position',
      position: 2,
      estimatedWaitMs: 120_000,
      estimateBasis: 'default',
    });
    expect(waiting[0]!.citizen.frames.filter((frame) => frame.type === 'service').at(-1)).toEqual({ type: 'service', state: 'open' });
  });

  it('replays only what a resuming client lacks', async () => {
    const { hub, citizenWsUrl } = await hubWith();
    const agent = await agentNamed(hub, 'Ana Pérez');
    const { citizen, chatId, token } = await citizenIn(citizenWsUrl);
    const stream = (citizen.frames.find((frame) => frame.type === 'welcome') as { stream: string }).stream;
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    for (const id of ['c1', 'c2', 'c3']) citizen.send({ type: 'message', id, text: `Mensaje ${id}` });
    for (let index = 0; index < 3; index += 1) await citizen.next('ack');
    citizen.close();

    const again = await HubClient.connect(citizenWsUrl);
    hubs.track(again);
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token, stream, lastSeq: 2 } });
    expect(await again.next('welcome')).toMatchObject({ chatId, stream, resync: false });
    await again.next('agent-joined');
    expect(again.frames.filter((frame) => frame.type === 'message').map((frame) => frame.type === 'message' && frame.message.seq)).toEqual([3]);

    // Another stream identity means the client's numbers do not apply: everything is sent again.
    const other = await HubClient.connect(citizenWsUrl);
    hubs.track(other);
    other.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token, stream: 'reset-log', lastSeq: 2 } });
    expect(await other.next('welcome')).toMatchObject({ resync: true });
    await other.next('agent-joined');
    expect(other.frames.filter((frame) => frame.type === 'message')).toHaveLength(3);

    // The agent side resumes the same way.
    agent.close();
    await agent.closed;
    const back = await HubClient.connect<HubToAgentFrame>(hub.agentUrl);
    hubs.track(back);
    back.send({ type: 'hello', v: 1, agentName: 'Ana Pérez', resume: [{ chatId, stream, lastSeq: 1 }, { chatId: 'gone-chat', stream, lastSeq: 4 }] });
    const resumed = await back.next('chat');
    expect(resumed.afterSeq).toBe(1);
    expect(resumed.chat.messages.map((message) => message.seq)).toEqual([2, 3]);
    expect(await back.next('chat-gone')).toEqual({ type: 'chat-gone', chatId: 'gone-chat' });
  });

  it('replaces an agent connected twice', async () => {
    const { hub } = await hubWith();
    const first = await agentNamed(hub, 'Ana Pérez');
    await agentNamed(hub, 'Ana Pérez');
    expect(await first.closeCode()).toBe(4409);
  });
});
