/**
 * The agents list and the done marks of follow-up requests, on a real hub with
 * real ws clients: every agent sees the others' availability change, a request
 * one agent marks done leaves every agent's list, and the mark survives kill -9.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HUB_SETTINGS } from '../../../hub/settings';
import { AGENT_PATH, CITIZEN_PATH, HUB_CLOSE_CODES, type HubToAgentFrame } from '../../../shared/hub/protocol';
import { HubClient, joinAsAgent, joinAsCitizen, killHard, spawnHubProcess, TestHubs } from './hub-client';

const ANA = 'Ana Pérez';
const BEATRIZ = 'Beatriz Gómez';
const AGENTS_INTERVAL_MS = 100;

type AgentsFrame = Extract<HubToAgentFrame, { type: 'agents' }>;

const hubs = new TestHubs();
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-agents-'));
});

afterEach(async () => {
  await hubs.stopAll();
  for (const child of children.splice(0)) await killHard(child);
  await rm(dataDir, { recursive: true, force: true });
});

/** Waits for the next agents frame that satisfies the test; frames before it are skipped. */
async function agentsWhere(agent: HubClient<HubToAgentFrame>, test: (frame: AgentsFrame) => boolean): Promise<AgentsFrame> {
  for (;;) {
    const frame = await agent.next('agents');
    if (test(frame)) return frame;
  }
}

const entryOf = (frame: AgentsFrame, name: string) => frame.agents.find((entry) => entry.name === name);

/** Leaves a citizen's request by email and resolves once the hub stored it. */
async function leaveRequest(citizenWsUrl: string, text: string): Promise<void> {
  const { citizen } = await joinAsCitizen(citizenWsUrl);
  hubs.track(citizen);
  citizen.send({ type: 'follow-up', id: 'f1', email: 'marta.gomez@example.org', text });
  await citizen.next('follow-up-stored');
}

describe('hub agents list', () => {
  it('shows both agents a pause and a taken chat', async () => {
    const settings = { ...DEFAULT_HUB_SETTINGS, limits: { ...DEFAULT_HUB_SETTINGS.limits, maxChatsPerAgent: 1 } };
    const { hub, citizenWsUrl } = await hubs.start({ settings, timings: { agentsFrameIntervalMs: AGENTS_INTERVAL_MS } });
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, ANA));
    const first = await ana.next('agents');
    expect(first.agents).toEqual([{ name: ANA, availability: 'available', chats: 0, maxChats: 1 }]);

    const beatriz = hubs.track(await joinAsAgent(hub.agentUrl, BEATRIZ));
    const both = await agentsWhere(ana, (frame) => frame.agents.length === 2);
    expect(both.agents.map((entry) => entry.name)).toEqual([ANA, BEATRIZ]);
    await agentsWhere(beatriz, (frame) => frame.agents.length === 2);

    beatriz.send({ type: 'availability', availability: 'paused' });
    const paused = await agentsWhere(ana, (frame) => entryOf(frame, BEATRIZ)?.availability === 'paused');
    expect(entryOf(paused, ANA)?.availability).toBe('available');
    await agentsWhere(beatriz, (frame) => entryOf(frame, BEATRIZ)?.availability === 'paused');

    hubs.track((await joinAsCitizen(citizenWsUrl)).citizen);
    ana.send({ type: 'take-next' });
    await ana.next('chat');
    const busy = await agentsWhere(beatriz, (frame) => entryOf(frame, ANA)?.availability === 'busy');
    expect(entryOf(busy, ANA)).toEqual({ name: ANA, availability: 'busy', chats: 1, maxChats: 1 });

    ana.close();
    const alone = await agentsWhere(beatriz, (frame) => frame.agents.length === 1);
    expect(alone.agents.map((entry) => entry.name)).toEqual([BEATRIZ]);
  });

  it('coalesces a burst of changes', async () => {
    const { hub } = await hubs.start({ timings: { agentsFrameIntervalMs: 300 } });
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, ANA));
    const beatriz = hubs.track(await joinAsAgent(hub.agentUrl, BEATRIZ));
    await agentsWhere(ana, (frame) => frame.agents.length === 2);
    const before = ana.frames.filter((frame) => frame.type === 'agents').length;

    // 40 changes within about 100 ms, ending paused.
    for (let index = 0; index < 40; index += 1) {
      beatriz.send({ type: 'availability', availability: index % 2 === 0 ? 'paused' : 'available' });
      beatriz.send({ type: 'ping', id: `p${index}` });
      await beatriz.next('pong');
    }
    beatriz.send({ type: 'availability', availability: 'paused' });
    await agentsWhere(ana, (frame) => entryOf(frame, BEATRIZ)?.availability === 'paused' && ana.frames.at(-1) === frame);
    await new Promise((resolve) => setTimeout(resolve, 700));

    const frames = ana.frames.filter((frame): frame is AgentsFrame => frame.type === 'agents').slice(before);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(4);
    expect(entryOf(frames.at(-1)!, BEATRIZ)?.availability).toBe('paused');
  });
});

describe('hub follow-up done', () => {
  it('removes a done request from every agent', async () => {
    const { hub, citizenWsUrl } = await hubs.start({ dataDir });
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, ANA));
    const beatriz = hubs.track(await joinAsAgent(hub.agentUrl, BEATRIZ));
    expect(await ana.next('follow-ups')).toEqual({ type: 'follow-ups', requests: [], complete: true });
    await beatriz.next('follow-ups');

    await leaveRequest(citizenWsUrl, 'Necesito el certificado de residencia.');
    const added = await beatriz.next('follow-ups');
    expect(added.complete).toBeUndefined();
    const id = added.requests[0]!.id;

    ana.send({ type: 'follow-up-done', id });
    const forAna = await ana.next('follow-up-done');
    expect(forAna).toMatchObject({ id, agentName: ANA });
    expect(await beatriz.next('follow-up-done')).toEqual(forAna);

    const lines = (await readFile(join(dataDir, 'follow-ups.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ kind: 'follow-up-done', id, agentName: ANA, at: forAna.at });

    const carlos = hubs.track(await joinAsAgent(hub.agentUrl, 'Carlos Ruiz'));
    expect(await carlos.next('follow-ups')).toEqual({ type: 'follow-ups', requests: [], complete: true });

    // A second mark, from another agent, gets the first one back and stores nothing.
    beatriz.send({ type: 'follow-up-done', id });
    expect(await beatriz.next('follow-up-done')).toEqual(forAna);
    expect((await readFile(join(dataDir, 'follow-ups.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('rejects an unknown request id', async () => {
    const { hub } = await hubs.start();
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, ANA));
    ana.send({ type: 'follow-up-done', id: 'no-existe' });
    expect(await ana.next('error')).toEqual({ type: 'error', code: 'unknown-follow-up', ref: 'no-existe' });
    ana.send({ type: 'ping', id: 'still-open' });
    expect(await ana.next('pong')).toMatchObject({ id: 'still-open' });
  });

  it('closes only the agent with a malformed mark', async () => {
    const { hub, citizenWsUrl } = await hubs.start();
    const ana = hubs.track(await joinAsAgent(hub.agentUrl, ANA));
    const offender = hubs.track(await joinAsAgent(hub.agentUrl, BEATRIZ));
    offender.send({ type: 'follow-up-done', id: 'x'.repeat(201) });
    expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);

    const other = hubs.track(await joinAsAgent(hub.agentUrl, 'Carlos Ruiz'));
    other.send({ type: 'follow-up-done' });
    expect(await other.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);

    await ana.next('follow-ups');
    await leaveRequest(citizenWsUrl, 'Necesito una cita.');
    const { requests } = await ana.next('follow-ups');
    ana.send({ type: 'follow-up-done', id: requests[0]!.id });
    expect(await ana.next('follow-up-done')).toMatchObject({ id: requests[0]!.id, agentName: ANA });
  });

  it('keeps the done mark after kill -9', async () => {
    const first = await spawnHubProcess(dataDir);
    children.push(first.child);
    const citizenWsUrl = `${first.wsBase}${CITIZEN_PATH}`;
    await leaveRequest(citizenWsUrl, 'Primera solicitud.');
    await leaveRequest(citizenWsUrl, 'Segunda solicitud.');
    const ana = hubs.track(await joinAsAgent(`${first.wsBase}${AGENT_PATH}`, ANA));
    const { requests } = await ana.next('follow-ups');
    expect(requests).toHaveLength(2);
    ana.send({ type: 'follow-up-done', id: requests[0]!.id });
    const mark = await ana.next('follow-up-done');
    await killHard(first.child);

    const second = await spawnHubProcess(dataDir);
    children.push(second.child);
    const beatriz = hubs.track(await joinAsAgent(`${second.wsBase}${AGENT_PATH}`, BEATRIZ));
    const list = await beatriz.next('follow-ups');
    expect(list.complete).toBe(true);
    expect(list.requests.map((request) => request.id)).toEqual([requests[1]!.id]);

    beatriz.send({ type: 'follow-up-done', id: requests[0]!.id });
    expect(await beatriz.next('follow-up-done')).toEqual(mark);
  });
});
