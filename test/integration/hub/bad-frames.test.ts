import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type HubHandle } from '../../../hub/server';
import { CITIZEN_PATH, HUB_CLOSE_CODES, MAX_FRAME_BYTES, type HubToAgentFrame } from '../../../shared/hub/protocol';
import { MAX_MESSAGE_LENGTH } from '../../../shared/chat/model';
import { HubClient, joinAsAgent, joinAsCitizen } from './hub-client';

let hub: HubHandle;
let citizenWsUrl: string;
const clients: HubClient[] = [];

beforeEach(async () => {
  hub = await startHub({ port: 0, helloTimeoutMs: 300, timings: { queueFrameIntervalMs: 10 } });
  citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await hub.close();
});

/** Opens a chat that an agent serves, so each test can check that it goes on after another connection failed. */
async function servedChat(): Promise<{ citizen: HubClient; agent: HubClient<HubToAgentFrame>; chatId: string }> {
  const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
  const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);
  clients.push(agent, citizen);
  agent.send({ type: 'take-next' });
  await agent.next('chat');
  return { citizen, agent, chatId };
}

async function expectChatGoesOn(chat: { citizen: HubClient; agent: HubClient<HubToAgentFrame>; chatId: string }, id: string): Promise<void> {
  chat.citizen.send({ type: 'message', id, text: 'Sigo aquí.' });
  expect((await chat.agent.next('message')).message.id).toBe(id);
}

const badCitizenFrames: Array<[string, string | Buffer, boolean]> = [
  ['text that is not JSON', '{"type": "message", ', false],
  ['JSON of the wrong type', '[1, 2, 3]', false],
  ['an unknown frame type', JSON.stringify({ type: 'shout', text: 'hola' }), false],
  ['a message without id', JSON.stringify({ type: 'message', text: 'hola' }), false],
  ['a message of only spaces', JSON.stringify({ type: 'message', id: 'x', text: '   ' }), false],
  ['a text longer than the maximum', JSON.stringify({ type: 'message', id: 'x', text: 'a'.repeat(MAX_MESSAGE_LENGTH + 1) }), false],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0xc3, 0x28, 0x22, 0x7d]), false],
  ['a binary frame', Buffer.from(JSON.stringify({ type: 'leave' })), true],
];

describe('hub bad frames', () => {
  for (const [label, payload, binary] of badCitizenFrames) {
    it(`closes only the citizen that sent ${label}`, async () => {
      const chat = await servedChat();
      const { citizen: offender } = await joinAsCitizen(citizenWsUrl);
      clients.push(offender);

      offender.socket.send(payload, { binary });
      expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);
      await expectChatGoesOn(chat, `after-${label.length}`);
    });
  }

  it('closes an agent that sends a bad frame', async () => {
    const chat = await servedChat();
    const offender = await joinAsAgent(hub.agentUrl, 'Luis Rodríguez');
    clients.push(offender);
    offender.send({ type: 'take-next', extra: { nested: [1] }, chatId: 42 });
    offender.send('not json at all');
    expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);
    await expectChatGoesOn(chat, 'after-agent');
  });

  it('closes an agent whose name is not a full name', async () => {
    const offender = await HubClient.connect<HubToAgentFrame>(hub.agentUrl);
    clients.push(offender);
    offender.send({ type: 'hello', v: 1, agentName: 'Ana' });
    expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);
  });

  it('closes a frame over the size limit with 1009', async () => {
    const chat = await servedChat();
    const { citizen: offender } = await joinAsCitizen(citizenWsUrl);
    clients.push(offender);
    offender.send({ type: 'message', id: 'big', text: 'a'.repeat(MAX_FRAME_BYTES) });
    // ws enforces maxPayload itself, with the standard code for a message too big.
    expect(await offender.closeCode()).toBe(1009);
    await expectChatGoesOn(chat, 'after-big');
  });

  it('closes a hello of another version with 4426', async () => {
    const offender = await HubClient.connect(citizenWsUrl);
    clients.push(offender);
    offender.send({ type: 'hello', v: 2, consent: true });
    expect((await offender.next('error')).code).toBe('unsupported-version');
    expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.unsupportedVersion);
  });

  it('answers a frame before hello with not-ready', async () => {
    const early = await HubClient.connect(citizenWsUrl);
    clients.push(early);
    early.send({ type: 'message', id: 'x', text: 'Hola' });
    expect(await early.next('error')).toEqual({ type: 'error', code: 'not-ready', ref: 'x' });
    early.send({ type: 'hello', v: 1, consent: true });
    expect((await early.next('welcome')).chatId).toMatch(/^[a-z0-9-]+$/);
  });

  it('closes a connection without hello in time', async () => {
    const chat = await servedChat();
    const silent = await HubClient.connect(citizenWsUrl);
    const silentAgent = await HubClient.connect(hub.agentUrl);
    clients.push(silent, silentAgent);
    const started = Date.now();
    expect(await silent.closeCode()).toBe(HUB_CLOSE_CODES.helloTimeout);
    expect(await silentAgent.closeCode()).toBe(HUB_CLOSE_CODES.helloTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // The served chat sent its hello long ago and stays open.
    await expectChatGoesOn(chat, 'after-timeout');
  });

  it('rejects a citizen hello without consent', async () => {
    const offender = await HubClient.connect(citizenWsUrl);
    clients.push(offender);
    offender.send({ type: 'hello', v: 1, consent: false });
    expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);
  });

  it('refuses an agent connection from a web page', async () => {
    await expect(HubClient.connect(hub.agentUrl, { Origin: 'http://example.org' })).rejects.toThrow(/403/);
  });
});
