/**
 * The parts of the API contract that follow the center's hub: the agent's login
 * (token), transferring a chat to a colleague chosen from the hub's list of agents,
 * and the requests citizens left by email, answered through the outbox and marked
 * done on the hub for every agent. The hub connection itself is created and
 * renewed by the workstation services; these handlers reach it through getClient.
 */
import type { ApiEvent, ApiEventPayload, FollowUpView, HubLogin, TransferCandidates } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/result';
import type { Chat } from '../../shared/chat/model';
import { MAX_TRANSFER_NOTE_LENGTH, type AgentEntry } from '../../shared/hub/protocol';
import type { Logger } from '../../shared/log/logger';
import { composeChatEmail } from '../../shared/outbox/chat-email';
import type { OutboxView } from '../../shared/outbox/model';
import type { EnqueueRequest } from '../outbox/outbox';
import type { HubTokenStore } from '../settings/hub-token';
import type { AgentHubClient, TransferReceived } from './agent-hub-client';
import { FollowUpBook } from './follow-up-book';
import type { WorkspaceState } from './workspace-state';

type HubHandlers = Pick<ApiHandlers, 'hub.login' | 'hub.setToken' | 'chat.transfer' | 'transfer.candidates' | 'followUp.list' | 'followUp.answer' | 'followUp.setDone'>;

export interface HubHandlerOptions {
  dataDir: string;
  /** The hub's agent endpoint, named in the message when the hub rejects the token. */
  hubUrl: string;
  /** The token given at start (for example with --hub-token-file); it wins over the stored one. */
  initialToken?: string;
  /** Keeps a token the agent types; without it the token lasts until the workstation stops. */
  tokenStore?: HubTokenStore;
  state: WorkspaceState;
  getClient: () => AgentHubClient | null;
  agentName: () => string | null;
  entityName: () => string;
  enqueueEmail: (request: EnqueueRequest) => Promise<OutboxView>;
  removeDraft: (chatId: string) => Promise<void>;
  emit: <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;
  logger: Logger;
}

export interface HubSession {
  handlers: HubHandlers;
  /** The token for the next hello, or undefined when the agent has none yet. */
  token(): string | undefined;
  /** Follows a new hub client's login, transfers and follow-up requests. */
  attach(client: AgentHubClient): void;
  /** Records the note of a chat another agent handed over; returns the chat as stored. */
  receiveChat(chat: Chat, transfer: TransferReceived | undefined): Chat;
}

export async function createHubSession(options: HubHandlerOptions): Promise<HubSession> {
  const { state, emit, logger } = options;
  const book = await FollowUpBook.open(options.dataDir, logger);
  let token = options.initialToken;
  if (token === undefined && options.tokenStore) {
    try {
      token = await options.tokenStore.load();
    } catch (error) {
      // The agent can type the token again; the error names the file and what is wrong with it.
      logger.error({ code: error instanceof ApiError ? error.code : 'unknown', params: error instanceof ApiError ? error.params : {} }, 'stored hub token unreadable');
    }
  }
  let login: HubLogin['state'] = 'pending';
  /** Colleagues seen in transfers, proposed as targets when the hub sends no list of agents (a hub older than the agents frame). */
  const colleagues = new Set<string>();
  /** The hub's last list of connected agents, or null when this connection has not received one. */
  let hubAgents: AgentEntry[] | null = null;

  const rejectionReason = (): HubLogin['reason'] => {
    if (login !== 'rejected') return null;
    return token ? 'tokenRejected' : 'tokenMissing';
  };
  const loginView = (): HubLogin => ({ hubUrl: options.hubUrl, state: login, reason: rejectionReason(), tokenSet: Boolean(token) });

  function setLogin(next: HubLogin['state']): void {
    if (next === login) return;
    login = next;
    emit('hub.login', loginView());
  }

  function followUpsChanged(): void {
    emit('followUp.changed', { requests: book.list() });
  }

  function transferCandidates(): TransferCandidates {
    const self = options.agentName();
    if (hubAgents) {
      const available = hubAgents.filter((agent) => agent.name !== self && agent.availability === 'available');
      return { source: 'hub', colleagues: available.map(({ name, chats, maxChats }) => ({ name, chats, maxChats })) };
    }
    const names = [...colleagues].filter((name) => name !== self).sort((a, b) => a.localeCompare(b, 'es'));
    return { source: 'transfers', colleagues: names.map((name) => ({ name, chats: null, maxChats: null })) };
  }

  function setHubAgents(agents: AgentEntry[] | null): void {
    hubAgents = agents;
    emit('transfer.candidatesChanged', transferCandidates());
  }

  /**
   * Sends the hub a mark made here. Once the hub stored it, or no longer has the request, the
   * request leaves the list. While the hub is unreachable or lacks the frame, the mark waits.
   */
  async function sendMark(id: string): Promise<void> {
    const client = options.getClient();
    if (!client?.marksFollowUps) return;
    try {
      await client.markFollowUpDone(id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'followUp.error.unknown') {
        logger.warn({ requestId: id, err: error }, 'follow-up done mark not sent to the hub; it waits for the next connection');
        return;
      }
      logger.info({ requestId: id }, 'the hub no longer has this follow-up request; its mark is dropped');
    }
    if (await book.removeDone(id)) followUpsChanged();
  }

  function sendWaitingMarks(): void {
    for (const id of book.waitingMarks()) void sendMark(id).catch((error: unknown) => logger.error({ requestId: id, err: error }, 'follow-up mark could not be settled'));
  }

  function knownRequest(id: string): FollowUpView {
    const request = book.get(id);
    if (!request) throw new ApiError('followUp.error.unknown');
    return request;
  }

  function connectedClient(): AgentHubClient {
    const client = options.getClient();
    if (!client || client.connection !== 'connected') throw new ApiError('error.hubUnavailable');
    return client;
  }

  const handlers: HubHandlers = {
    'hub.login': async () => loginView(),

    'hub.setToken': async ({ token: next }) => {
      try {
        await options.tokenStore?.save(next);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
        logger.error({ code, err: error }, 'hub token could not be stored');
        throw new ApiError('hubToken.error.save', { code });
      }
      token = next;
      login = 'pending';
      options.getClient()?.setToken(next);
      logger.info({ stored: Boolean(options.tokenStore) }, 'hub token replaced; reconnecting');
      emit('hub.login', loginView());
      return loginView();
    },

    'chat.transfer': async ({ chatId, toAgent, note }) => {
      const chat = state.getChat(chatId);
      if (!chat) throw new ApiError('error.unknownChat', { chatId });
      if (chat.status === 'closed') throw new ApiError('transfer.error.chatClosed');
      if (toAgent === options.agentName()) throw new ApiError('transfer.error.self');
      // A longer note would break the hub's schema, which closes the whole connection with 4400.
      if (note.length > MAX_TRANSFER_NOTE_LENGTH) throw new ApiError('transfer.noteTooLong', { max: MAX_TRANSFER_NOTE_LENGTH });
      await connectedClient().transfer(chatId, toAgent, note);
      colleagues.add(toAgent);
      return { chatId, toAgent };
    },

    'transfer.candidates': async () => transferCandidates(),

    'followUp.list': async () => book.list(),

    'followUp.answer': async ({ id, to, text }) => {
      const request = knownRequest(id);
      // The request is the "transcript": the citizen's text and when it was left.
      const email = composeChatEmail({
        chatId: id,
        entityName: options.entityName(),
        agentName: options.agentName(),
        citizenName: null,
        answer: text,
        messages: [{ author: 'citizen', text: request.text, at: request.at }],
      });
      const entry = await options.enqueueEmail({ to, ...email });
      await book.setDone(id, { at: entry.createdAt, outboxId: entry.id });
      logger.info({ requestId: id, outboxId: entry.id }, 'follow-up request answered by email');
      const answered = knownRequest(id);
      followUpsChanged();
      sendWaitingMarks();
      return { entry, request: answered };
    },

    'followUp.setDone': async ({ id, done }) => {
      knownRequest(id);
      await book.setDone(id, done ? { at: Date.now(), outboxId: null } : null);
      logger.info({ requestId: id, done }, done ? 'follow-up request marked done' : 'follow-up request pending again');
      const request = knownRequest(id);
      followUpsChanged();
      if (done) sendWaitingMarks();
      return request;
    },
  };

  return {
    handlers,
    token: () => token,

    attach(client) {
      client.on('login', (outcome) => setLogin(outcome));
      client.on('followUps', (requests, complete) => {
        void book.receive(requests, complete).then(
          (changed) => {
            if (changed) followUpsChanged();
            if (complete) sendWaitingMarks();
          },
          (error: unknown) => logger.error({ err: error }, 'follow-up marks file could not be written'),
        );
      });
      client.on('followUpDone', (id, agentName) => {
        void book.removeDone(id).then(
          (listed) => {
            if (!listed) return;
            logger.info({ requestId: id, agentName }, 'follow-up request done on the hub');
            followUpsChanged();
          },
          (error: unknown) => logger.error({ requestId: id, err: error }, 'follow-up marks file could not be written'),
        );
      });
      client.on('agents', (agents) => setHubAgents(agents));
      client.on('connection', (connection) => {
        if (connection !== 'connected' && hubAgents) setHubAgents(null);
      });
      // The chat went to a colleague: it leaves this workstation's tabs, and its draft is dropped.
      client.on('transferred', (chatId, toAgent) => {
        colleagues.add(toAgent);
        if (!state.removeChat(chatId)) return;
        emit('chat.transferred', { chatId, toAgent });
        logger.info({ chatId, toAgent }, 'chat transferred to another agent');
        void options.removeDraft(chatId).catch((error: unknown) => logger.error({ chatId, err: error }, 'draft of a transferred chat could not be removed'));
      });
    },

    receiveChat(chat, transfer) {
      const stored = state.putChat(chat);
      if (!transfer) return stored;
      colleagues.add(transfer.fromAgent);
      logger.info({ chatId: chat.id, fromAgent: transfer.fromAgent }, 'chat received by transfer');
      // The time budget is the chat's, not this agent's: it runs from the first agent's first message.
      const firstReply = chat.messages.find((message) => message.author === 'agent');
      return (
        state.updateProtocol(chat.id, (protocol) => ({
          ...protocol,
          takenAt: firstReply ? Math.min(firstReply.at, protocol.takenAt ?? firstReply.at) : protocol.takenAt,
          transferredFrom: { ...transfer, at: Date.now() },
        })) ?? stored
      );
    },
  };
}
