import { createConnection } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubHandle, HubOptions } from '../../../hub/server';
import { hubSettingsSchema } from '../../../hub/settings';
import { CITIZEN_PATH } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen, TestHubs } from './hub-client';

const hubs = new TestHubs();

afterEach(async () => {
  await hubs.stopAll();
});

async function hubWith(options: HubOptions): Promise<{ hub: HubHandle; citizenWsUrl: string }> {
  return hubs.start(options);
}

/** Opens a chat that Ana Pérez serves and returns both ends. */
async function servedChat(hub: HubHandle, citizenWsUrl: string) {
  const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
  const joined = await joinAsCitizen(citizenWsUrl);
  hubs.track(agent);
  hubs.track(joined.citizen);
  agent.send({ type: 'take-next' });
  await agent.next('chat');
  return { agent, ...joined };
}

describe('hub presence', () => {
  it('marks a silent citizen cut, and active again on reply', async () => {
    const { hub, citizenWsUrl } = await hubWith({ timings: { citizenSilenceMs: 200, presenceSweepMs: 20 } });
    const { agent, citizen, chatId } = await servedChat(hub, citizenWsUrl);

    // Silence counts only from an agent message that the citizen has not replied to.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(agent.frames.some((frame) => frame.type === 'chat-status')).toBe(false);
    agent.send({ type: 'message', chatId, id: 'a1', text: '¿Me indica su nombre, por favor?' });
    const started = Date.now();
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'cut' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    citizen.send({ type: 'message', id: 'c1', text: 'Perdón, aquí estoy.' });
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'active' });
  });

  it('marks a disconnected citizen cut after the delay', async () => {
    const { hub, citizenWsUrl } = await hubWith({ timings: { citizenCutMs: 200, presenceSweepMs: 20 } });
    const { agent, citizen, chatId, token } = await servedChat(hub, citizenWsUrl);
    citizen.close();
    expect(await agent.next('citizen-left')).toEqual({ type: 'citizen-left', chatId, reason: 'disconnected' });
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'cut' });

    const back = await HubClient.connect(citizenWsUrl);
    hubs.track(back);
    back.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect(await agent.next('citizen-returned')).toEqual({ type: 'citizen-returned', chatId });
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'active' });
  });

  it('takes the cut delay from the settings', async () => {
    const { hub, citizenWsUrl } = await hubWith({ settings: hubSettingsSchema.parse({ presence: { citizenCutMs: 300 } }), timings: { presenceSweepMs: 20 } });
    const { agent, citizen, chatId } = await servedChat(hub, citizenWsUrl);
    citizen.close();
    await agent.next('citizen-left');
    const started = Date.now();
    expect(await agent.next('chat-status')).toEqual({ type: 'chat-status', chatId, status: 'cut' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('keeps a briefly dropped citizen active', async () => {
    const { hub, citizenWsUrl } = await hubWith({ timings: { citizenCutMs: 500, presenceSweepMs: 20 } });
    const { agent, citizen, chatId, token } = await servedChat(hub, citizenWsUrl);
    citizen.close();
    await agent.next('citizen-left');
    const back = await HubClient.connect(citizenWsUrl);
    hubs.track(back);
    back.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    await agent.next('citizen-returned');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(agent.frames.some((frame) => frame.type === 'chat-status')).toBe(false);
  });

  it('returns a dropped agent chats in their place', async () => {
    // The grace period is long enough for the second agent to join inside it on a loaded two-core machine.
    const { hub, citizenWsUrl } = await hubWith({ timings: { agentGraceMs: 1_500, queueFrameIntervalMs: 10 } });
    const first = await joinAsCitizen(citizenWsUrl);
    const second = await joinAsCitizen(citizenWsUrl);
    const third = await joinAsCitizen(citizenWsUrl);
    for (const joined of [first, second, third]) hubs.track(joined.citizen);
    const ana = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    ana.send({ type: 'take-next' });
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    await ana.next('chat');
    ana.close();

    const luis = await joinAsAgent(hub.agentUrl, 'Luis Rodríguez');
    hubs.track(luis);
    // Before the grace period ends only the third chat waits; after it the first two return ahead of it.
    expect(luis.frames.find((frame) => frame.type === 'queue')).toMatchObject({ entries: [{ chatId: third.chatId }] });
    await expect
      .poll(() => luis.frames.filter((frame) => frame.type === 'queue').at(-1), { timeout: 6_000 })
      .toMatchObject({ entries: [{ chatId: first.chatId }, { chatId: second.chatId }, { chatId: third.chatId }] });
    // The third citizen was first in line while the agent held the other two, and third once they came back.
    // A position frame sent before the takes (3, all three waiting) may come first on a loaded machine.
    const positions = (): number[] => third.citizen.frames.flatMap((frame) => (frame.type === 'position' ? [frame.position] : []));
    const firstInLine = (): number => positions().indexOf(1);
    await expect.poll(() => firstInLine() >= 0 && positions().at(-1) === 3 && positions().length > firstInLine() + 1, { timeout: 6_000 }).toBe(true);
  });

  it('cuts a peer that stops answering pings', async () => {
    const { hub } = await hubWith({ helloTimeoutMs: 60_000, settings: hubSettingsSchema.parse({ presence: { heartbeatMs: 1_000 } }) });
    // A raw socket completes the WebSocket handshake and then never sends a pong.
    const socket = createConnection({ host: '127.0.0.1', port: hub.port });
    socket.write(
      `GET ${CITIZEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${hub.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the hub did not cut the silent peer within 4 s')), 4_000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(received).toMatch(/^HTTP\/1\.1 101/);
    // One interval sends the ping, the next finds no pong.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });
});
