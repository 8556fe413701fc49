import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubHandle } from '../../../hub/server';
import { hubSettingsSchema } from '../../../hub/settings';
import { CITIZEN_PATH } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen } from './hub-client';

let hub: HubHandle;
let citizenWsUrl: string;
const clients: HubClient[] = [];

/** Tracks a client so that afterEach closes it. */
function tracked<T extends { citizen: HubClient } | HubClient>(value: T): T {
  clients.push(value instanceof HubClient ? value : (value as { citizen: HubClient }).citizen);
  return value;
}

beforeEach(async () => {
  // Two agents take 20 chats each in one test, above the default maximum per agent.
  hub = await startHub({ port: 0, timings: { queueFrameIntervalMs: 10 }, settings: hubSettingsSchema.parse({ limits: { maxChatsPerAgent: 50 } }) });
  citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await hub.close();
});

describe('hub routing', () => {
  it('serves chats in order of arrival', async () => {
    const first = tracked(await joinAsCitizen(citizenWsUrl));
    first.citizen.send({ type: 'message', id: 'm1', text: 'Necesito un certificado de residencia.' });
    await first.citizen.next('ack');
    const second = tracked(await joinAsCitizen(citizenWsUrl));
    const third = tracked(await joinAsCitizen(citizenWsUrl));
    third.citizen.send({ type: 'message', id: 'm1', text: '¿Cuál es el horario de atención?' });
    await third.citizen.next('ack');

    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const queue = agent.frames.find((frame) => frame.type === 'queue');
    expect(queue?.type === 'queue' && queue.entries.map((entry) => entry.chatId)).toEqual([first.chatId, second.chatId, third.chatId]);
    expect(queue?.type === 'queue' && queue.entries.map((entry) => entry.excerpt)).toEqual([
      'Necesito un certificado de residencia.',
      '',
      '¿Cuál es el horario de atención?',
    ]);

    const taken: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      agent.send({ type: 'take-next' });
      taken.push((await agent.next('chat')).chat.id);
    }
    expect(taken).toEqual([first.chatId, second.chatId, third.chatId]);

    agent.send({ type: 'take-next', id: 't1' });
    expect(await agent.next('error')).toEqual({ type: 'error', code: 'queue-empty', ref: 't1' });
    agent.send({ type: 'take-next' });
    expect(await agent.next('error')).toEqual({ type: 'error', code: 'queue-empty' });
  });

  it('carries a whole exchange both ways', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    citizen.send({ type: 'message', id: 'c1', text: '  Quiero saber el estado de mi PQRSD.  ' });
    expect(await citizen.next('ack')).toEqual({ type: 'ack', id: 'c1', seq: 1 });

    agent.send({ type: 'take-next' });
    const { chat } = await agent.next('chat');
    expect(chat.id).toBe(chatId);
    expect(chat.status).toBe('active');
    expect(chat.agentName).toBe('Ana Pérez');
    expect(chat.messages.map((message) => [message.seq, message.author, message.text])).toEqual([[1, 'citizen', 'Quiero saber el estado de mi PQRSD.']]);
    expect((await citizen.next('agent-joined')).agentName).toBe('Ana Pérez');

    agent.send({ type: 'message', chatId, id: 'a1', text: 'Buenas tardes, soy Ana Pérez. ¿Me indica su nombre y su correo?' });
    expect(await agent.next('ack')).toEqual({ type: 'ack', id: 'a1', seq: 2 });
    const toCitizen = await citizen.next('message');
    expect(toCitizen.message).toMatchObject({ chatId, seq: 2, id: 'a1', author: 'agent', text: 'Buenas tardes, soy Ana Pérez. ¿Me indica su nombre y su correo?' });

    citizen.send({ type: 'message', id: 'c2', text: 'Soy Marta Gómez, marta.gomez@example.org' });
    const toAgent = await agent.next('message');
    expect(toAgent.message).toMatchObject({ chatId, seq: 3, id: 'c2', author: 'citizen' });
    expect(toAgent.message.at).toBeGreaterThanOrEqual(chat.arrivedAt);
  });

  it('sends each waiting citizen its position as it changes', async () => {
    const first = tracked(await joinAsCitizen(citizenWsUrl));
    expect((await first.citizen.next('position')).position).toBe(1);
    const second = tracked(await joinAsCitizen(citizenWsUrl));
    expect((await second.citizen.next('position')).position).toBe(2);
    const third = tracked(await joinAsCitizen(citizenWsUrl));
    expect((await third.citizen.next('position')).position).toBe(3);

    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    agent.send({ type: 'take-next' });
    await first.citizen.next('agent-joined');
    expect((await second.citizen.next('position')).position).toBe(1);
    expect((await third.citizen.next('position')).position).toBe(2);

    // The second citizen leaves, so the third moves up.
    second.citizen.send({ type: 'leave' });
    await second.citizen.next('closed');
    expect((await third.citizen.next('position')).position).toBe(1);
    expect(first.citizen.frames.filter((frame) => frame.type === 'position')).toHaveLength(1);
  });

  it('sends every agent the queue on each change', async () => {
    const ana = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const luis = tracked(await joinAsAgent(hub.agentUrl, 'Luis Rodríguez'));
    const { chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    expect((await ana.next('queue')).entries.map((entry) => entry.chatId)).toEqual([chatId]);
    expect((await luis.next('queue')).entries.map((entry) => entry.chatId)).toEqual([chatId]);

    ana.send({ type: 'take-next' });
    await ana.next('chat');
    expect((await ana.next('queue')).entries).toEqual([]);
    expect((await luis.next('queue')).entries).toEqual([]);
    expect(luis.frames.some((frame) => frame.type === 'chat')).toBe(false);
  });

  it('never gives one chat to two agents taking at once', async () => {
    const rounds = 40;
    const ana = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const luis = tracked(await joinAsAgent(hub.agentUrl, 'Luis Rodríguez'));
    const opened: string[] = [];
    for (let index = 0; index < rounds; index += 1) opened.push(tracked(await joinAsCitizen(citizenWsUrl)).chatId);

    const takenByAna: string[] = [];
    const takenByLuis: string[] = [];
    for (let round = 0; round < rounds / 2; round += 1) {
      ana.send({ type: 'take-next' });
      luis.send({ type: 'take-next' });
      const [fromAna, fromLuis] = await Promise.all([ana.next('chat'), luis.next('chat')]);
      takenByAna.push(fromAna.chat.id);
      takenByLuis.push(fromLuis.chat.id);
      expect(fromAna.chat.id).not.toBe(fromLuis.chat.id);
    }

    const all = [...takenByAna, ...takenByLuis];
    expect(new Set(all).size).toBe(rounds);
    expect([...all].sort()).toEqual([...opened].sort());
    // Each round serves the two oldest chats, so each agent's chats come in arrival order.
    expect(takenByAna).toEqual([...takenByAna].sort());
    expect(takenByLuis).toEqual([...takenByLuis].sort());
  });

  it('stores a resent message id once', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    agent.send({ type: 'take-next' });
    await agent.next('chat');

    citizen.send({ type: 'message', id: 'same', text: 'Necesito un paz y salvo.' });
    citizen.send({ type: 'message', id: 'same', text: 'Necesito un paz y salvo.' });
    const firstAck = await citizen.next('ack');
    const secondAck = await citizen.next('ack');
    citizen.send({ type: 'message', id: 'same', text: 'Necesito un paz y salvo.' });
    const thirdAck = await citizen.next('ack');
    expect([firstAck.seq, secondAck.seq, thirdAck.seq]).toEqual([1, 1, 1]);

    citizen.send({ type: 'message', id: 'other', text: 'Es para un trámite.' });
    expect((await citizen.next('ack')).seq).toBe(2);
    await agent.next('message');
    await agent.next('message');
    expect(agent.frames.filter((frame) => frame.type === 'message')).toHaveLength(2);

    agent.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto.' });
    agent.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto.' });
    expect((await agent.next('ack')).seq).toBe(3);
    expect((await agent.next('ack')).seq).toBe(3);
    await citizen.next('message');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(citizen.frames.filter((frame) => frame.type === 'message')).toHaveLength(1);
  });

  it('rejects messages to a chat of another agent', async () => {
    const ana = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const luis = tracked(await joinAsAgent(hub.agentUrl, 'Luis Rodríguez'));
    const { citizen, chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    ana.send({ type: 'take-next' });
    await ana.next('chat');

    luis.send({ type: 'message', chatId, id: 'x1', text: 'Buenas tardes.' });
    expect(await luis.next('error')).toEqual({ type: 'error', code: 'not-your-chat', ref: 'x1', detail: chatId });
    luis.send({ type: 'message', chatId: 'no-such-chat', id: 'x2', text: 'Buenas tardes.' });
    expect(await luis.next('error')).toEqual({ type: 'error', code: 'unknown-chat', ref: 'x2', detail: 'no-such-chat' });
    luis.send({ type: 'close', chatId });
    expect((await luis.next('error')).code).toBe('not-your-chat');

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(citizen.frames.some((frame) => frame.type === 'message' || frame.type === 'closed')).toBe(false);
  });

  it('resumes a citizen chat after a reconnect', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId, token } = tracked(await joinAsCitizen(citizenWsUrl));
    citizen.send({ type: 'message', id: 'c1', text: 'Quiero pedir una cita presencial.' });
    await citizen.next('ack');
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    agent.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto le ayudo.' });
    await citizen.next('message');

    citizen.close();
    expect(await agent.next('citizen-left')).toMatchObject({ type: 'citizen-left', chatId });

    // A message the agent writes while the citizen is away is kept and replayed.
    agent.send({ type: 'message', chatId, id: 'a2', text: '¿Para qué sede la necesita?' });
    await agent.next('ack');

    const again = tracked(await HubClient.connect(citizenWsUrl));
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect(await again.next('welcome')).toMatchObject({ type: 'welcome', v: 1, chatId, token, resync: true });
    const replayed = [await again.next('message'), await again.next('message'), await again.next('message')];
    expect(replayed.map((frame) => [frame.message.seq, frame.message.author])).toEqual([
      [1, 'citizen'],
      [2, 'agent'],
      [3, 'agent'],
    ]);
    expect((await again.next('agent-joined')).agentName).toBe('Ana Pérez');
    expect(await agent.next('citizen-returned')).toEqual({ type: 'citizen-returned', chatId });

    again.send({ type: 'message', id: 'c2', text: 'Para la sede principal.' });
    expect((await agent.next('message')).message).toMatchObject({ seq: 4, id: 'c2' });
  });

  it('opens a new chat when the resume token is wrong', async () => {
    const { chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    const stranger = tracked(await HubClient.connect(citizenWsUrl));
    stranger.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token: 'guessed-token' } });
    expect((await stranger.next('error')).code).toBe('resume-rejected');
    const welcome = await stranger.next('welcome');
    expect(welcome.chatId).not.toBe(chatId);
  });

  it('keeps a left chat cut with its agent', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId, token } = tracked(await joinAsCitizen(citizenWsUrl));
    agent.send({ type: 'take-next' });
    await agent.next('chat');

    citizen.send({ type: 'leave' });
    expect(await citizen.next('closed')).toEqual({ type: 'closed' });
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'cut' });
    expect(await agent.next('citizen-left')).toEqual({ type: 'citizen-left', chatId, reason: 'left' });

    // The agent still serves the chat, so it can write the answer that goes out by email.
    agent.send({ type: 'message', chatId, id: 'a1', text: 'Le enviaremos la respuesta a su correo.' });
    expect(await agent.next('ack')).toEqual({ type: 'ack', id: 'a1', seq: 1 });
    const elsewhere = tracked(await joinAsAgent(hub.agentUrl, 'Luis Rodríguez'));
    elsewhere.send({ type: 'message', chatId, id: 'x1', text: 'Hola' });
    expect(await elsewhere.next('error')).toMatchObject({ code: 'not-your-chat', ref: 'x1' });

    // The citizen who left can neither write nor resume.
    citizen.send({ type: 'message', id: 'c9', text: 'Una cosa más.' });
    expect(await citizen.next('error')).toMatchObject({ code: 'chat-closed', ref: 'c9' });
    const again = tracked(await HubClient.connect(citizenWsUrl));
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect((await again.next('error')).code).toBe('resume-rejected');
    expect((await again.next('welcome')).chatId).not.toBe(chatId);

    // Leaving sends no "disconnected" to the agent, and the chat ends only when the agent closes it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(agent.frames.filter((frame) => frame.type === 'citizen-left')).toHaveLength(1);
    agent.send({ type: 'close', chatId });
    agent.send({ type: 'message', chatId, id: 'a2', text: '¿Sigue ahí?' });
    expect(await agent.next('error')).toMatchObject({ code: 'chat-closed', ref: 'a2' });
  });

  it('withdraws a queued chat the citizen leaves', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un paz y salvo.' });
    await citizen.next('ack');
    expect((await agent.next('queue')).entries.map((entry) => entry.chatId)).toEqual([chatId]);

    citizen.send({ type: 'leave' });
    expect(await citizen.next('closed')).toEqual({ type: 'closed' });
    expect((await agent.next('queue')).entries).toEqual([]);
    agent.send({ type: 'take-next', id: 't1' });
    expect(await agent.next('error')).toMatchObject({ code: 'queue-empty', ref: 't1' });
    citizen.send({ type: 'message', id: 'c2', text: '¿Hola?' });
    expect(await citizen.next('error')).toMatchObject({ code: 'chat-closed', ref: 'c2' });
  });

  it('closes a chat at the agent request', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const { citizen, chatId } = tracked(await joinAsCitizen(citizenWsUrl));
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    agent.send({ type: 'close', chatId });
    await citizen.next('closed');
    citizen.send({ type: 'message', id: 'late', text: 'Una pregunta más.' });
    expect(await citizen.next('error')).toEqual({ type: 'error', code: 'chat-closed', ref: 'late' });
  });

  it('answers ping with pong', async () => {
    const agent = tracked(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    const before = Date.now();
    agent.send({ type: 'ping', id: 'p1' });
    const pong = await agent.next('pong');
    expect(pong.id).toBe('p1');
    expect(pong.serverTime).toBeGreaterThanOrEqual(before);
  });
});
