/**
 * The knowledge base through the workstation's API, as the renderer calls it: the
 * dispatcher validates each request, the handlers reach the worker, suggestions use
 * the citizen's latest message from a real hub, and the self-test counts the articles.
 */
import { mkdtemp, rm } from 'node:fs/promises';
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
import { markdownArticle, writeSource } from './source-files';
import { until } from '../../support/until';

/** A date ten days ago, so that the articles stay fresh whatever the day the tests run. */
const RECENT = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

let root: string;
let folder: string;
let hub: HubHandle;
let workstation: Workstation;
let dispatch: Dispatch;
let events: { event: ApiEvent; payload: unknown }[];
const sockets: WebSocket[] = [];


beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-kb-api-'));
  folder = join(root, 'material');
  await writeSource(folder, 'residencia.md', markdownArticle({ title: 'Certificado de residencia', updated: RECENT }, 'Se expide en cinco días hábiles.'));
  await writeSource(folder, 'predial.md', markdownArticle({ title: 'Paz y salvo predial', updated: RECENT }, 'Se expide en un día hábil.'));
  hub = await startHub({ port: 0, logger: silentLogger });
  workstation = await createWorkstation({
    dataDir: join(root, 'data'),
    hubAgentUrl: hub.agentUrl,
    citizenUrl: hub.citizenUrl,
    presetAgentName: 'Ana Pérez',
    knowledgeBaseFolder: folder,
    logger: silentLogger,
  });
  dispatch = createDispatcher(workstation.handlers);
  events = [];
  workstation.subscribe((event, payload) => events.push({ event, payload }));
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await workstation.close();
  await hub.close();
  await rm(root, { recursive: true, force: true });
});

describe('knowledge base api', () => {
  it('searches and opens articles', async () => {
    const searched = await dispatch('kb.search', { query: 'sertificado de residensia' });
    expect(searched).toMatchObject({ ok: true, result: [{ path: 'residencia.md', title: 'Certificado de residencia', stale: false }] });

    expect(await dispatch('kb.article', { path: 'predial.md' })).toMatchObject({ ok: true, result: { title: 'Paz y salvo predial', text: 'Se expide en un día hábil.' } });
    expect(await dispatch('kb.article', { path: 'borrado.md' })).toEqual({ ok: false, error: { code: 'kb.error.articleNotFound', params: { path: 'borrado.md' } } });
    expect(await dispatch('kb.search', { query: '   ' })).toEqual({ ok: true, result: [] });
  });

  it('rejects invalid requests', async () => {
    for (const [method, params] of [
      ['kb.search', { query: 'x', limit: 0 }],
      ['kb.search', { query: 'x'.repeat(501) }],
      ['kb.search', { query: 'x', extra: true }],
      ['kb.article', { path: '' }],
      ['kb.suggest', {}],
    ] as const) {
      const envelope = await dispatch(method, params);
      expect(envelope.ok, `${method} ${JSON.stringify(params).slice(0, 40)}`).toBe(false);
      expect(envelope).toMatchObject({ error: { code: 'error.invalidRequest' } });
    }
  });

  it('reports status and self-test summary', async () => {
    // The first search waits for the first index; the status does not.
    await dispatch('kb.search', { query: 'residencia' });
    expect(await dispatch('kb.status', {})).toMatchObject({ ok: true, result: { state: 'ready', folder, articles: 2, problems: [] } });

    const report = await dispatch('selftest.run', {});
    const check = (report as { result: { checks: { id: string; status: string; values: Record<string, unknown> }[] } }).result.checks.find((candidate) => candidate.id === 'knowledge-base');
    expect(check).toMatchObject({ status: 'pass', values: { articles: 2 } });
  });

  it('emits kb.changed after a new file', async () => {
    await dispatch('kb.search', { query: 'residencia' });
    await writeSource(folder, 'cita.md', markdownArticle({ title: 'Cita presencial' }, 'Agende su cita.'));

    const changed = await until(() => events.find((entry) => entry.event === 'kb.changed' && (entry.payload as { status: { articles: number } }).status.articles === 3), 8000);
    expect(changed).toBeTruthy();
  });

  it('suggests for the citizen message', async () => {
    expect(await dispatch('kb.suggest', { chatId: 'no-existe' })).toEqual({ ok: false, error: { code: 'error.unknownChat', params: { chatId: 'no-existe' } } });

    const socket = new WebSocket(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href);
    sockets.push(socket);
    const frames: Record<string, unknown>[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true }));
    await until(() => frames.find((frame) => frame.type === 'welcome'));
    socket.send(JSON.stringify({ type: 'message', id: 'c-1', text: 'nesecito el paz y salbo del predial' }));
    await until(() => frames.find((frame) => frame.type === 'ack'));

    await dispatch('selftest.record', { checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } }], durationMs: 10, override: null });
    await until(() => events.find((entry) => entry.event === 'queue.changed' && (entry.payload as { entries: unknown[] }).entries.length === 1));
    const takenChat = await dispatch('chat.takeNext', {});
    expect(takenChat.ok).toBe(true);
    const chatId = (takenChat as { result: { id: string } }).result.id;

    const suggested = await dispatch('kb.suggest', { chatId });
    expect(suggested).toMatchObject({ ok: true, result: [{ path: 'predial.md' }] });

    // A reply with only the citizen's name and email keeps the suggestions of the request before it.
    socket.send(JSON.stringify({ type: 'message', id: 'c-2', text: 'Me llamo Marta Lucía Gómez y mi correo es marta.gomez@example.org' }));
        const chat = await until(async () => {
      const workspace = await dispatch('workspace.get', {});
      const chats = workspace.ok ? (workspace.result as { chats: { id: string; messages: { id: string }[] }[] }).chats : [];
      return chats.find((candidate) => candidate.id === chatId && candidate.messages.some((message) => message.id === 'c-2'));
    });
    expect(chat).toBeTruthy();
    expect(await dispatch('kb.suggest', { chatId })).toMatchObject({ ok: true, result: [{ path: 'predial.md' }] });
  });
});
