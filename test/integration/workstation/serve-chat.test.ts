/**
 * The workstation's services against a real hub on loopback: a citizen client
 * writes, the agent's queue shows it, take-next and replies flow both ways.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../../shared/api/contract';
import type { Dispatch } from '../../../shared/api/dispatch';
import { HUB_PROTOCOL_VERSION } from '../../../shared/hub/protocol';
import type { HubHandle } from '../../../hub/server';
import { readRuns } from '../../../main/selftest/run-log';
import { until } from '../../support/until';
import { citizenWsUrl, startCenterHub, Station } from './center';

let dataDir: string;
let hub: HubHandle;
let station: Station;
let dispatch: Dispatch;
let events: Array<{ event: ApiEvent; payload: unknown }>;


/** A citizen as the widget is one: hello with consent, then messages; records every frame. */
async function citizen(text: string) {
  const socket = new WebSocket(citizenWsUrl(hub));
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true }));
  await until(() => frames.find((frame) => frame.type === 'welcome'));
  socket.send(JSON.stringify({ type: 'message', id: 'c-1', text }));
  await until(() => frames.find((frame) => frame.type === 'ack'));
  return { socket, frames };
}

const passingCheck = { id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } };
const failingCheck = { id: 'headset', status: 'fail', values: {}, messageKey: 'selftest.headset.fail', params: {} };

async function recordPassingSelfTest(): Promise<void> {
  const envelope = await dispatch('selftest.record', { checks: [passingCheck], durationMs: 10, override: null });
  expect(envelope.ok).toBe(true);
}

beforeEach(async () => {
  hub = await startCenterHub();
  station = await Station.open(hub, { agentName: 'Ana Pérez' });
  ({ dataDir, dispatch, events } = station);
});

afterEach(async () => {
  await station.close();
  await hub.close();
});

describe('workstation with a real hub', () => {
  it('connects and reports it', async () => {
    await until(() => events.find((entry) => entry.event === 'hub.connection' && (entry.payload as { state: string }).state === 'connected'));
    const envelope = await dispatch('workspace.get', {});
    expect(envelope).toMatchObject({ ok: true, result: { connection: 'connected' } });
  });

  it('says the queue is empty when nobody waits', async () => {
    await until(() => events.find((entry) => entry.event === 'hub.connection' && (entry.payload as { state: string }).state === 'connected'));
    await recordPassingSelfTest();
    expect(await dispatch('chat.takeNext', {})).toEqual({ ok: false, error: { code: 'error.queueEmpty', params: {} } });
  });

  it('serves a citizen end to end', async () => {
    await recordPassingSelfTest();
    const { frames } = await citizen('Hola, necesito un certificado de residencia');

    const queue = await until(() => {
      const last = events.filter((entry) => entry.event === 'queue.changed').at(-1)?.payload as { entries: Array<{ excerpt: string }> } | undefined;
      // The chat is queued at hello with an empty excerpt, then the first message fills it.
      return last?.entries.length === 1 && last.entries[0]!.excerpt !== '' ? last.entries : undefined;
    });
    expect(queue[0]!.excerpt).toBe('Hola, necesito un certificado de residencia');

    const taken = await dispatch('chat.takeNext', {});
    expect(taken.ok).toBe(true);
    const chat = (taken as { result: { id: string; messages: Array<{ text: string }> } }).result;
    expect(chat.messages.map((message) => message.text)).toEqual(['Hola, necesito un certificado de residencia']);
    await until(() => frames.find((frame) => frame.type === 'agent-joined' && frame.agentName === 'Ana Pérez'));

    const sent = await dispatch('chat.send', { chatId: chat.id, text: 'Buenas tardes, soy Ana Pérez.' });
    expect(sent).toMatchObject({ ok: true, result: { author: 'agent', text: 'Buenas tardes, soy Ana Pérez.' } });
    await until(() => frames.find((frame) => frame.type === 'message' && (frame.message as { text: string }).text === 'Buenas tardes, soy Ana Pérez.'));

    const workspace = await dispatch('workspace.get', {});
    const stored = (workspace as { result: { chats: Array<{ messages: unknown[] }>; queue: unknown[] } }).result;
    expect(stored.queue).toEqual([]);
    expect(stored.chats[0]!.messages).toHaveLength(2);
  });

  it('rejects a reply to a chat the agent does not have', async () => {
    expect(await dispatch('chat.send', { chatId: 'nope', text: 'Hola.' })).toEqual({ ok: false, error: { code: 'error.unknownChat', params: { chatId: 'nope' } } });
  });
});

describe('the shift', () => {
  it('starts paused and takes no chat before a self-test', async () => {
    expect(await dispatch('session.get', {})).toMatchObject({ ok: true, result: { availability: 'paused', selfTest: null } });
    expect(await dispatch('chat.takeNext', {})).toMatchObject({ ok: false, error: { code: 'error.selftestRequired' } });
    expect(await dispatch('agent.setAvailability', { availability: 'available' })).toMatchObject({ ok: false, error: { code: 'error.selftestRequired' } });
  });

  it('makes the agent available after a clean self-test', async () => {
    const envelope = await dispatch('selftest.record', { checks: [passingCheck], durationMs: 10, override: null });
    expect(envelope).toMatchObject({ ok: true, result: { availability: 'available', selfTest: { worst: 'pass', override: null } } });
  });

  it('demands a written reason when a check failed', async () => {
    const checks = [passingCheck, failingCheck];
    expect(await dispatch('selftest.record', { checks, durationMs: 10, override: null })).toMatchObject({ ok: false, error: { code: 'error.overrideRequired' } });
    expect(await dispatch('selftest.record', { checks, durationMs: 10, override: '  corto  ' })).toMatchObject({ ok: false, error: { code: 'error.overrideRequired' } });
    expect(await dispatch('session.get', {})).toMatchObject({ ok: true, result: { availability: 'paused' } });

    const reason = 'La diadema está en reparación; uso la del puesto 12.';
    const envelope = await dispatch('selftest.record', { checks, durationMs: 10, override: reason });
    expect(envelope).toMatchObject({ ok: true, result: { availability: 'available', selfTest: { worst: 'fail', override: reason } } });

    const runs = (await readRuns(dataDir)).map((run) => run.override);
    expect(runs).toEqual([reason]);
    const report = await dispatch('selftest.report', {});
    expect(report).toMatchObject({ ok: true, result: { text: expect.stringContaining(`Motivo: ${reason}`) } });
  });

  it('takes no chat while paused', async () => {
    await recordPassingSelfTest();
    await dispatch('agent.setAvailability', { availability: 'paused' });
    expect(await dispatch('chat.takeNext', {})).toMatchObject({ ok: false, error: { code: 'error.agentPaused' } });
  });

  it('has no report before the first run', async () => {
    expect(await dispatch('selftest.report', {})).toMatchObject({ ok: false, error: { code: 'error.noSelftestRun' } });
  });
});
