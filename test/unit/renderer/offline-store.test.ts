// The drafts sync and the outbox slice driven through the real API client, a real
// WebSocket host, the real draft store and the real outbox over a temporary data folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import type { Chat } from '../../../shared/chat/model';
import { silentLogger } from '../../../shared/log/logger';
import { WorkspaceState } from '../../../main/chat/workspace-state';
import { createDraftHandlers } from '../../../main/drafts/api-handlers';
import { DraftStore } from '../../../main/drafts/draft-store';
import { startOutboxService } from '../../../main/outbox/api-handlers';
import { openEntitySettings } from '../../../main/settings/entity-settings';
import { watchDrafts } from '../../../renderer/offline/draft-sync';
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
  cleanups.push(async () => {
    await outbox.stop();
    await drafts.stop();
    entity.close();
  });
  return {
    dataDir,
    state,
    drafts,
    handlers: { 'workspace.get': async () => ({ connection: 'connected', queue: [], chats: state.listChats() }), ...createDraftHandlers(drafts), ...outbox.handlers },
  };
}

async function workbench(handlers: Partial<ApiHandlers>, port = 0): Promise<{ store: WorkbenchStore; host: Host; close: () => Promise<void> }> {
  const host = await startHost(handlers, port);
  const { store, client, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date() });
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
