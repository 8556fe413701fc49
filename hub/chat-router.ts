/**
 * The hub's routing state: which chats exist, which wait in the queue, which agent
 * serves which chat, and who is connected. Every operation runs synchronously up to
 * its first store append, so two agents asking for the next chat in the same
 * instant are served one after the other and never get the same chat.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Author, Chat, ChatMessage, QueueEntry } from '../shared/chat/model';
import { excerptOf } from '../shared/chat/queue';
import { HUB_CLOSE_CODES, HUB_PROTOCOL_VERSION, type HubErrorCode, type HubToAgentFrame, type HubToCitizenFrame } from '../shared/hub/protocol';
import type { Logger } from '../shared/log/logger';
import type { ChatStore } from './chat-store';
import { ChatQueue } from './queue';

/** The router's view of a connection: it sends JSON text and can be closed. */
export interface Link {
  send(json: string): void;
  close(code: number, reason: string): void;
}

export interface RouterTimings {
  /** Minimum time between two queue frames to the agents, in ms; changes in between are sent together. */
  queueFrameIntervalMs: number;
  /** How long a queued chat waits for its citizen to reconnect before it is closed, in ms. */
  citizenGraceMs: number;
  /** How long an agent's chats wait for the agent to reconnect before they go back to the queue, in ms. */
  agentGraceMs: number;
  /** How long a closed chat stays in memory, in ms, so late frames about it get "chat-closed" before "unknown-chat". */
  closedRetentionMs: number;
}

export const DEFAULT_ROUTER_TIMINGS: RouterTimings = { queueFrameIntervalMs: 50, citizenGraceMs: 120_000, agentGraceMs: 30_000, closedRetentionMs: 600_000 };

export interface AgentHandle {
  readonly name: string;
  readonly link: Link;
  readonly chatIds: Set<string>;
}

/** A stored message; isNew is false when the message was a resend of an id already stored. */
interface StoredMessage {
  message: ChatMessage;
  isNew: boolean;
}

interface LiveChat {
  chat: Chat;
  token: string;
  arrivalOrder: number;
  excerpt: string;
  /** Sequence number of each stored message, keyed by author and client id. */
  storedSeqs: Map<string, number>;
  /** Appends in flight, keyed like storedSeqs, resolving to the message or undefined on failure. */
  pendingMessages: Map<string, Promise<StoredMessage | undefined>>;
  /** Last append of this chat; appends are chained so seq numbers follow the order of the log. */
  tail: Promise<unknown>;
  citizen: Link | undefined;
  agent: AgentHandle | undefined;
  lastPosition: number | undefined;
  graceTimer: NodeJS.Timeout | undefined;
}

const encode = (frame: HubToCitizenFrame | HubToAgentFrame): string => JSON.stringify(frame);
/** Encodes an error; ref repeats the id of the frame it is about, so a client with several frames in flight can match it. */
const errorFrame = (code: HubErrorCode, ref: string | undefined, detail?: string): string =>
  encode({ type: 'error', code, ...(ref ? { ref } : {}), ...(detail ? { detail } : {}) });

export class ChatRouter {
  private readonly chats = new Map<string, LiveChat>();
  private readonly queue = new ChatQueue();
  private readonly agents = new Set<AgentHandle>();
  private arrivals = 0;
  private queueFlushTimer: NodeJS.Timeout | undefined;
  private lastQueueFlushAt = 0;

  constructor(
    private readonly store: ChatStore,
    private readonly logger: Logger,
    private readonly timings: RouterTimings = DEFAULT_ROUTER_TIMINGS,
  ) {}

  // Citizens.

  /** Opens a chat for a citizen who accepted the notice, queues it and sends the welcome. */
  openChat(citizen: Link): string {
    const arrivedAt = Date.now();
    const arrivalOrder = ++this.arrivals;
    const chatId = newChatId(arrivedAt, arrivalOrder);
    const live: LiveChat = {
      chat: { id: chatId, arrivedAt, status: 'queued', agentName: null, messages: [] },
      token: randomBytes(18).toString('base64url'),
      arrivalOrder,
      excerpt: '',
      storedSeqs: new Map(),
      pendingMessages: new Map(),
      tail: Promise.resolve(),
      citizen,
      agent: undefined,
      lastPosition: undefined,
      graceTimer: undefined,
    };
    this.chats.set(chatId, live);
    this.record(live, { kind: 'opened', chatId, arrivedAt });

    this.queue.add({ chatId, arrivedAt, arrivalOrder });
    citizen.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, chatId, token: live.token }));
    this.logger.info({ chatId, queued: this.queue.size }, 'chat opened');
    this.scheduleQueueFlush();
    return chatId;
  }

  /**
   * Reattaches a reconnected citizen to its chat and replays it: welcome, every
   * message, then the position or the agent. Returns false when the chat is unknown,
   * closed or the token does not match, so the caller opens a new chat instead.
   */
  resumeChat(chatId: string, token: string, citizen: Link): boolean {
    const live = this.chats.get(chatId);
    if (!live || live.chat.status === 'closed' || !sameSecret(token, live.token)) {
      this.logger.warn({ chatId }, 'chat resume rejected');
      return false;
    }

    if (live.citizen && live.citizen !== citizen) live.citizen.close(HUB_CLOSE_CODES.replaced, 'resumed elsewhere');
    live.citizen = citizen;
    this.clearGrace(live);

    citizen.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, chatId, token: live.token }));
    for (const message of live.chat.messages) citizen.send(encode({ type: 'message', message }));
    if (live.chat.status === 'active' && live.chat.agentName) {
      citizen.send(encode({ type: 'agent-joined', agentName: live.chat.agentName }));
      live.agent?.link.send(encode({ type: 'citizen-returned', chatId }));
    } else {
      live.lastPosition = undefined;
      this.scheduleQueueFlush();
    }
    this.logger.info({ chatId, replayed: live.chat.messages.length }, 'chat resumed');
    return true;
  }

  /** Stores a citizen message, then acks it and delivers it to the agent who serves the chat. */
  citizenMessage(chatId: string, id: string, text: string): void {
    const live = this.chats.get(chatId);
    if (!live) return;
    if (live.chat.status === 'closed') {
      live.citizen?.send(errorFrame('chat-closed', id));
      return;
    }
    void this.storeMessage(live, 'citizen', id, text).then((stored) => {
      if (!stored) return;
      live.citizen?.send(encode({ type: 'ack', id, seq: stored.message.seq }));
      if (!stored.isNew) return;
      live.agent?.link.send(encode({ type: 'message', message: stored.message }));
      if (live.chat.status === 'queued' && stored.message.seq === firstCitizenSeq(live)) this.scheduleQueueFlush();
    });
  }

  /** Closes the chat at the citizen's request; the agent gets "citizen-left". */
  citizenLeave(chatId: string): void {
    const live = this.chats.get(chatId);
    if (!live) return;
    live.agent?.link.send(encode({ type: 'citizen-left', chatId }));
    this.closeChat(live, 'citizen left');
  }

  /** Detaches a dropped citizen connection; the chat waits for a resume. */
  citizenDisconnected(chatId: string, citizen: Link): void {
    const live = this.chats.get(chatId);
    if (!live || live.citizen !== citizen) return;
    live.citizen = undefined;
    if (live.chat.status === 'closed') return;

    if (live.agent) live.agent.link.send(encode({ type: 'citizen-left', chatId }));
    if (live.chat.status === 'queued') this.startCitizenGrace(live);
    this.logger.info({ chatId, status: live.chat.status }, 'citizen disconnected');
  }

  // Agents.

  /** Registers an agent, sends the welcome and the queue, and gives back the chats it held before a drop. */
  agentHello(name: string, link: Link): AgentHandle {
    const agent: AgentHandle = { name, link, chatIds: new Set() };
    this.agents.add(agent);
    link.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, agentName: name, serverTime: Date.now() }));
    link.send(encode({ type: 'queue', entries: this.queueEntries() }));

    for (const live of this.chats.values()) {
      if (live.chat.status !== 'active' || live.agent || live.chat.agentName !== name) continue;
      this.clearGrace(live);
      live.agent = agent;
      agent.chatIds.add(live.chat.id);
      link.send(encode({ type: 'chat', chat: live.chat }));
      if (!live.citizen) link.send(encode({ type: 'citizen-left', chatId: live.chat.id }));
    }
    this.logger.info({ agentName: name, agents: this.agents.size, reclaimed: agent.chatIds.size }, 'agent connected');
    return agent;
  }

  /** Gives the oldest waiting chat to this agent only, with every message so far; requestId comes back as ref on an error. */
  takeNext(agent: AgentHandle, requestId?: string): void {
    const next = this.queue.takeOldest();
    if (!next) {
      agent.link.send(errorFrame('queue-empty', requestId));
      return;
    }
    const live = this.chats.get(next.chatId)!;
    live.chat.status = 'active';
    live.chat.agentName = agent.name;
    live.agent = agent;
    live.lastPosition = undefined;
    agent.chatIds.add(live.chat.id);
    this.clearGrace(live);

    agent.link.send(encode({ type: 'chat', chat: live.chat }));
    live.citizen?.send(encode({ type: 'agent-joined', agentName: agent.name }));
    if (!live.citizen) agent.link.send(encode({ type: 'citizen-left', chatId: live.chat.id }));
    this.record(live, { kind: 'taken', agentName: agent.name, at: Date.now() });
    this.logger.info({ chatId: live.chat.id, agentName: agent.name, queued: this.queue.size }, 'chat taken');
    this.scheduleQueueFlush();
  }

  /** Stores an agent's message to a chat it serves, acks it, then delivers it to the citizen. */
  agentMessage(agent: AgentHandle, chatId: string, id: string, text: string): void {
    const live = this.ownedChat(agent, chatId, id);
    if (!live) return;
    void this.storeMessage(live, 'agent', id, text).then((stored) => {
      if (!stored) return;
      agent.link.send(encode({ type: 'ack', id, seq: stored.message.seq }));
      if (stored.isNew) live.citizen?.send(encode({ type: 'message', message: stored.message }));
    });
  }

  /** Ends a chat the agent serves; the citizen gets "closed". */
  agentClose(agent: AgentHandle, chatId: string): void {
    const live = this.ownedChat(agent, chatId);
    if (live) this.closeChat(live, 'closed by agent');
  }

  /** Keeps a dropped agent's chats for a while, then puts them back in the queue at their arrival place. */
  agentDisconnected(agent: AgentHandle): void {
    if (!this.agents.delete(agent)) return;
    for (const chatId of agent.chatIds) {
      const live = this.chats.get(chatId);
      if (!live || live.agent !== agent) continue;
      live.agent = undefined;
      live.graceTimer = setTimeout(() => this.requeue(live), this.timings.agentGraceMs);
    }
    this.logger.info({ agentName: agent.name, chats: agent.chatIds.size, agents: this.agents.size }, 'agent disconnected');
  }

  /** Stops the timers; connections are closed by the server. */
  close(): void {
    clearTimeout(this.queueFlushTimer);
    for (const live of this.chats.values()) this.clearGrace(live);
  }

  // Internals.

  /** Returns the chat when this agent serves it; otherwise sends the agent an error about frame ref and returns undefined. */
  private ownedChat(agent: AgentHandle, chatId: string, ref?: string): LiveChat | undefined {
    const live = this.chats.get(chatId);
    let code: HubErrorCode | undefined;
    if (!live) code = 'unknown-chat';
    else if (live.chat.status === 'closed') code = 'chat-closed';
    else if (live.agent !== agent) code = 'not-your-chat';
    if (code) {
      agent.link.send(errorFrame(code, ref, chatId));
      return undefined;
    }
    return live;
  }

  /**
   * Stores a message once per author and client id. A resent id gets the seq of the
   * first copy, and isNew false. Resolves to undefined when the store failed, so the
   * sender gets no ack and sends the same id again.
   */
  private storeMessage(live: LiveChat, author: Author, id: string, text: string): Promise<StoredMessage | undefined> {
    const key = `${author}:${id}`;
    const storedSeq = live.storedSeqs.get(key);
    if (storedSeq !== undefined) return Promise.resolve({ message: live.chat.messages[storedSeq - 1]!, isNew: false });

    const pending = live.pendingMessages.get(key);
    if (pending) return pending.then((stored) => stored && { message: stored.message, isNew: false });

    const chatId = live.chat.id;
    const stored = live.tail.then(() => {
      // The seq is taken when the previous append finished, so a failed append leaves no gap.
      const message: ChatMessage = { chatId, seq: live.chat.messages.length + 1, id, author, text, at: Date.now() };
      return this.store.append(chatId, { kind: 'message', message }).then(
        (): StoredMessage => {
          live.pendingMessages.delete(key);
          live.chat.messages.push(message);
          live.storedSeqs.set(key, message.seq);
          if (author === 'citizen' && !live.excerpt) live.excerpt = excerptOf(text);
          return { message, isNew: true };
        },
        (error: unknown) => {
          live.pendingMessages.delete(key);
          this.logger.error({ chatId, seq: message.seq, err: error }, 'message could not be stored');
          return undefined;
        },
      );
    });
    live.tail = stored;
    live.pendingMessages.set(key, stored);
    return stored;
  }

  /** Appends a non-message event after the chat's pending appends; a failure is logged, not fatal. */
  private record(live: LiveChat, entry: Parameters<ChatStore['append']>[1]): void {
    live.tail = live.tail
      .then(() => this.store.append(live.chat.id, entry))
      .catch((error: unknown) => this.logger.error({ chatId: live.chat.id, kind: entry.kind, err: error }, 'transcript entry could not be stored'));
  }

  private closeChat(live: LiveChat, reason: string): void {
    if (live.chat.status === 'closed') return;
    const wasQueued = this.queue.remove(live.chat.id);
    live.chat.status = 'closed';
    live.agent?.chatIds.delete(live.chat.id);
    live.agent = undefined;
    this.clearGrace(live);
    live.citizen?.send(encode({ type: 'closed' }));
    this.record(live, { kind: 'closed', at: Date.now() });
    this.logger.info({ chatId: live.chat.id, reason }, 'chat closed');
    if (wasQueued) this.scheduleQueueFlush();

    // The transcript keeps the chat; memory keeps it only a while, so a long-running hub does not grow without bound.
    live.graceTimer = setTimeout(() => {
      if (this.chats.get(live.chat.id) === live) this.chats.delete(live.chat.id);
    }, this.timings.closedRetentionMs);
  }

  private requeue(live: LiveChat): void {
    live.graceTimer = undefined;
    if (live.chat.status !== 'active' || live.agent) return;
    live.chat.status = 'queued';
    live.chat.agentName = null;
    this.queue.add({ chatId: live.chat.id, arrivedAt: live.chat.arrivedAt, arrivalOrder: live.arrivalOrder });
    this.record(live, { kind: 'requeued', at: Date.now() });
    if (!live.citizen) this.startCitizenGrace(live);
    this.logger.info({ chatId: live.chat.id }, 'chat back in queue after its agent dropped');
    this.scheduleQueueFlush();
  }

  private startCitizenGrace(live: LiveChat): void {
    this.clearGrace(live);
    live.graceTimer = setTimeout(() => {
      live.graceTimer = undefined;
      if (!live.citizen && live.chat.status === 'queued') this.closeChat(live, 'citizen did not come back');
    }, this.timings.citizenGraceMs);
  }

  private clearGrace(live: LiveChat): void {
    clearTimeout(live.graceTimer);
    live.graceTimer = undefined;
  }

  private queueEntries(): QueueEntry[] {
    return this.queue.list().map(({ chatId, arrivedAt }) => ({ chatId, arrivedAt, excerpt: this.chats.get(chatId)?.excerpt ?? '' }));
  }

  /**
   * Sends the queue to every agent and the new position to each waiting citizen whose
   * position changed. Changes that come within queueFrameIntervalMs of the last frame
   * are sent together at the end of the interval, so a burst of arrivals costs one frame.
   */
  private scheduleQueueFlush(): void {
    if (this.queueFlushTimer) return;
    const wait = Math.max(0, this.lastQueueFlushAt + this.timings.queueFrameIntervalMs - Date.now());
    this.queueFlushTimer = setTimeout(() => this.flushQueue(), wait);
  }

  private flushQueue(): void {
    this.queueFlushTimer = undefined;
    this.lastQueueFlushAt = Date.now();

    const queueFrame = encode({ type: 'queue', entries: this.queueEntries() });
    for (const agent of this.agents) agent.link.send(queueFrame);

    let position = 0;
    for (const { chatId } of this.queue.list()) {
      position += 1;
      const live = this.chats.get(chatId);
      if (!live?.citizen || live.lastPosition === position) continue;
      live.lastPosition = position;
      live.citizen.send(encode({ type: 'position', position }));
    }
  }
}

/** Seq of the chat's first citizen message, or undefined when the citizen has not written yet. */
function firstCitizenSeq(live: LiveChat): number | undefined {
  return live.chat.messages.find((message) => message.author === 'citizen')?.seq;
}

/**
 * Builds an id that sorts like the arrival: time and arrival counter in fixed-width
 * base 36, then random characters so ids from two hubs do not collide.
 */
function newChatId(arrivedAt: number, arrivalOrder: number): string {
  const time = arrivedAt.toString(36).padStart(9, '0');
  const order = arrivalOrder.toString(36).padStart(6, '0');
  return `${time}-${order}-${randomBytes(4).toString('hex')}`;
}

function sameSecret(candidate: string, expected: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
