/**
 * One chat as the router keeps it in memory, how it is created, and how a
 * restarted hub rebuilds it from the chat's log.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Chat } from '../shared/chat/model';
import { excerptOf } from '../shared/chat/queue';
import type { TranscriptEntry } from './chat-store';

/** The router's view of a connection: it sends JSON text and can be closed. */
export interface Link {
  send(json: string): void;
  close(code: number, reason: string): void;
}

export interface AgentHandle {
  readonly name: string;
  readonly link: Link;
  readonly chatIds: Set<string>;
  availability: 'available' | 'paused';
}

/** An agent joining a chat: sinceSeq is the number of messages in the log when it happened. */
export interface AgentJoin {
  agentName: string;
  sinceSeq: number;
  /** True when another agent passed the chat to this one. */
  transfer?: true;
}

/** A stored message; isNew is false when the message was a resend of an id already stored. */
export interface StoredMessage {
  message: Chat['messages'][number];
  isNew: boolean;
}

export interface LiveChat {
  chat: Chat;
  /** SHA-256 of the citizen's resume token, in hex. */
  tokenHash: string;
  /** Identity of the chat's log, sent in welcome and chat frames. */
  stream: string;
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
  /** Time the current agent took the chat, for the wait estimate's handling times. */
  takenAt: number | undefined;
  /** Time the citizen's connection dropped, while it stays away. */
  citizenGoneSince: number | undefined;
  /** Every agent who took the chat or received it by transfer, oldest first, with the number of messages the log had then. */
  joins: AgentJoin[];
  /** True once the citizen left a served chat: it stays cut, and the citizen can no longer resume it or write to it. */
  citizenLeft: boolean;
  lastCitizenMessageAt: number;
  lastAgentMessageAt: number;
  /** Position and estimate last sent to the citizen, so unchanged ones are not sent again. */
  lastPosition: string | undefined;
  graceTimer: NodeJS.Timeout | undefined;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares a presented token with the stored hash in constant time. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(tokenHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Builds an id that sorts like the arrival: time and arrival counter in fixed-width
 * base 36, then random characters so ids from two hubs do not collide.
 */
export function newChatId(arrivedAt: number, arrivalOrder: number): string {
  const time = arrivedAt.toString(36).padStart(9, '0');
  const order = arrivalOrder.toString(36).padStart(6, '0');
  return `${time}-${order}-${randomBytes(4).toString('hex')}`;
}

export function newStream(): string {
  return randomBytes(9).toString('base64url');
}

/** Creates a queued chat with no connection attached; the caller sets the citizen. */
export function createLiveChat(chatId: string, arrivedAt: number, arrivalOrder: number, tokenHash: string, stream: string): LiveChat {
  return {
    chat: { id: chatId, arrivedAt, status: 'queued', agentName: null, messages: [] },
    tokenHash,
    stream,
    arrivalOrder,
    excerpt: '',
    storedSeqs: new Map(),
    pendingMessages: new Map(),
    tail: Promise.resolve(),
    citizen: undefined,
    agent: undefined,
    takenAt: undefined,
    citizenGoneSince: undefined,
    joins: [],
    citizenLeft: false,
    lastCitizenMessageAt: arrivedAt,
    lastAgentMessageAt: 0,
    lastPosition: undefined,
    graceTimer: undefined,
  };
}

/**
 * Rebuilds a chat from its log, or returns undefined when the log has no usable
 * "opened" entry (no token hash, so its citizen could never resume it) or is closed.
 * The rebuilt chat has no connections: the caller starts the grace timers.
 */
export function restoreLiveChat(entries: readonly TranscriptEntry[], now: number): LiveChat | undefined {
  const opened = entries[0];
  if (opened?.kind !== 'opened' || !opened.tokenHash) return undefined;
  const live = createLiveChat(opened.chatId, opened.arrivedAt, opened.arrivalOrder ?? 0, opened.tokenHash, opened.stream ?? newStream());

  for (const entry of entries.slice(1)) {
    switch (entry.kind) {
      case 'message': {
        const { message } = entry;
        if (message.seq !== live.chat.messages.length + 1) continue;
        live.chat.messages.push(message);
        live.storedSeqs.set(`${message.author}:${message.id}`, message.seq);
        if (message.author === 'citizen') {
          live.lastCitizenMessageAt = message.at;
          if (!live.excerpt) live.excerpt = excerptOf(message.text);
        } else if (message.author === 'agent') live.lastAgentMessageAt = message.at;
        break;
      }
      case 'taken':
        live.chat.status = 'active';
        live.chat.agentName = entry.agentName;
        live.takenAt = entry.at;
        live.joins.push({ agentName: entry.agentName, sinceSeq: entry.sinceSeq ?? live.chat.messages.length });
        break;
      case 'transferred':
        live.chat.agentName = entry.toAgent;
        live.joins.push({ agentName: entry.toAgent, sinceSeq: entry.sinceSeq ?? live.chat.messages.length, transfer: true });
        break;
      case 'requeued':
        live.chat.status = 'queued';
        live.chat.agentName = null;
        break;
      case 'cut':
        if (live.chat.status === 'active') live.chat.status = 'cut';
        break;
      case 'returned':
        if (live.chat.status === 'cut') live.chat.status = 'active';
        break;
      case 'left':
        live.chat.status = 'cut';
        live.citizenLeft = true;
        break;
      case 'closed':
        return undefined;
      case 'opened':
        break;
    }
  }
  // No client is connected after a restart, so the citizen's absence counts from now.
  live.citizenGoneSince = now;
  return live;
}
