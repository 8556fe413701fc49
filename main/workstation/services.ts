/**
 * The workstation's services behind the API contract: the agent's settings, the
 * connection to the hub, the chats and the self-test. Electron's IPC and the
 * browser host both call these handlers through the shared dispatcher.
 */
import { OVERRIDE_REASON_MIN_LENGTH, type ApiEvent, type ApiEventPayload, type Availability, type Session } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/result';
import type { Logger } from '../../shared/log/logger';
import { agentNameSchema } from '../../shared/protocol/agent-name';
import { AgentHubClient } from '../chat/agent-hub-client';
import { SendQueue } from '../chat/send-queue';
import { createProtocolHandlers } from '../chat/protocol-handlers';
import { WorkspaceState } from '../chat/workspace-state';
import { ChatRecordStore } from '../chat/chat-record-store';
import { createKnowledgeBaseHandlers } from '../knowledge-base/api-handlers';
import { openKnowledgeBase } from '../knowledge-base/knowledge-base';
import { worstStatus } from '../../shared/selftest/model';
import { appVersion } from '../host/package-root';
import { appendRun, createRun, formatReport, readRuns } from '../selftest/run-log';
import { runSelfTest } from '../selftest/run-selftest';
import { openAgentSettings } from '../settings/agent-settings';
import { openEntitySettings, resolveSettingsPath, type EntitySettingsStore } from '../settings/entity-settings';
import { createSettingsHandlers, settingsStateOf } from '../settings/settings-handlers';
import { startRetentionSweeps } from '../privacy/retention';
import { createDraftHandlers } from '../drafts/api-handlers';
import { DraftStore } from '../drafts/draft-store';
import { startOutboxService } from '../outbox/api-handlers';
import { createHubSession } from '../chat/hub-handlers';
import type { HubTokenStore } from '../settings/hub-token';

export interface WorkstationOptions {
  dataDir: string;
  /** The hub's agent endpoint, e.g. ws://127.0.0.1:4180/ws/agent. */
  hubAgentUrl: string;
  /** The agent's token for a hub with accounts, given at start; it wins over the stored one. The embedded hub runs in local mode and needs none. */
  hubToken?: string;
  /** Keeps the token the agent types in the workbench between launches. */
  hubTokenStore?: HubTokenStore;
  /** The citizen widget's address, shown to the agent. */
  citizenUrl: string;
  /** A name given on the command line; it replaces the stored one. */
  presetAgentName?: string;
  /** The knowledge base's source folder; without it, the settings' folder or the sample material. */
  knowledgeBaseFolder?: string;
  /** The entity's settings, opened by the caller; without them the workstation opens settingsPath (or the default file) itself. */
  entitySettings?: EntitySettingsStore;
  settingsPath?: string;
  /** Returns the SMTP password kept apart from the settings file, or undefined when there is none. */
  smtpPassword?: () => Promise<string | undefined>;
  logger: Logger;
}

export type EventListener = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

export interface Workstation {
  handlers: ApiHandlers;
  /** Subscribes to the contract's events; returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
  /** Reconnects to another hub. The chats and the queue of the previous hub are closed and emptied here. */
  switchHub(addresses: { agentUrl: string; citizenUrl: string }): Promise<void>;
  close(): Promise<void>;
}

export async function createWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const logger = options.logger.child({ module: 'workstation' });
  const settings = await openAgentSettings(options.dataDir, logger);
  const entity =
    options.entitySettings ?? (await openEntitySettings({ dataDir: options.dataDir, path: options.settingsPath ?? resolveSettingsPath(options.dataDir), logger, watch: true }));
  // Loaded before the hub connection starts, so a chat the hub gives back keeps its stored record.
  const chatRecords = await ChatRecordStore.open({ dataDir: options.dataDir, logger });
  const state = new WorkspaceState(chatRecords);
  const listeners = new Set<EventListener>();
  let client: AgentHubClient | null = null;
  // The hub in use; switchHub changes it when the settings file names another.
  let hubAgentUrl = options.hubAgentUrl;
  let citizenUrl = options.citizenUrl;

  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };

  if (options.presetAgentName !== undefined) {
    const parsed = agentNameSchema.safeParse(options.presetAgentName);
    if (!parsed.success) throw new ApiError(parsed.error.issues[0]?.message ?? 'agentName.invalid');
    if (parsed.data !== settings.get().agentName) await settings.update({ agentName: parsed.data });
  }

  // The entity's settings name the knowledge base's folder and maximum age, and may change them while the workstation runs.
  const knowledgeBaseSettings = () => ({
    folder: options.knowledgeBaseFolder ?? entity.get().knowledgeBase.folder,
    maxAgeDays: entity.configured() ? entity.get().knowledgeBase.maxAgeDays : undefined,
  });
  const knowledgeBase = await openKnowledgeBase({ dataDir: options.dataDir, logger, ...knowledgeBaseSettings() });
  knowledgeBase.onChanged((status) => emit('kb.changed', { status }));
  const stopKnowledgeBaseSettings = entity.onChanged(() => void knowledgeBase.reconfigure(knowledgeBaseSettings()));

  // Opened before the hub connection starts, so a caller subscribing right after creation sees every connection event.
  const drafts = await DraftStore.open({ dataDir: options.dataDir, logger });
  const outbox = await startOutboxService({
    dataDir: options.dataDir,
    entity,
    smtpPassword: options.smtpPassword,
    getChat: (chatId) => state.getChat(chatId),
    updateProtocol: (chatId, change) => state.updateProtocol(chatId, change),
    removeDraft: (chatId) => drafts.remove(chatId),
    emit,
    logger,
  });
  const sendQueue = await SendQueue.open(options.dataDir, logger);
  const hubSession = await createHubSession({
    dataDir: options.dataDir,
    hubUrl: options.hubAgentUrl,
    initialToken: options.hubToken,
    tokenStore: options.hubTokenStore,
    state,
    getClient: () => client,
    agentName: () => settings.get().agentName,
    entityName: () => entity.get().entityName,
    enqueueEmail: (request) => outbox.enqueue(request),
    removeDraft: (chatId) => drafts.remove(chatId),
    emit,
    logger: logger.child({ module: 'hub-session' }),
  });

  /** Sends the replies queued while the hub was unreachable and tells the renderer how many arrived. */
  async function deliverQueued(): Promise<void> {
    const hub = client;
    if (!hub || sendQueue.size === 0) return;
    const outcome = await sendQueue.deliver(
      (chatId, text, id) => hub.send(chatId, text, id),
      (error) => error instanceof ApiError && (error.code === 'error.hubUnavailable' || error.code === 'error.sendTimeout'),
    );
    for (const message of outcome.delivered) {
      if (state.addMessage(message)) emit('chat.message', { message });
    }
    if (outcome.delivered.length > 0 || outcome.dropped > 0) emit('chat.queuedDelivered', { count: outcome.delivered.length, left: sendQueue.size });
  }

  function connect(agentName: string): void {
    client = new AgentHubClient({
      url: hubAgentUrl,
      agentName,
      token: hubSession.token(),
      availability: 'paused',
      knownChats: () => state.lastSeqs(),
      logger: logger.child({ module: 'hub-client' }),
    });
    client.on('connection', (connectionState) => {
      emit('hub.connection', { state: connectionState });
      if (connectionState === 'connected') void deliverQueued().catch((error: unknown) => logger.error({ err: error }, 'queued replies could not be sent'));
    });
    client.on('queue', (entries) => emit('queue.changed', { entries: state.setQueue(entries) }));
    hubSession.attach(client);
    client.on('chat', (chat, transfer) => {
      const queued = state.queue.length;
      emit('chat.updated', { chat: hubSession.receiveChat(chat, transfer) });
      if (state.queue.length !== queued) emit('queue.changed', { entries: state.queue });
    });
    client.on('message', (message) => {
      if (state.addMessage(message)) emit('chat.message', { message });
    });
    client.on('chatStatus', (chatId, status) => {
      const chat = state.setPresence(chatId, status);
      if (chat) emit('chat.updated', { chat });
    });
    client.on('taken', (chatId) => {
      if (state.removeFromQueue(chatId)) emit('queue.changed', { entries: state.queue });
    });
    // A chat the hub no longer gives this agent (transferred, or returned to the queue after a long drop) is over here.
    client.on('chatGone', (chatId) => {
      const chat = state.closeChat(chatId);
      if (chat) emit('chat.updated', { chat });
    });
    client.start();
  }

  const initialName = settings.get().agentName;
  if (initialName) connect(initialName);

  // Each launch is a new session: the agent starts paused until a self-test is recorded.
  let availability: Availability = 'paused';
  let selfTest: Session['selfTest'] = null;
  const session = (): Session => {
    const { agentName, autoSendGreeting } = settings.get();
    return { agentName, autoSendGreeting, citizenUrl, availability, selfTest };
  };
  const settingsApi = createSettingsHandlers(entity, settings, emit);
  const retention = startRetentionSweeps({ dataDir: options.dataDir, retentionDays: () => entity.get().retentionDays, logger });

  const handlers: ApiHandlers = {
    'session.get': async () => session(),

    'agent.setName': async ({ name }) => {
      await settings.update({ agentName: name });
      if (client) client.setAgentName(name);
      else connect(name);
      client?.setAvailability(availability);
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
      if (availability !== 'available') throw new ApiError(selfTest ? 'error.agentPaused' : 'error.selftestRequired');
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

    'chat.queue': async ({ chatId, text }) => {
      const chat = state.getChat(chatId);
      if (!chat || chat.status === 'closed') throw new ApiError('error.unknownChat', { chatId });
      const reply = await sendQueue.add(chatId, text);
      if (client?.connection === 'connected') void deliverQueued().catch((error: unknown) => logger.error({ err: error }, 'queued replies could not be sent'));
      return { id: reply.id, queued: sendQueue.size };
    },

    'selftest.record': async ({ checks, durationMs, override }) => {
      const worst = worstStatus(checks);
      const reason = override && override.length > 0 ? override : null;
      if (worst === 'fail' && (reason === null || reason.length < OVERRIDE_REASON_MIN_LENGTH)) {
        throw new ApiError('error.overrideRequired', { min: OVERRIDE_REASON_MIN_LENGTH });
      }

      const run = createRun(checks, durationMs, appVersion(), worst === 'fail' ? reason : null);
      await appendRun(options.dataDir, run);
      selfTest = { at: run.at, worst, override: run.override };
      availability = 'available';
      client?.setAvailability(availability);
      logger.info({ worst, overridden: run.override !== null }, 'self-test recorded; agent available');
      return session();
    },

    'selftest.report': async () => {
      const run = (await readRuns(options.dataDir)).at(-1);
      if (!run) throw new ApiError('error.noSelftestRun');
      const day = new Date(run.at).toISOString().slice(0, 10);
      return { fileName: `verificacion-equipos-${run.host}-${day}.txt`, text: formatReport(run) };
    },

    'agent.setAvailability': async ({ availability: requested }) => {
      if (requested === 'available' && !selfTest) throw new ApiError('error.selftestRequired');
      availability = requested;
      client?.setAvailability(availability);
      logger.info({ availability }, 'agent availability changed');
      return session();
    },

    'selftest.run': async () => {
      const { selfTest: limits, smtp } = entity.get();
      return runSelfTest({
        hubUrl: hubAgentUrl,
        dataDir: options.dataDir,
        logger: logger.child({ module: 'selftest' }),
        thresholds: limits.thresholds,
        internet: limits.internet,
        lan: limits.lan,
        smtp: smtp ? { ...smtp, password: await options.smtpPassword?.() } : undefined,
        knowledgeBase: knowledgeBase.summarize,
        knowledgeBaseMaxAgeDays: knowledgeBase.maxAgeDays,
      });
    },

    ...settingsApi.handlers,

    ...createDraftHandlers(drafts),

    ...outbox.handlers,

    ...hubSession.handlers,

    ...createKnowledgeBaseHandlers(knowledgeBase, (chatId) => state.getChat(chatId)),

    ...createProtocolHandlers({
      state,
      dataDir: options.dataDir,
      emit,
      closeOnHub: (chatId) => client?.closeChat(chatId) ?? false,
      logger: logger.child({ module: 'chat-protocol' }),
    }),
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async switchHub(addresses) {
      if (addresses.agentUrl === hubAgentUrl && addresses.citizenUrl === citizenUrl) return;
      const previous = client;
      client = null;
      await previous?.stop();
      for (const chat of state.listChats()) {
        if (chat.status !== 'closed') emit('chat.updated', { chat: state.closeChat(chat.id)! });
      }
      emit('queue.changed', { entries: state.setQueue([]) });

      hubAgentUrl = addresses.agentUrl;
      citizenUrl = addresses.citizenUrl;
      // NOTE: hubSession keeps the hub URL of the start, so logging in to a hub with accounts after a switch needs a restart.
      logger.info({ hubUrl: hubAgentUrl }, 'workstation switched to another hub');
      const agentName = settings.get().agentName;
      if (agentName) connect(agentName);
      // connect() assigned the new client, which the compiler cannot see after the null above.
      (client as AgentHubClient | null)?.setAvailability(availability);
      // The renderer reads the new citizen page from the session when the settings say the hub changed.
      emit('settings.changed', settingsStateOf(entity, settings));
    },
    async close() {
      await client?.stop();
      stopKnowledgeBaseSettings();
      await knowledgeBase.close();
      await drafts.stop();
      await outbox.stop();
      await chatRecords.stop();
      retention.stop();
      settingsApi.stop();
      if (!options.entitySettings) entity.close();
      listeners.clear();
    },
  };
}
