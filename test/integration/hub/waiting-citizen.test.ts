// Frames a real hub sends a citizen over real `ws` clients: the estimated wait from the agents' free slots
// and from recent chats only once some ended, and a transfer marked as one, placed after the messages sent
// before it, also after a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubOptions } from '../../../hub/server';
import { hubSettingsSchema } from '../../../hub/settings';
import { MIN_SAMPLES } from '../../../hub/wait-estimate';
import type { HubToCitizenFrame } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen, TestHubs } from './hub-client';

const hubs = new TestHubs();
const folders: string[] = [];

afterEach(async () => {
  await hubs.stopAll();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function hubWith(settings: unknown, options: HubOptions = {}) {
  return hubs.start({ host: '127.0.0.1', timings: { queueFrameIntervalMs: 10 }, settings: hubSettingsSchema.parse(settings), ...options });
}

const lastPosition = (citizen: HubClient<HubToCitizenFrame>) => citizen.frames.filter((frame) => frame.type === 'position').at(-1);

describe('waiting citizen', () => {
  it('waits about nothing with a free agent', async () => {
    const { hub, citizenWsUrl } = await hubWith({ defaultHandlingMs: 600_000, limits: { maxChatsPerAgent: 1 } });
    hubs.track(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    hubs.track(await joinAsAgent(hub.agentUrl, 'Luis Rodríguez'));
    const waiting: Array<HubClient<HubToCitizenFrame>> = [];
    for (let index = 0; index < 3; index += 1) waiting.push(hubs.track((await joinAsCitizen(citizenWsUrl)).citizen));

    // Two idle agents with one slot each: the first two in line wait only for a take.
    await expect.poll(() => lastPosition(waiting[0]!), { timeout: 3_000 }).toEqual({ type: 'position', position: 1, estimatedWaitMs: 0, estimateBasis: 'free-agent' });
    await expect.poll(() => lastPosition(waiting[1]!), { timeout: 3_000 }).toEqual({ type: 'position', position: 2, estimatedWaitMs: 0, estimateBasis: 'free-agent' });
    // The third waits for one of two 10-minute chats to end, and no chat ended yet: the configured default.
    await expect.poll(() => lastPosition(waiting[2]!), { timeout: 3_000 }).toEqual({ type: 'position', position: 3, estimatedWaitMs: 300_000, estimateBasis: 'default' });
  });

  it('estimates from recent chats once some ended', async () => {
    const { hub, citizenWsUrl } = await hubWith({ defaultHandlingMs: 600_000, limits: { maxChatsPerAgent: 1 } });
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    // Chats that end at once: handling times of a few ms.
    for (let index = 0; index < MIN_SAMPLES; index += 1) {
      const { citizen } = await joinAsCitizen(citizenWsUrl);
      hubs.track(citizen);
      ana.send({ type: 'take-next' });
      const { chat } = await ana.next('chat');
      ana.send({ type: 'close', chatId: chat.id });
      await citizen.next('closed');
    }

    // Ana serves one chat, so the next citizen waits for it to end.
    hubs.track((await joinAsCitizen(citizenWsUrl)).citizen);
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    const { citizen } = await joinAsCitizen(citizenWsUrl);
    hubs.track(citizen);
    await expect.poll(() => lastPosition(citizen), { timeout: 3_000 }).toEqual({ type: 'position', position: 1, estimatedWaitMs: 0, estimateBasis: 'recent-chats' });
  });

  it('gives no estimate without an available agent', async () => {
    const { hub, citizenWsUrl } = await hubWith({});
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, 'Ana Pérez'));
    ana.send({ type: 'availability', availability: 'paused' });
    const { citizen } = await joinAsCitizen(citizenWsUrl);
    hubs.track(citizen);
    await expect.poll(() => lastPosition(citizen), { timeout: 3_000 }).toEqual({ type: 'position', position: 1 });
    expect(await citizen.next('service')).toEqual({ type: 'service', state: 'no-agents' });
  });

  it('marks a transfer across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-transfer-'));
    folders.push(dataDir);
    const first = await hubWith({}, { dataDir });
    const ana = await joinAsAgent(first.hub.agentUrl, 'Ana Pérez');
    const luis = await joinAsAgent(first.hub.agentUrl, 'Luis Rodríguez');
    const { citizen, chatId, token } = await joinAsCitizen(first.citizenWsUrl);
    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un paz y salvo.' });
    await citizen.next('ack');
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    expect(await citizen.next('agent-joined')).toEqual({ type: 'agent-joined', agentName: 'Ana Pérez', sinceSeq: 1 });
    // Ana's last message is still being stored when the transfer arrives; the join comes after it all the same.
    ana.send({ type: 'message', chatId, id: 'a1', text: 'Le paso con el área de paz y salvo.' });
    ana.send({ type: 'transfer', id: 'tr1', chatId, toAgent: 'Luis Rodríguez', note: 'Paz y salvo' });
    expect(await citizen.next('agent-joined')).toEqual({ type: 'agent-joined', agentName: 'Luis Rodríguez', sinceSeq: 2, transfer: true });
    expect((await citizen.next('message')).message).toMatchObject({ id: 'a1', seq: 2, author: 'agent' });
    await luis.next('chat');
    for (const client of [ana, luis, citizen]) client.close();
    await first.hub.close();

    // The restarted hub rebuilds the joins from the journal and repeats them on the citizen's resume.
    const second = await hubWith({}, { dataDir });
    const back = hubs.track(await HubClient.connect(second.citizenWsUrl));
    back.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    await back.next('agent-joined');
    await back.next('agent-joined');
    expect(back.frames.filter((frame) => frame.type === 'agent-joined')).toEqual([
      { type: 'agent-joined', agentName: 'Ana Pérez', sinceSeq: 1 },
      { type: 'agent-joined', agentName: 'Luis Rodríguez', sinceSeq: 2, transfer: true },
    ]);
  });
});
