import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashAgentToken, newAgentToken } from '../../../hub/agent-accounts';
import type { HubHandle } from '../../../hub/server';
import { hubSettingsSchema } from '../../../hub/settings';
import { CITIZEN_PATH, HUB_CLOSE_CODES, type HubToAgentFrame, type HubToCitizenFrame } from '../../../shared/hub/protocol';
import { HubClient, joinAsCitizen, TestHubs } from './hub-client';

const hubs = new TestHubs();

afterEach(async () => {
  await hubs.stopAll();
});

async function hubWith(settings: unknown): Promise<{ hub: HubHandle; citizenWsUrl: string }> {
  return hubs.start({ settings: hubSettingsSchema.parse(settings) });
}

async function connectTracked<Frame extends { type: string } = HubToCitizenFrame>(url: string, headers?: Record<string, string>): Promise<HubClient<Frame>> {
  const client = await HubClient.connect<Frame>(url, headers);
  hubs.track(client);
  return client;
}

describe('hub safety', () => {
  it('refuses connections past the per-address maximum', async () => {
    const { citizenWsUrl } = await hubWith({ limits: { maxConnectionsPerAddress: 3 } });
    const open = await Promise.all([1, 2, 3].map(() => connectTracked(citizenWsUrl)));
    await expect(HubClient.connect(citizenWsUrl)).rejects.toThrow(/429/);

    // A closed connection frees its place.
    open[0]!.close();
    await open[0]!.closed;
    await expect
      .poll(async () => HubClient.connect(citizenWsUrl).then((client) => (hubs.track(client), 'open'), () => 'refused'), { timeout: 2_000 })
      .toBe('open');
  });

  it('counts clients behind a trusted proxy apart', async () => {
    const { citizenWsUrl } = await hubWith({ limits: { maxConnectionsPerAddress: 2 }, trustedProxies: ['127.0.0.1'] });
    const from = (address: string): Record<string, string> => ({ 'X-Forwarded-For': `203.0.113.9, ${address}` });
    await connectTracked(citizenWsUrl, from('10.0.0.5'));
    await connectTracked(citizenWsUrl, from('10.0.0.5'));
    await expect(HubClient.connect(citizenWsUrl, from('10.0.0.5'))).rejects.toThrow(/429/);
    await connectTracked(citizenWsUrl, from('10.0.0.6'));

    // Without trusted proxies the header is ignored and every connection counts for the peer.
    const { citizenWsUrl: direct } = await hubWith({ limits: { maxConnectionsPerAddress: 2 } });
    await connectTracked(direct, from('10.0.0.7'));
    await connectTracked(direct, from('10.0.0.8'));
    await expect(HubClient.connect(direct, from('10.0.0.9'))).rejects.toThrow(/429/);
  });

  it('refuses a widget from a foreign origin', async () => {
    const { hub, citizenWsUrl } = await hubWith({ allowedOrigins: ['https://www.entidad.gov.co'] });
    await expect(HubClient.connect(citizenWsUrl, { Origin: 'https://atacante.example' })).rejects.toThrow(/403/);

    const own = await connectTracked(citizenWsUrl, { Origin: hub.httpUrl.replace(/\/$/, '') });
    own.send({ type: 'hello', v: 1, consent: true });
    expect((await own.next('welcome')).chatId).toBeTruthy();
    const listed = await connectTracked(citizenWsUrl, { Origin: 'https://www.entidad.gov.co' });
    listed.send({ type: 'hello', v: 1, consent: true });
    expect((await listed.next('welcome')).chatId).toBeTruthy();
  });

  it('refuses an agent without valid credentials', async () => {
    const token = newAgentToken();
    const { hub } = await hubWith({ agents: [{ name: 'Ana Pérez', tokenHash: await hashAgentToken(token) }] });

    const cases: Array<[string, Record<string, unknown>]> = [
      ['no token', { agentName: 'Ana Pérez' }],
      ['a wrong token', { agentName: 'Ana Pérez', token: newAgentToken() }],
      ['another name', { agentName: 'Luis Rodríguez', token }],
    ];
    for (const [label, hello] of cases) {
      const agent = await connectTracked<HubToAgentFrame>(hub.agentUrl);
      agent.send({ type: 'hello', v: 1, ...hello });
      expect(await agent.next('error'), label).toEqual({ type: 'error', code: 'unauthorized' });
      expect(await agent.closeCode(), label).toBe(HUB_CLOSE_CODES.unauthorized);
      expect(agent.frames.some((frame) => frame.type === 'welcome' || frame.type === 'queue'), label).toBe(false);
    }

    const ana = await connectTracked<HubToAgentFrame>(hub.agentUrl);
    ana.send({ type: 'hello', v: 1, agentName: 'Ana Pérez', token });
    expect((await ana.next('welcome')).agentName).toBe('Ana Pérez');
  });

  it('answers frames past the rate limit, then closes', async () => {
    const { citizenWsUrl } = await hubWith({ limits: { framesPerSecondPerAddress: 1, frameBurstPerAddress: 5 } });
    const { citizen } = await joinAsCitizen(citizenWsUrl);
    hubs.track(citizen);
    // The hello used one token of the burst of five, so four messages pass.
    for (let index = 0; index < 4; index += 1) citizen.send({ type: 'message', id: `m${index}`, text: 'Hola' });
    for (let index = 0; index < 4; index += 1) expect((await citizen.next('ack')).id).toBe(`m${index}`);

    for (let index = 4; index < 12; index += 1) citizen.send({ type: 'message', id: `m${index}`, text: 'Hola' });
    expect(await citizen.next('error')).toEqual({ type: 'error', code: 'rate-limited', ref: 'm4' });
    expect(await citizen.closeCode()).toBe(HUB_CLOSE_CODES.rateLimited);
    expect(citizen.frames.filter((frame) => frame.type === 'ack')).toHaveLength(4);
  });

  it('gives no new burst to a client that reconnects', async () => {
    const { citizenWsUrl } = await hubWith({ limits: { framesPerSecondPerAddress: 1, frameBurstPerAddress: 5 } });
    const first = await joinAsCitizen(citizenWsUrl);
    hubs.track(first.citizen);
    for (let index = 0; index < 4; index += 1) first.citizen.send({ type: 'message', id: `m${index}`, text: 'Hola' });
    for (let index = 0; index < 4; index += 1) expect((await first.citizen.next('ack')).id).toBe(`m${index}`);
    // Two frames past the burst put the bucket two tokens below empty, so a slow machine has three seconds of margin.
    for (let index = 4; index < 6; index += 1) first.citizen.send({ type: 'message', id: `m${index}`, text: 'Hola' });
    for (let index = 4; index < 6; index += 1) expect(await first.citizen.next('error')).toMatchObject({ code: 'rate-limited', ref: `m${index}` });
    first.citizen.close();
    await first.citizen.closeCode();

    // The same address connects again at once: its bucket is still empty, so even the hello is refused.
    const again = await connectTracked(citizenWsUrl);
    again.send({ type: 'hello', v: 1, consent: true, resume: { chatId: first.chatId, token: first.token } });
    expect(await again.next('error')).toEqual({ type: 'error', code: 'rate-limited' });
    await expect(again.next('welcome', 300)).rejects.toThrow(/No "welcome" frame/);
  });

  it('sends citizen text as plain JSON text, never as markup', async () => {
    const { hub, citizenWsUrl } = await hubWith({});
    const agent = await connectTracked<HubToAgentFrame>(hub.agentUrl);
    agent.send({ type: 'hello', v: 1, agentName: 'Ana Pérez' });
    await agent.next('welcome');
    const { citizen } = await joinAsCitizen(citizenWsUrl);
    hubs.track(citizen);
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    citizen.send({ type: 'message', id: 'x', text: '<img src=x onerror=alert(1)> & "hola"' });
    expect((await agent.next('message')).message.text).toBe('<img src=x onerror=alert(1)> & "hola"');
  });

  it('cuts a citizen that stops reading', async () => {
    const { hub, citizenWsUrl } = await hubWith({
      limits: { maxBufferedBytesPerConnection: 256 * 1024, framesPerSecondPerAddress: 100_000, frameBurstPerAddress: 100_000 },
    });
    const agent = await connectTracked<HubToAgentFrame>(hub.agentUrl);
    agent.send({ type: 'hello', v: 1, agentName: 'Ana Pérez' });
    await agent.next('welcome');
    const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);
    hubs.track(citizen);
    agent.send({ type: 'take-next' });
    await agent.next('chat');

    // The citizen's process stops reading its socket, so the kernel buffers fill and then the hub's queue grows.
    (citizen.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'a'.repeat(4_000);
    let sent = 0;
    const cut = agent.next('citizen-left', 10_000);
    while (sent < 4_000 && !agent.frames.some((frame) => frame.type === 'citizen-left')) {
      for (let index = 0; index < 50; index += 1) agent.send({ type: 'message', chatId, id: `a${(sent += 1)}`, text });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await cut).toEqual({ type: 'citizen-left', chatId, reason: 'disconnected' });
    // The agent's own connection goes on.
    agent.send({ type: 'ping', id: 'p1' });
    expect((await agent.next('pong')).id).toBe('p1');
  }, 20_000);

  it('serves wss when certificates are configured', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'atiende-hub-tls-'));
    try {
      const cert = join(folder, 'cert.pem');
      const key = join(folder, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
      const { hub } = await hubWith({ tls: { cert, key } });
      expect(hub.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      expect(hub.agentUrl).toMatch(/^wss:/);

      const socket = new WebSocket(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^https/, 'wss')).href, { rejectUnauthorized: false });
      const welcome = await new Promise<{ type: string }>((resolve, reject) => {
        socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, consent: true })));
        socket.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string }));
        socket.once('error', reject);
      });
      expect(welcome.type).toBe('welcome');
      socket.close();

      // Plain ws to a TLS port fails instead of talking in clear text.
      await expect(HubClient.connect(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^https/, 'ws')).href)).rejects.toThrow();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
