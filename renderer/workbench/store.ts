/**
 * The workbench's one zustand store, composed of one slice per feature, each with
 * its own actions. The store's dependencies (the API client, the renderer's device
 * checks, the clock) are passed in, so the store also runs in Node.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { QueueEntry } from '../../shared/chat/model';
import type { CheckResult } from '../../shared/selftest/model';
import type { ApiClient } from '../api/client';
import { createCheckerSlice, type CheckerSlice } from '../checker/checker-slice';
import type { ReplyChecker } from '../checker/run-check';
import { createChatsSlice, type ChatsSlice } from '../chat/chats-slice';
import { createDraftInsertionSlice, type DraftInsertionSlice } from '../chat/draft-insertion';
import { createProtocolSlice, type ProtocolSlice } from '../protocol/protocol-slice';
import { createKnowledgeBaseSlice, type KnowledgeBaseSlice } from '../knowledge-base/kb-slice';
import { createOfflineSlice, type OfflineSlice } from '../offline/offline-slice';
import { createOutboxSlice, type OutboxSlice } from '../outbox/outbox-slice';
import { createQueueSlice, type QueueSlice } from '../queue/queue-slice';
import { createSelfTestSlice, type SelfTestSlice } from '../selftest/selftest-slice';
import { createSessionSlice, type SessionSlice } from '../session/session-slice';
import { createSettingsSlice, type SettingsSlice } from '../settings/settings-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createHubLoginSlice, type HubLoginSlice } from '../hub/hub-login-slice';
import { createTransferSlice, type TransferSlice } from '../transfer/transfer-slice';
import { createFollowUpsSlice, type FollowUpsSlice } from '../follow-ups/follow-ups-slice';

export type WorkbenchState = SessionSlice & QueueSlice & ChatsSlice & SelfTestSlice & UiSlice & DraftInsertionSlice & CheckerSlice & ProtocolSlice & KnowledgeBaseSlice & SettingsSlice & OutboxSlice & OfflineSlice & HubLoginSlice & TransferSlice & FollowUpsSlice;

export interface StoreDependencies {
  client: ApiClient;
  /** Runs the checks only the renderer can run (microphone, audio outputs). */
  runDeviceChecks: () => Promise<CheckResult[]>;
  /** The agent's local time, for the greeting. */
  now: () => Date;
  /** Checks drafts off the UI thread; without it replies are sent without the pre-send review. */
  checker?: ReplyChecker;
  /** Called with the chats that just joined the queue and the queue's new length. */
  onArrivals?: (arrivals: QueueEntry[], queueLength: number) => void;
}

type Set = Parameters<StateCreator<WorkbenchState>>[0];
type Get = Parameters<StateCreator<WorkbenchState>>[1];

export type SliceCreator<Slice> = (set: Set, get: Get, dependencies: StoreDependencies) => Slice;

export type WorkbenchStore = StoreApi<WorkbenchState>;

export function createWorkbenchStore(dependencies: StoreDependencies): WorkbenchStore {
  return createStore<WorkbenchState>()((set, get) => ({
    ...createSessionSlice(set, get, dependencies),
    ...createQueueSlice(set, get, dependencies),
    ...createChatsSlice(set, get, dependencies),
    ...createKnowledgeBaseSlice(set, get, dependencies),
    ...createSelfTestSlice(set, get, dependencies),
    ...createUiSlice(set, get, dependencies),
    ...createDraftInsertionSlice(set, get, dependencies),
    ...createCheckerSlice(set, get, dependencies),
    ...createProtocolSlice(set, get, dependencies),
    ...createSettingsSlice(set, get, dependencies),
    ...createOutboxSlice(set, get, dependencies),
    ...createOfflineSlice(set, get, dependencies),
    ...createHubLoginSlice(set, get, dependencies),
    ...createTransferSlice(set, get, dependencies),
    ...createFollowUpsSlice(set, get, dependencies),
  }));
}

/**
 * Feeds the store from the client's events and re-fetches after reconnections;
 * returns the function that stops it.
 */
export function connectStore(store: WorkbenchStore, client: ApiClient): () => void {
  const state = () => store.getState();
  const subscriptions = [
    client.on('hub.connection', ({ state: hub }) => state().setHubConnection(hub)),
    client.on('queue.changed', ({ entries }) => state().applyQueue(entries)),
    client.on('chat.updated', ({ chat }) => state().applyChat(chat)),
    client.on('chat.message', ({ message }) => state().applyMessage(message)),
    client.on('kb.changed', ({ status }) => state().applyKbStatus(status)),
    client.on('settings.changed', (settings) => state().applySettings(settings)),
    client.on('chat.queuedDelivered', ({ count, left }) => state().applyQueuedDelivered(count, left)),
    client.on('hub.login', (login) => state().applyHubLogin(login)),
    client.on('chat.transferred', ({ chatId, toAgent }) => state().applyTransferred(chatId, toAgent)),
    client.on('chat.updated', ({ chat }) => state().announceTransfer(chat)),
    client.on('followUp.changed', ({ requests }) => state().applyFollowUps(requests)),
    // The hub link came back: the whole workspace is read again, since chats may have changed meanwhile.
    client.on('hub.connection', ({ state: hub }) => {
      if (hub === 'connected') void state().loadWorkspace();
    }),
    client.onReconnect((workspace) => state().applyWorkspace(workspace)),
    // The local service may have restarted: its login state and follow-up requests are read again.
    client.onReconnect(() => {
      void state().loadHubLogin();
      void state().loadFollowUps();
    }),
    client.onTransportState((transport) => state().setTransportState(transport)),
  ];
  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}
