/** A real WebSocket API host for the renderer's tests: the shared dispatcher over ws, as the browser host carries it. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket as ClientSocket, WebSocketServer, type WebSocket } from 'ws';
import type { Session, Workspace } from '../../../shared/api/contract';
import { createDispatcher, type ApiHandlers } from '../../../shared/api/dispatch';
import { ApiError } from '../../../shared/api/result';
import type { Chat } from '../../../shared/chat/model';
import { createClientOver, type ApiClient } from '../../../renderer/api/client';
import { SocketTransport, type SocketLike } from '../../../renderer/api/socket-transport';
import { connectStore, createWorkbenchStore, type StoreDependencies, type WorkbenchStore } from '../../../renderer/workbench/store';
import { emptyChatProtocol } from '../../../shared/protocol/chat-protocol';
import type { SettingsState } from '../../../shared/settings/entity-settings';
import { DEFAULT_ENTITY_SETTINGS, viewOf } from '../../../main/settings/entity-settings';

export const session: Session = {
  agentName: 'Ana Pérez',
  citizenUrl: 'http://127.0.0.1:1/',
  autoSendGreeting: false,
  availability: 'paused',
  selfTest: null,
};
export const settingsState: SettingsState = {
  entity: viewOf(DEFAULT_ENTITY_SETTINGS),
  configured: false,
  file: '/datos/settings/entidad.json',
  locked: false,
  preferences: { theme: 'light', fontSizePx: 14, notifications: true },
  error: null,
};
export const workspace: Workspace = { connection: 'connected', queue: [], chats: [] };
export const chat: Chat = { id: 'c1', arrivedAt: 1, status: 'active', agentName: 'Ana Pérez', messages: [] };

export function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  return {
    'session.get': async () => session,
    'agent.setName': async ({ name }) => ({ ...session, agentName: name }),
    'settings.setAutoSendGreeting': async ({ enabled }) => ({ ...session, autoSendGreeting: enabled }),
    'workspace.get': async () => workspace,
    'chat.takeNext': async () => {
      throw new ApiError('error.queueEmpty');
    },
    'chat.send': async ({ chatId, text }) => ({ chatId, seq: 1, id: 'm1', author: 'agent', text, at: 2 }),
    'selftest.run': async () => ({ checks: [], durationMs: 1 }),
    'kb.search': async () => [],
    'kb.article': async ({ path }) => {
      throw new ApiError('kb.error.articleNotFound', { path });
    },
    'kb.suggest': async () => [],
    'kb.status': async () => ({ state: 'ready', folder: '/kb', articles: 0, staleArticles: 0, maxAgeDays: 365, indexedAt: 1, problems: [], problemCount: 0, failure: null }),
    'selftest.record': async ({ override }) => ({ ...session, availability: 'available', selfTest: { at: 1, worst: 'pass', override } }),
    'selftest.report': async () => ({ fileName: 'verificacion.txt', text: 'Informe de verificación de equipos\n' }),
    'agent.setAvailability': async ({ availability }) => ({ ...session, availability, selfTest: { at: 1, worst: 'pass', override: null } }),
    'chat.setCitizen': async ({ chatId, name, email }) => ({ ...chat, id: chatId, protocol: { ...emptyChatProtocol(1), citizenName: name ?? null, citizenEmail: email ?? null } }),
    'chat.setAnalysis': async ({ chatId, analysis }) => ({ ...chat, id: chatId, protocol: { ...emptyChatProtocol(1), analysis } }),
    'chat.setFollowUp': async ({ chatId, email }) => ({ ...chat, id: chatId, protocol: { ...emptyChatProtocol(1), followUpEmail: email } }),
    'chat.recordOverride': async ({ chatId, messageSeq, rules }) => ({ ...chat, id: chatId, protocol: { ...emptyChatProtocol(1), reviewOverrides: [{ at: 2, messageSeq, rules }] } }),
    'chat.close': async ({ chatId }) => ({ ...chat, id: chatId, status: 'closed', protocol: { ...emptyChatProtocol(1), transcriptFile: `chat-${chatId}.json` } }),
    'settings.get': async () => settingsState,
    'settings.setPreferences': async (change) => ({ ...settingsState, preferences: { ...settingsState.preferences, ...change } }),
    'draft.save': async ({ chatId, text, protocolState, changedAt }) => ({ chatId, text, protocolState, updatedAt: changedAt }),
    'draft.list': async () => [],
    'chat.queue': async () => ({ id: 'q1', queued: 1 }),
    'outbox.enqueue': async ({ chatId }) => {
      throw new ApiError('outbox.error.chatNotEmailable', { chatId });
    },
    'outbox.list': async () => ({ entries: [], smtpConfigured: false, problems: 0 }),
    'outbox.retryNow': async ({ id }) => {
      throw new ApiError('outbox.error.notFound', { id });
    },
    'smtp.test': async () => ({ id: 'smtp', status: 'not-configured', messageKey: 'selftest.smtp.notConfigured', values: {}, params: {} }),
    'hub.login': async () => ({ hubUrl: 'ws://127.0.0.1:1/ws/agent', state: 'accepted', reason: null, tokenSet: false }),
    'hub.setToken': async () => ({ hubUrl: 'ws://127.0.0.1:1/ws/agent', state: 'pending', reason: null, tokenSet: true }),
    'chat.transfer': async ({ chatId, toAgent }) => ({ chatId, toAgent }),
    'transfer.candidates': async () => ({ source: 'transfers', colleagues: [] }),
    'followUp.list': async () => [],
    'followUp.answer': async () => {
      throw new ApiError('followUp.error.unknown');
    },
    'followUp.setDone': async () => {
      throw new ApiError('followUp.error.unknown');
    },
    ...overrides,
  };
}

export interface Host {
  server: WebSocketServer;
  port: number;
  /** Sockets of the clients connected now. */
  sockets: Set<WebSocket>;
  /** Number of workspace.get calls served. */
  workspaceCalls: number;
  broadcast(frame: unknown): void;
}

export async function startHost(overrides: Partial<ApiHandlers> = {}, port = 0): Promise<Host> {
  const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/api' });
  await once(server, 'listening');
  const host: Host = {
    server,
    port: (server.address() as AddressInfo).port,
    sockets: new Set(),
    workspaceCalls: 0,
    broadcast(frame) {
      for (const socket of host.sockets) socket.send(JSON.stringify(frame));
    },
  };
  const dispatch = createDispatcher(
    handlers({
      'workspace.get': async () => {
        host.workspaceCalls++;
        return workspace;
      },
      ...overrides,
    }),
  );
  server.on('connection', (socket) => {
    host.sockets.add(socket);
    socket.on('close', () => host.sockets.delete(socket));
    socket.on('message', async (data) => {
      const frame = JSON.parse(String(data)) as { id: number; method: string; params: unknown };
      const envelope = await dispatch(frame.method, frame.params);
      socket.send(JSON.stringify({ kind: 'response', id: frame.id, envelope }));
    });
  });
  return host;
}

/** Connects a workbench store to the host through the real client and socket transport; `stop` closes both and the host. */
export function connectTestStore(host: Host, dependencies: Omit<StoreDependencies, 'client'>): { store: WorkbenchStore; client: ApiClient; stop(): Promise<void> } {
  const transport = new SocketTransport({
    url: `ws://127.0.0.1:${host.port}/api`,
    createSocket: (url) => new ClientSocket(url) as unknown as SocketLike,
    requestTimeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 100 },
  });
  const client = createClientOver(transport);
  const store = createWorkbenchStore({ client, ...dependencies });
  const disconnect = connectStore(store, client);
  return {
    store,
    client,
    async stop() {
      disconnect();
      client.close();
      await stopHost(host);
    },
  };
}

export async function stopHost(host: Host): Promise<void> {
  for (const socket of host.sockets) socket.terminate();
  await new Promise<void>((resolve) => host.server.close(() => resolve()));
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

