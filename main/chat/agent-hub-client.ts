/**
 * The workstation's connection to the hub as an agent. Its hello carries the agent's
 * name, token, availability and the last seq it has of each chat. It keeps the queue
 * and the agent's chats up to date, sends replies, waits for the hub's
 * acknowledgement, and reconnects with backoff when the link drops. Responses and
 * errors are matched to requests by the request's id, which the hub repeats as ref.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Chat, ChatMessage, QueueEntry } from '../../shared/chat/model';
import type { HubConnectionState } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/result';
import {
  HUB_CLOSE_CODES,
  HUB_PROTOCOL_VERSION,
  hubToAgentFrameSchema,
  type AgentAvailability,
  type AgentEntry,
  type AgentFrame,
  type FollowUpRequest,
  type HubErrorCode,
} from '../../shared/hub/protocol';
import type { Logger } from '../../shared/log/logger';

export interface AgentHubClientOptions {
  /** The hub's agent endpoint, for example ws://127.0.0.1:4180/ws/agent. */
  url: string;
  agentName: string;
  /** The agent's token from `npm run hub -- add-agent`; a hub in local mode needs none. */
  token?: string;
  /** Availability sent in each hello until setAvailability changes it. */
  availability?: AgentAvailability;
  /** Last seq the workstation has of each chat it shows, sent in the hello so the hub replays only what is missing. */
  knownChats?: () => Array<{ chatId: string; lastSeq: number }>;
  logger: Logger;
  /** How long a take-next or a message waits for the hub's response, in milliseconds. */
  requestTimeoutMs?: number;
  /** First and largest delay between reconnection attempts, in milliseconds. */
  reconnectDelayMs?: { min: number; max: number };
  /** Delay before trying again after the hub rejected the credentials (close 4401), in milliseconds; setToken retries at once. */
  rejectedRetryMs?: number;
}

/** A chat another agent handed to this one. */
export interface TransferReceived {
  fromAgent: string;
  note: string;
}

export interface AgentHubClientEvents {
  connection: [HubConnectionState];
  queue: [QueueEntry[]];
  /** A chat this agent holds; the second argument is set when another agent transferred it. */
  chat: [Chat, TransferReceived | undefined];
  message: [ChatMessage];
  /** Another agent took a chat of the queue. */
  taken: [string];
  /** The citizen's presence in a chat this agent serves: "cut" when silent or away too long. */
  chatStatus: [string, 'active' | 'cut'];
  /** A chat the workstation showed that the hub no longer gives this agent (returned to the queue or closed). */
  chatGone: [string];
  /** Follow-up requests; complete is true when they are the hub's whole list, which replaces the one shown. */
  followUps: [FollowUpRequest[], boolean];
  /** An agent marked the request with this id done (this agent's own marks included): it leaves the list. */
  followUpDone: [string, string];
  /** Every agent connected to the hub, this one included. */
  agents: [AgentEntry[]];
  /** The hub admitted the agent (welcome) or rejected its credentials (error "unauthorized", close 4401). */
  login: ['accepted' | 'rejected'];
  /** A transfer this agent asked for succeeded: the chat left this agent for toAgent. */
  transferred: [string, string];
}

type Pending = { kind: 'take' | 'send' | 'transfer' | 'done'; resolve: (value: never) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** Maps a hub error about a transfer to the catalog key the renderer shows; detail names the chat or the agent. */
function transferErrorFor(code: HubErrorCode, detail?: string): ApiError {
  switch (code) {
    case 'unknown-agent':
      return new ApiError('transfer.error.unknownAgent', { agent: detail ?? '' });
    case 'agent-unavailable':
      return new ApiError('transfer.error.agentUnavailable', { agent: detail ?? '' });
    case 'unknown-chat':
    case 'chat-closed':
    case 'not-your-chat':
      return new ApiError('transfer.error.chatClosed');
    default:
      return new ApiError(`hub.error.${code}`);
  }
}

/** Maps a hub error code to the catalog key the renderer shows. */
function apiErrorFor(code: HubErrorCode, chatId?: string): ApiError {
  switch (code) {
    case 'queue-empty':
      return new ApiError('error.queueEmpty');
    case 'agent-paused':
      return new ApiError('error.agentPaused');
    case 'unknown-chat':
    case 'chat-closed':
    case 'not-your-chat':
      return new ApiError('error.unknownChat', { chatId: chatId ?? '' });
    default:
      return new ApiError(`hub.error.${code}`);
  }
}

export class AgentHubClient extends EventEmitter<AgentHubClientEvents> {
  private socket: WebSocket | null = null;
  private state: HubConnectionState = 'disconnected';
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, Pending>();
  /** Stream identity of each chat's log, from the hub's chat frames, for the next hello's resume. */
  private readonly streams = new Map<string, string>();
  private readonly options: Required<Omit<AgentHubClientOptions, 'token'>> & { token?: string };
  /** Set by the hub's "unauthorized" error; the close that follows waits rejectedRetryMs instead of the backoff. */
  private rejected = false;
  /** Set when this connection's first follow-ups frame carried complete: true, so the hub accepts follow-up-done. */
  private hubMarksFollowUps = false;

  constructor(options: AgentHubClientOptions) {
    super();
    this.options = { requestTimeoutMs: 10_000, reconnectDelayMs: { min: 250, max: 10_000 }, rejectedRetryMs: 60_000, availability: 'available', knownChats: () => [], ...options };
  }

  get connection(): HubConnectionState {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.failAll(new ApiError('error.hubUnavailable'));
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000);
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1000).unref();
      });
    }
    this.setState('disconnected');
  }

  /** Changes the name the hub shows to citizens; the next hello carries it, so the link is renewed. */
  setAgentName(agentName: string): void {
    this.options.agentName = agentName;
    this.renewLink();
  }

  /** Replaces the token and connects again with it at once, also while waiting after a rejection. */
  setToken(token: string): void {
    this.options.token = token;
    this.renewLink();
  }

  /** Sends a new hello now: new credentials end the wait after a rejection, which may have been about them. */
  private renewLink(): void {
    if (this.stopped) return;
    this.rejected = false;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.attempt = 0;
      this.connect();
      return;
    }
    // The close handler reconnects, and the next hello carries the new name or token.
    this.socket?.close(1000);
  }

  /** Tells the hub whether to route chats to this agent; the next hello carries it too. */
  setAvailability(availability: AgentAvailability): void {
    this.options.availability = availability;
    if (this.socket && this.state === 'connected') this.socket.send(JSON.stringify({ type: 'availability', availability } satisfies AgentFrame));
  }

  /** Hands a chat to another connected agent with a note; resolves once the hub moved it. */
  async transfer(chatId: string, toAgent: string, note: string): Promise<void> {
    const id = randomUUID();
    await this.request<unknown>('transfer', id, { type: 'transfer', id, chatId, toAgent, note });
  }

  /** Whether the connected hub records follow-up done marks; a hub without them would close the link on the frame. */
  get marksFollowUps(): boolean {
    return this.state === 'connected' && this.hubMarksFollowUps;
  }

  /**
   * Marks a follow-up request done on the hub, for every agent; resolves once the hub stored the mark.
   * Rejects with followUp.error.unknown when the hub does not have the request.
   */
  async markFollowUpDone(id: string): Promise<void> {
    if (!this.marksFollowUps) throw new ApiError('error.hubUnavailable');
    await this.request<unknown>('done', id, { type: 'follow-up-done', id });
  }

  /** Whether the agent's hello carries a token. */
  get hasToken(): boolean {
    return Boolean(this.options.token);
  }

  takeNext(): Promise<Chat> {
    const id = randomUUID();
    return this.request<Chat>('take', id, { type: 'take-next', id });
  }

  /**
   * Sends a reply and resolves once the hub has stored it, with the message as stored.
   * A reply resent with the same id is stored once by the hub.
   */
  async send(chatId: string, text: string, id: string = randomUUID()): Promise<ChatMessage> {
    const { seq } = await this.request<{ seq: number }>('send', id, { type: 'message', chatId, id, text });
    return { chatId, seq, id, author: 'agent', text, at: Date.now() };
  }

  /**
   * Ends a chat on the hub, which tells the citizen it is closed. The hub sends no
   * answer to this frame; returns false when there is no connection to send it on.
   */
  closeChat(chatId: string): boolean {
    if (!this.socket || this.state !== 'connected') return false;
    this.socket.send(JSON.stringify({ type: 'close', chatId } satisfies AgentFrame));
    return true;
  }

  private request<T>(kind: Pending['kind'], id: string, frame: AgentFrame): Promise<T> {
    const socket = this.socket;
    if (!socket || this.state !== 'connected') return Promise.reject(new ApiError('error.hubUnavailable'));

    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError(kind === 'send' ? 'error.sendTimeout' : 'error.hubUnavailable'));
      }, this.options.requestTimeoutMs);
      this.pending.set(id, { kind, resolve: resolve as (value: never) => void, reject, timer });
      socket.send(JSON.stringify(frame));
    });
  }

  private settle(id: string | undefined, kind: Pending['kind'] | undefined, outcome: { value: unknown } | { error: Error }): void {
    // A response without an id belongs to the oldest request of its kind, because the hub handles frames in order.
    const key = id && this.pending.has(id) ? id : kind && [...this.pending].find(([, entry]) => entry.kind === kind)?.[0];
    if (!key) return;
    const entry = this.pending.get(key)!;
    this.pending.delete(key);
    clearTimeout(entry.timer);
    if ('error' in outcome) entry.reject(outcome.error);
    else entry.resolve(outcome.value as never);
  }

  private failAll(error: Error): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }

  private setState(state: HubConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.emit('connection', state);
  }

  private connect(): void {
    const { url, logger } = this.options;
    this.setState('connecting');
    this.hubMarksFollowUps = false;
    const socket = new WebSocket(url, { handshakeTimeout: 5000 });
    this.socket = socket;

    socket.on('open', () => {
      const resume = this.options
        .knownChats()
        .flatMap(({ chatId, lastSeq }) => {
          const stream = this.streams.get(chatId);
          return stream ? [{ chatId, stream, lastSeq }] : [];
        })
        .slice(0, 100);
      const { agentName, token, availability } = this.options;
      socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, agentName, availability, ...(token ? { token } : {}), ...(resume.length > 0 ? { resume } : {}) } satisfies AgentFrame));
    });
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('error', (error) => logger.warn({ err: error.message, attempt: this.attempt }, 'hub connection error'));
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failAll(new ApiError('error.hubUnavailable'));
      this.setState(this.stopped ? 'disconnected' : 'connecting');
      if (code === HUB_CLOSE_CODES.unauthorized && !this.rejected) {
        this.rejected = true;
        this.emit('login', 'rejected');
      }
      if (!this.stopped) this.scheduleReconnect(code);
    });
  }

  private scheduleReconnect(closeCode: number): void {
    const { min, max } = this.options.reconnectDelayMs;
    // The protocol says a client must not retry rejected credentials (4401) quickly; a new token (setToken) retries at once.
    const delay = this.rejected ? this.options.rejectedRetryMs : Math.min(max, min * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    if (this.attempt === 1 || this.attempt % 10 === 0) {
      this.options.logger.info({ closeCode, attempt: this.attempt, delayMs: Math.round(delay) }, 'reconnecting to the hub');
    }
    if (this.attempt > 1 || this.rejected) this.setState('disconnected');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private receive(raw: string): void {
    let parsed;
    try {
      parsed = hubToAgentFrameSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      this.options.logger.warn({ length: raw.length }, 'hub sent a frame that does not match the protocol; ignored');
      return;
    }

    const frame = parsed.data;
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.rejected = false;
        this.setState('connected');
        this.emit('login', 'accepted');
        this.options.logger.info({ serverTime: frame.serverTime }, 'connected to the hub');
        break;
      case 'queue':
        this.emit('queue', frame.entries);
        break;
      case 'chat':
        if (frame.stream) this.streams.set(frame.chat.id, frame.stream);
        this.emit('chat', frame.chat, frame.transfer);
        // A chat reclaimed after a reconnect or handed over by a transfer is not the response to a take-next.
        if (!frame.afterSeq && !frame.transfer) this.settle(undefined, 'take', { value: frame.chat });
        break;
      case 'taken':
        this.emit('taken', frame.chatId);
        break;
      case 'chat-status':
        this.emit('chatStatus', frame.chatId, frame.status);
        break;
      case 'chat-gone':
        this.streams.delete(frame.chatId);
        this.emit('chatGone', frame.chatId);
        break;
      case 'transferred':
        this.streams.delete(frame.chatId);
        this.settle(frame.ref, undefined, { value: undefined });
        this.emit('transferred', frame.chatId, frame.toAgent);
        break;
      case 'follow-ups':
        if (frame.complete) this.hubMarksFollowUps = true;
        this.emit('followUps', frame.requests, frame.complete === true);
        break;
      case 'follow-up-done':
        this.settle(frame.id, undefined, { value: undefined });
        this.emit('followUpDone', frame.id, frame.agentName);
        break;
      case 'agents':
        this.emit('agents', frame.agents);
        break;
      case 'citizen-returned':
        this.emit('chatStatus', frame.chatId, 'active');
        break;
      case 'message':
        this.emit('message', frame.message);
        break;
      case 'ack':
        // The stored message itself arrives as a 'message' frame; the ack only settles the request.
        this.settle(frame.id, 'send', { value: { seq: frame.seq } });
        break;
      case 'citizen-left':
        // "left" (also meant by a missing reason) ends the chat for the citizen only: it stays cut with this
        // agent, who finishes the answer by email. "disconnected" waits for the hub's own cut after its delay.
        if (frame.reason !== 'disconnected') this.emit('chatStatus', frame.chatId, 'cut');
        break;
      case 'error': {
        if (frame.code === 'unauthorized') {
          // The token is never logged; whether one was sent tells IT staff which fix applies.
          this.options.logger.error({ url: this.options.url, agentName: this.options.agentName, tokenSent: this.hasToken }, 'the hub rejected the agent credentials');
          this.rejected = true;
          this.emit('login', 'rejected');
          break;
        }
        const pendingKind = frame.ref ? this.pending.get(frame.ref)?.kind : undefined;
        if (pendingKind === 'transfer') {
          this.settle(frame.ref, 'transfer', { error: transferErrorFor(frame.code, frame.detail) });
          break;
        }
        if (pendingKind === 'done') {
          this.settle(frame.ref, 'done', { error: new ApiError(frame.code === 'unknown-follow-up' ? 'followUp.error.unknown' : `hub.error.${frame.code}`) });
          break;
        }
        // Errors about a request carry its id as ref; the kind is a fallback for hubs that omitted it.
        const kind = frame.code === 'queue-empty' || frame.code === 'agent-paused' || frame.code === 'too-many-chats' ? 'take' : 'send';
        this.settle(frame.ref, kind, { error: apiErrorFor(frame.code, frame.detail) });
        break;
      }
      case 'pong':
        break;
    }
  }
}
