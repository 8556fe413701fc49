/**
 * The workstation's services against a real hub on loopback: a citizen client
 * writes, the agent's queue shows it, take-next and replies flow both ways.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../../shared/api/contract';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatch';
import { CITIZEN_PATH, HUB_PROTOCOL_VERSION } from '../../../shared/hub/protocol';
import { silentLogger } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';

let dataDir: string;
let hub: HubHandle;
let workstation: Workstation;
let dispatch: Dispatch;
let events: Array<{ event: ApiEvent; payload: unknown }>;

async function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A citizen as the widget is one: hello with consent, then messages; records every frame. */
async function citizen(text: string) {
  const socket = new WebSocket(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true }));
  await until(() => frames.find((frame) => frame.type === 'welcome'));
  socket.send(JSON.stringify({ type: 'message', id: 'c-1', text }));
  await until(() => frames.find((frame) => frame.type === 'ack'));
  return { socket, frames };
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-ws-'));
  hub = await startHub({ port: 0, logger: silentLogger });
  workstation = await createWorkstation({ dataDir, hubAgentUrl: hub.agentUrl, citizenUrl: hub.citizenUrl, presetAgentName: 'Ana Pérez', logger: silentLogger });
  dispatch = createDispatcher(workstation.handlers);
  events = [];
  workstation.subscribe((event, payload) => events.push({ event, payload }));
});

afterEach(async () => {
  await workstation.close();
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('workstation with a real hub', () => {
  it('connects and reports it', async () => {
    await until(() => events.find((entry) => entry.event === 'hub.connection' && (entry.payload as { state: string }).state === 'connected'));
    const envelope = await dispatch('workspace.get', {});
    expect(envelope).toMatchObject({ ok: true, result: { connection: 'connected' } });
  });

  it('says the queue is empty when nobody waits', async () => {
    await until(() => events.find((entry) => entry.event === 'hub.connection' && (entry.payload as { state: string }).state === 'connected'));
    expect(await dispatch('chat.takeNext', {})).toEqual({ ok: false, error: { code: 'error.queueEmpty', params: {} } });
  });

  it('serves a citizen end to end', async () => {
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
