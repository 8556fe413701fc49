/**
 * The workstation's services behind the API contract: the agent's settings, the
 * connection to the hub, the chats and the self-test. Electron's IPC and the
 * browser host both call these handlers through the shared dispatcher.
 */
import type { ApiEvent, ApiEventPayload } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/result';
import type { Logger } from '../../shared/log/logger';
import { agentNameSchema } from '../../shared/protocol/agent-name';
import { AgentHubClient } from '../chat/agent-hub-client';
import { WorkspaceState } from '../chat/workspace-state';
import { runSelfTest } from '../selftest/run-selftest';
import { openAgentSettings } from '../settings/agent-settings';

export interface WorkstationOptions {
  dataDir: string;
  /** The hub's agent endpoint, e.g. ws://127.0.0.1:4180/ws/agent. */
  hubAgentUrl: string;
  /** The citizen widget's address, shown to the agent. */
  citizenUrl: string;
  /** A name given on the command line; it replaces the stored one. */
  presetAgentName?: string;
  logger: Logger;
}

export type EventListener = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

export interface Workstation {
  handlers: ApiHandlers;
  /** Subscribes to the contract's events; returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export async function createWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const logger = options.logger.child({ module: 'workstation' });
  const settings = await openAgentSettings(options.dataDir, logger);
  const state = new WorkspaceState();
  const listeners = new Set<EventListener>();
  let client: AgentHubClient | null = null;

  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  if (options.presetAgentName !== undefined) {
    const parsed = agentNameSchema.safeParse(options.presetAgentName);
    if (!parsed.success) throw new ApiError(parsed.error.issues[0]?.message ?? 'agentName.invalid');
    if (parsed.data !== settings.get().agentName) await settings.update({ agentName: parsed.data });
  }

  function connect(agentName: string): void {
    client = new AgentHubClient({ url: options.hubAgentUrl, agentName, logger: logger.child({ module: 'hub-client' }) });
    client.on('connection', (connectionState) => emit('hub.connection', { state: connectionState }));
    client.on('queue', (entries) => emit('queue.changed', { entries: state.setQueue(entries) }));
    client.on('chat', (chat) => {
      const queued = state.queue.length;
      emit('chat.updated', { chat: state.putChat(chat) });
      if (state.queue.length !== queued) emit('queue.changed', { entries: state.queue });
    });
    client.on('message', (message) => {
      if (state.addMessage(message)) emit('chat.message', { message });
    });
    client.on('citizenLeft', (chatId) => {
      const chat = state.closeChat(chatId);
      if (chat) emit('chat.updated', { chat });
    });
    client.start();
  }

  const initialName = settings.get().agentName;
  if (initialName) connect(initialName);

  const session = () => ({ ...settings.get(), citizenUrl: options.citizenUrl });

  const handlers: ApiHandlers = {
    'session.get': async () => session(),

    'agent.setName': async ({ name }) => {
      await settings.update({ agentName: name });
      if (client) client.setAgentName(name);
      else connect(name);
      logger.info({}, 'agent name set');
      return session();
    },

    'settings.setAutoSendGreeting': async ({ enabled }) => {
      await settings.update({ autoSendGreeting: enabled });
      return session();
    },

    'workspace.get': async () => ({
      connection: client?.connection ?? 'disconnected',
      queue: state.queue,
      chats: state.listChats(),
    }),

    'chat.takeNext': async () => {
      if (!client) throw new ApiError('error.agentNameMissing');
      const chat = await client.takeNext();
      logger.info({ chatId: chat.id }, 'chat taken');
      return state.getChat(chat.id) ?? chat;
    },

    'chat.send': async ({ chatId, text }) => {
      const chat = state.getChat(chatId);
      if (!client || !chat || chat.status === 'closed') throw new ApiError('error.unknownChat', { chatId });
      const message = await client.send(chatId, text);
      if (state.addMessage(message)) emit('chat.message', { message });
      return message;
    },

    'selftest.run': async () => runSelfTest({ hubUrl: options.hubAgentUrl, dataDir: options.dataDir, logger: logger.child({ module: 'selftest' }) }),
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await client?.stop();
      listeners.clear();
    },
  };
}
