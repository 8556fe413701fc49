// The drafts sync and the outbox slice driven through the real API client, a real
// WebSocket host, the real draft store and the real outbox over a temporary data folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { SpellingEngine } from '../../../shared/checker/index';
import type { Chat } from '../../../shared/chat/model';
import { silentLogger } from '../../../shared/log/logger';
import { WorkspaceState } from '../../../main/chat/workspace-state';
import { createDraftHandlers } from '../../../main/drafts/api-handlers';
import { DraftStore } from '../../../main/drafts/draft-store';
import { startOutboxService } from '../../../main/outbox/api-handlers';
import { openEntitySettings } from '../../../main/settings/entity-settings';
import { runCheck, type ReplyChecker } from '../../../renderer/checker/run-check';
import { watchDrafts } from '../../../renderer/offline/draft-sync';
import { proposedEmailOf } from '../../../renderer/outbox/outbox-slice';
import { watchOutbox } from '../../../renderer/outbox/watch-outbox';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { connectTestStore, startHost, waitFor, type Host } from './api-host';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const cutChat: Chat = {
  id: 'chat-1',
  arrivedAt: 1000,
  status: 'cut',
  agentName: 'Ana Pérez',
  messages: [{ chatId: 'chat-1', seq: 1, id: 'm-1', author: 'citizen', text: 'Necesito un certificado', at: 1001 }],
};

interface Services {
  dataDir: string;
  state: WorkspaceState;
  drafts: DraftStore;
  handlers: Partial<ApiHandlers>;
  /** Stops the services as the workstation does at exit; the data folder stays. */
  stop: () => Promise<void>;
}

async function services(dataDir = mkdtempSync(join(tmpdir(), 'atiende-offline-store-'))): Promise<Services> {
  const state = new WorkspaceState();
  state.putChat(structuredClone(cutChat));
  const drafts = await DraftStore.open({ dataDir, debounceMs: 10, maxWaitMs: 50 });
  const settingsPath = join(dataDir, 'entidad.json');
  writeFileSync(settingsPath, JSON.stringify({ entityName: 'Alcaldía de Prueba' }));
  const entity = await openEntitySettings({ dataDir, path: settingsPath, logger: silentLogger, watch: false });
  const outbox = await startOutboxService({
    dataDir,
    entity,
    getChat: (chatId) => state.getChat(chatId),
    updateProtocol: (chatId, change) => state.updateProtocol(chatId, change),
    removeDraft: (chatId) => drafts.remove(chatId),
    emit: () => {},
    logger: silentLogger,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await outbox.stop();
    await drafts.stop();
    entity.close();
  };
  cleanups.push(stop);
  return {
    dataDir,
    state,
    drafts,
    stop,
    handlers: { 'workspace.get': async () => ({ connection: 'connected', queue: [], chats: state.listChats() }), ...createDraftHandlers(drafts), ...outbox.handlers },
  };
}

/** The real reply checker, in process, as the renderer's worker runs it. */
function realChecker(): ReplyChecker {
  const spelling = SpellingEngine.fromText(readFileSync('dist/spelling/es-words.txt', 'utf8'));
  return { check: async (text, options) => runCheck(text, options, spelling) };
}

async function workbench(handlers: Partial<ApiHandlers>, port = 0, checker?: ReplyChecker): Promise<{ store: WorkbenchStore; host: Host; close: () => Promise<void> }> {
  const host = await startHost(handlers, port);
  const { store, client, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(), checker });
  const stops = [watchDrafts(store, client), watchOutbox(store, client)];
  await store.getState().loadWorkspace();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const stopWatching of stops) stopWatching();
    await stop();
  };
  cleanups.push(close);
  return { store, host, close };
}

describe('draft sync', () => {
  it('saves a draft within a second', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers);

    const typedAt = Date.now();
    store.getState().setDraft('chat-1', 'Le informo que el certificado');
    store.getState().setEmailTo('chat-1', 'juan@example.com');
    await waitFor(() => node.drafts.get('chat-1')?.text === 'Le informo que el certificado', 1000);
    expect(Date.now() - typedAt).toBeLessThan(1000);
    await node.drafts.flush();

    // A second workbench, as after a restart, fills the composer and the address from the stored draft.
    const again = await workbench(node.handlers);
    await waitFor(() => again.store.getState().drafts['chat-1'] === 'Le informo que el certificado');
    expect(again.store.getState().emailTo['chat-1']).toBe('juan@example.com');
  });

  it('saves during continuous typing', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers);

    // A keystroke every 30 ms never pauses, and still the store gets the text while typing goes on.
    const sentence = 'Le informo que el certificado se solicita en la sede principal.';
    const started = Date.now();
    let savedWhileTyping = 0;
    for (let length = 1; length <= 40; length++) {
      store.getState().setDraft('chat-1', sentence.slice(0, length));
      await new Promise((resolve) => setTimeout(resolve, 30));
      savedWhileTyping = node.drafts.get('chat-1')?.text.length ?? 0;
    }
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(savedWhileTyping).toBeGreaterThan(25);
  });

  it('keeps newer local text on resync', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    node.drafts.update('chat-1', { text: 'texto viejo', protocolState: { composer: null, changedAt: 1 } });
    const { store, host } = await workbench(node.handlers);
    await waitFor(() => store.getState().drafts['chat-1'] === 'texto viejo');

    // The agent types while the service is away; the save waits for the link.
    for (const socket of host.sockets) socket.terminate();
    store.getState().setDraft('chat-1', 'texto nuevo escrito sin conexión');
    await waitFor(() => node.drafts.get('chat-1')?.text === 'texto nuevo escrito sin conexión', 3000);
    expect(store.getState().drafts['chat-1']).toBe('texto nuevo escrito sin conexión');
  });
});

describe('email answer', () => {
  it('rejects a bad address and keeps the draft', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers);
    store.getState().setDraft('chat-1', 'Puede pedirlo en línea.');
    store.getState().setEmailTo('chat-1', 'juan@');

    await store.getState().sendReply('chat-1');
    expect(store.getState().emailNotices['chat-1']).toMatchObject({ error: true, message: { key: 'outbox.error.invalidAddress' } });
    expect(store.getState().drafts['chat-1']).toBe('Puede pedirlo en línea.');
    expect(store.getState().outboxEntries).toEqual([]);
  });

  it('queues the answer and clears the draft', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers);
    await waitFor(() => store.getState().smtpConfigured === false);
    store.getState().setDraft('chat-1', 'Puede pedirlo en línea.');
    store.getState().setEmailTo('chat-1', ' Juan@Example.com ');

    await store.getState().sendReply('chat-1');
    const state = store.getState();
    expect(state.emailNotices['chat-1']).toEqual({ error: false, message: { key: 'composer.email.queued', params: { to: 'juan@example.com' } } });
    expect(state.drafts['chat-1']).toBe('');
    expect(state.outboxEntries.map((entry) => [entry.state, entry.to])).toEqual([['pending', 'juan@example.com']]);
    expect(state.chats.find((chat) => chat.id === 'chat-1')?.protocol?.emailAnswers).toHaveLength(1);
    expect(node.state.getChat('chat-1')?.protocol?.citizenEmail).toBe('juan@example.com');
  });
});

describe('email answer, after review and restart', () => {
  it('proposes the address the citizen wrote', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    node.state.addMessage({ chatId: 'chat-1', seq: 2, id: 'm-2', author: 'citizen', text: 'Soy Juan, mi correo es Juan.Gomez@Example.com.', at: 1002 });
    const { store } = await workbench(node.handlers);
    await waitFor(() => store.getState().chats.length === 1);
    expect(proposedEmailOf(store.getState(), 'chat-1')).toBe('juan.gomez@example.com');

    // The proposal stays editable: an invalid address is named in the notice, and nothing is queued.
    store.getState().setEmailTo('chat-1', 'juan.gomez@');
    store.getState().setDraft('chat-1', 'Puede pedirlo en línea.');
    await store.getState().sendReply('chat-1');
    expect(store.getState().emailNotices['chat-1']).toEqual({ error: true, message: { key: 'outbox.error.invalidAddress', params: { address: 'juan.gomez@' } } });
    expect(store.getState().outboxEntries).toEqual([]);

    // Back to the proposal: the answer goes to the detected address.
    store.getState().setEmailTo('chat-1', 'juan.gomez@example.com');
    await store.getState().sendReply('chat-1');
    expect(store.getState().outboxEntries.map((entry) => entry.to)).toEqual(['juan.gomez@example.com']);
  });

  it('prefers the stored address to the detected one', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    node.state.addMessage({ chatId: 'chat-1', seq: 2, id: 'm-2', author: 'citizen', text: 'mi correo es viejo@example.com', at: 1002 });
    node.state.updateProtocol('chat-1', (protocol) => ({ ...protocol, citizenEmail: 'confirmado@example.com' }));
    const { store } = await workbench(node.handlers);
    await waitFor(() => store.getState().chats.length === 1);
    expect(proposedEmailOf(store.getState(), 'chat-1')).toBe('confirmado@example.com');

    // An address cleared by the agent stays cleared instead of coming back.
    store.getState().setEmailTo('chat-1', '');
    expect(proposedEmailOf(store.getState(), 'chat-1')).toBe('');
  });

  it('records an override of the review', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers, 0, realChecker());
    store.getState().setDraft('chat-1', 'Claro que sí!! :)');
    store.getState().setEmailTo('chat-1', 'juan@example.com');

    await store.getState().submitReply('chat-1');
    expect(store.getState().review?.findings.map((finding) => finding.rule)).toEqual(['exclamation', 'emoticon']);
    expect(store.getState().outboxEntries).toEqual([]);

    await store.getState().sendAnyway();
    const [entry] = store.getState().outboxEntries;
    expect(entry?.to).toBe('juan@example.com');
    const overrides = node.state.getChat('chat-1')?.protocol?.reviewOverrides;
    expect(overrides).toEqual([{ at: entry!.createdAt, outboxId: entry!.id, messageId: entry!.messageId, rules: ['exclamation', 'emoticon'] }]);
    expect(store.getState().chats[0]?.protocol?.reviewOverrides).toEqual(overrides);
    expect(store.getState().sendErrors['chat-1']).toBeUndefined();
  });

  it('records no override for a clean answer', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const { store } = await workbench(node.handlers, 0, realChecker());
    store.getState().setDraft('chat-1', 'Puede pedir el certificado en la sede principal.');
    store.getState().setEmailTo('chat-1', 'juan@example.com');

    await store.getState().submitReply('chat-1');
    expect(store.getState().review).toBeNull();
    expect(store.getState().outboxEntries).toHaveLength(1);
    expect(node.state.getChat('chat-1')?.protocol?.reviewOverrides).toEqual([]);
  });

  it('leaves no draft after a restart', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const first = await workbench(node.handlers);
    first.store.getState().setDraft('chat-1', 'Puede pedirlo en línea.');
    first.store.getState().setEmailTo('chat-1', 'juan@example.com');
    await waitFor(() => node.drafts.get('chat-1')?.text === 'Puede pedirlo en línea.');

    await first.store.getState().sendReply('chat-1');
    expect(first.store.getState().outboxEntries).toHaveLength(1);
    // Longer than the renderer's save delay and the store's write delay, so any save after the queueing has landed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await node.drafts.flush();
    expect(node.drafts.get('chat-1')).toBeUndefined();
    expect(readdirSync(join(node.dataDir, 'drafts')).filter((name) => name.endsWith('.json'))).toEqual([]);

    // The workstation services and the workbench start again over the same data folder.
    await first.close();
    await node.stop();
    const again = await services(node.dataDir);
    const second = await workbench(again.handlers);
    await waitFor(() => second.store.getState().chats.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.drafts.list()).toEqual([]);
    expect(second.store.getState().drafts['chat-1']).toBeUndefined();
    expect(second.store.getState().emailTo['chat-1']).toBeUndefined();
  });
});

describe('replies without the hub', () => {
  it('queues the reply and reports delivery', async () => {
    const node = await services();
    cleanups.push(() => rmSync(node.dataDir, { recursive: true, force: true }));
    const queued: string[] = [];
    node.state.putChat({ ...structuredClone(cutChat), id: 'chat-2', status: 'active' });
    const { store, host } = await workbench({
      ...node.handlers,
      'chat.send': async () => {
        throw new Error('chat.send must not be called while the hub is away');
      },
      'chat.queue': async ({ text }) => {
        queued.push(text);
        return { id: `q-${queued.length}`, queued: queued.length };
      },
    });
    store.getState().setHubConnection('disconnected');
    store.getState().setDraft('chat-2', 'Le respondo en un momento.');

    await store.getState().sendReply('chat-2');
    expect(queued).toEqual(['Le respondo en un momento.']);
    expect(store.getState().drafts['chat-2']).toBe('');
    expect(store.getState().queuedReplies).toBe(1);

    host.broadcast({ kind: 'event', event: 'chat.queuedDelivered', payload: { count: 1, left: 0 } });
    await waitFor(() => store.getState().deliveryNotice !== null);
    expect(store.getState().deliveryNotice).toEqual({ key: 'offline.delivered', params: { count: 1 } });
    expect(store.getState().queuedReplies).toBe(0);
  });
});
