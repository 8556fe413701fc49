import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubHandle } from '../../../hub/server';
import { CITIZEN_PATH, HUB_CLOSE_CODES, type HubToAgentFrame } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen } from './hub-client';

let hub: HubHandle;
let citizenWsUrl: string;
const clients: HubClient[] = [];

beforeEach(async () => {
  hub = await startHub({ port: 0, timings: { queueFrameIntervalMs: 10, citizenGraceMs: 200, agentGraceMs: 200, closedRetentionMs: 200 } });
  citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await hub.close();
});

describe('hub reconnects', () => {
  it('gives an agent its chats back after a quick reconnect', async () => {
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);
    clients.push(citizen);
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    agent.close();
    await agent.closed;

    // A message written while the agent is away is kept for it.
    citizen.send({ type: 'message', id: 'c1', text: '¿Sigue ahí?' });
    await citizen.next('ack');

    const back = await HubClient.connect<HubToAgentFrame>(hub.agentUrl);
    clients.push(back);
    back.send({ type: 'hello', v: 1, agentName: 'Ana Pérez' });
    const { chat } = await back.next('chat');
    expect(chat.id).toBe(chatId);
    expect(chat.messages.map((message) => message.id)).toEqual(['c1']);
    back.send({ type: 'message', chatId, id: 'a1', text: 'Sí, aquí estoy.' });
    expect((await back.next('ack')).seq).toBe(2);
    expect((await citizen.next('message')).message.text).toBe('Sí, aquí estoy.');

    // The grace period passed long ago, and the chat stayed with the agent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    back.send({ type: 'message', chatId, id: 'a2', text: 'Continúo con su solicitud.' });
    expect((await back.next('ack')).seq).toBe(3);
  });

  it('repeats every agent join on a resume', async () => {
    const ana = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const luis = await joinAsAgent(hub.agentUrl, 'Luis Rodríguez');
    clients.push(ana, luis);
    const { citizen, chatId, token } = await joinAsCitizen(citizenWsUrl);
    clients.push(citizen);
    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un certificado.' });
    await citizen.next('ack');
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    expect(await citizen.next('agent-joined')).toEqual({ type: 'agent-joined', agentName: 'Ana Pérez', sinceSeq: 1 });
    ana.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto.' });
    await ana.next('ack');
    ana.send({ type: 'transfer', id: 'tr1', chatId, toAgent: 'Luis Rodríguez', note: 'Certificado' });
    expect(await citizen.next('agent-joined')).toEqual({ type: 'agent-joined', agentName: 'Luis Rodríguez', sinceSeq: 2, transfer: true });
    citizen.close();

    // After the messages, the resume lists the joins oldest first, so a client can place each one once.
    const back = await HubClient.connect(citizenWsUrl);
    clients.push(back);
    back.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    await back.next('agent-joined');
    await back.next('agent-joined');
    const order = back.frames.map((frame) => (frame.type === 'message' ? `message ${frame.message.seq}` : frame.type));
    expect(order).toEqual(['welcome', 'message 1', 'message 2', 'agent-joined', 'agent-joined']);
    expect(back.frames.filter((frame) => frame.type === 'agent-joined')).toEqual([
      { type: 'agent-joined', agentName: 'Ana Pérez', sinceSeq: 1 },
      { type: 'agent-joined', agentName: 'Luis Rodríguez', sinceSeq: 2, transfer: true },
    ]);
  });

  it('puts a dropped agent chat back in the queue', async () => {
    const first = await joinAsCitizen(citizenWsUrl);
    const second = await joinAsCitizen(citizenWsUrl);
    clients.push(first.citizen, second.citizen);
    const ana = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    ana.send({ type: 'take-next' });
    expect((await ana.next('chat')).chat.id).toBe(first.chatId);
    expect((await first.citizen.next('agent-joined')).agentName).toBe('Ana Pérez');
    ana.close();

    const luis = await joinAsAgent(hub.agentUrl, 'Luis Rodríguez');
    clients.push(luis);
    // After the grace period the first chat returns ahead of the second, by its arrival.
    await expect
      .poll(() => luis.frames.filter((frame) => frame.type === 'queue').at(-1), { timeout: 2_000 })
      .toMatchObject({ entries: [{ chatId: first.chatId }, { chatId: second.chatId }] });
    expect((await first.citizen.next('position')).position).toBe(1);

    luis.send({ type: 'take-next' });
    const { chat } = await luis.next('chat');
    expect(chat.id).toBe(first.chatId);
    expect(chat.agentName).toBe('Luis Rodríguez');
    expect((await first.citizen.next('agent-joined')).agentName).toBe('Luis Rodríguez');
  });

  it('closes a queued chat whose citizen does not return', async () => {
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    clients.push(agent);
    const { citizen, chatId, token } = await joinAsCitizen(citizenWsUrl);
    expect((await agent.next('queue')).entries.map((entry) => entry.chatId)).toEqual([chatId]);
    citizen.close();

    expect((await agent.next('queue')).entries).toEqual([]);
    const late = await HubClient.connect(citizenWsUrl);
    clients.push(late);
    late.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect((await late.next('error')).code).toBe('resume-rejected');
  });

  it('keeps a queued chat when its citizen returns in time', async () => {
    const { citizen, chatId, token } = await joinAsCitizen(citizenWsUrl);
    citizen.close();
    await citizen.closed;

    const again = await HubClient.connect(citizenWsUrl);
    clients.push(again);
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect((await again.next('welcome')).chatId).toBe(chatId);
    expect((await again.next('position')).position).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    clients.push(agent);
    agent.send({ type: 'take-next' });
    expect((await agent.next('chat')).chat.id).toBe(chatId);
  });

  it('replaces the connection of a chat resumed in a second tab', async () => {
    const { citizen, chatId, token } = await joinAsCitizen(citizenWsUrl);
    const secondTab = await HubClient.connect(citizenWsUrl);
    clients.push(secondTab);
    secondTab.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect((await secondTab.next('welcome')).chatId).toBe(chatId);
    expect(await citizen.closeCode()).toBe(HUB_CLOSE_CODES.replaced);

    secondTab.send({ type: 'message', id: 'c1', text: 'Escribo desde otra pestaña.' });
    expect((await secondTab.next('ack')).seq).toBe(1);
  });

  it('forgets a closed chat after the retention time', async () => {
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    clients.push(agent);
    const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);
    clients.push(citizen);
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    agent.send({ type: 'close', chatId });
    await citizen.next('closed');

    agent.send({ type: 'message', chatId, id: 'a1', text: 'Gracias por comunicarse.' });
    expect((await agent.next('error')).code).toBe('chat-closed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    agent.send({ type: 'message', chatId, id: 'a2', text: 'Gracias por comunicarse.' });
    expect((await agent.next('error')).code).toBe('unknown-chat');
  });
});
