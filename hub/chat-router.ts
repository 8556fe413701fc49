/**
 * The hub's routing state: which chats exist, which wait in the queue, which agent
 * serves which chat, who is connected and whether the service is open. Every
 * operation runs synchronously up to its first store append, so two agents asking
 * for the next chat in the same instant are served one after the other and never
 * get the same chat.
 */
import { randomBytes } from 'node:crypto';
import type { Author, ChatMessage, ChatStatus, QueueEntry } from '../shared/chat/model';
import { excerptOf } from '../shared/chat/queue';
import {
  AGENTS_FRAME_INTERVAL_MS,
  HUB_CLOSE_CODES,
  HUB_PROTOCOL_VERSION,
  type AgentAvailability,
  type FollowUpRequest,
  type HubErrorCode,
  type HubToAgentFrame,
  type HubToCitizenFrame,
  type ServiceState,
} from '../shared/hub/protocol';
import { citizenEmailSchema } from '../shared/protocol/citizen-data';
import type { Logger } from '../shared/log/logger';
import type { ChatStore, FollowUpDoneMark, TranscriptEntry } from './chat-store';
import { AgentsFrame } from './agents-frame';
import { FlushTimer } from './flush-timer';
import { FollowUpLedger } from './follow-up-ledger';
import { createLiveChat, hashToken, newChatId, newStream, restoreLiveChat, tokenMatches, type AgentHandle, type AgentJoin, type Link, type LiveChat, type StoredMessage } from './live-chat';
import { ChatQueue } from './queue';
import { isOpenAt, type OpeningHours } from './settings';
import { WaitEstimator, type AgentCapacity } from './wait-estimate';

export type { AgentHandle, Link } from './live-chat';

export interface RouterTimings {
  /** Minimum time between two queue frames to the agents, in ms; changes in between are sent together. */
  queueFrameIntervalMs: number;
  /** Minimum time between two agents frames, in ms; changes in between are sent together. */
  agentsFrameIntervalMs: number;
  /** How long a queued chat waits for its citizen to reconnect before it is closed, in ms. */
  citizenGraceMs: number;
  /** How long an agent's chats wait for the agent to reconnect before they go back to the queue, in ms. */
  agentGraceMs: number;
  /** How long a closed chat stays in memory, in ms, so late frames about it get "chat-closed" before "unknown-chat". */
  closedRetentionMs: number;
  /** How long a served chat's citizen may stay disconnected before the chat is "cut", in ms. */
  citizenCutMs: number;
  /** How long a served chat's citizen may leave the agent's last message unanswered before the chat is "cut", in ms. */
  citizenSilenceMs: number;
  /** Interval of the check for cut chats and for the opening hours, in ms. */
  presenceSweepMs: number;
}

export const DEFAULT_ROUTER_TIMINGS: RouterTimings = {
  queueFrameIntervalMs: 50,
  agentsFrameIntervalMs: AGENTS_FRAME_INTERVAL_MS,
  citizenGraceMs: 120_000,
  agentGraceMs: 30_000,
  closedRetentionMs: 600_000,
  citizenCutMs: 60_000,
  citizenSilenceMs: 300_000,
  presenceSweepMs: 1_000,
};

export interface RouterPolicy {
  maxChatsPerAgent: number;
  openingHours: OpeningHours | undefined;
  /** Handling time the wait estimate assumes before any chat was measured, in ms. */
  defaultHandlingMs: number;
}

export const DEFAULT_ROUTER_POLICY: RouterPolicy = { maxChatsPerAgent: 5, openingHours: undefined, defaultHandlingMs: 300_000 };

export interface AgentHelloOptions {
  availability?: AgentAvailability;
  /** Chats the client already shows, with the last seq it has of each. */
  resume?: ReadonlyArray<{ chatId: string; stream: string; lastSeq: number }>;
}

export interface CitizenResume {
  chatId: string;
  token: string;
  stream?: string;
  lastSeq?: number;
}

const encode = (frame: HubToCitizenFrame | HubToAgentFrame): string => JSON.stringify(frame);
/** Encodes an error; ref repeats the id of the frame it is about, so a client with several frames in flight can match it. */
const errorFrame = (code: HubErrorCode, ref: string | undefined, detail?: string): string =>
  encode({ type: 'error', code, ...(ref ? { ref } : {}), ...(detail ? { detail } : {}) });

export class ChatRouter {
  private readonly chats = new Map<string, LiveChat>();
  private readonly queue = new ChatQueue();
  private readonly agents = new Map<string, AgentHandle>();
  private readonly estimator: WaitEstimator;
  private readonly followUps: FollowUpLedger;
  private arrivals = 0;
  private service: ServiceState;
  private readonly queueFlush: FlushTimer;
  private readonly agentsFrame: AgentsFrame;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly store: ChatStore,
    private readonly logger: Logger,
    private readonly timings: RouterTimings = DEFAULT_ROUTER_TIMINGS,
    private readonly policy: RouterPolicy = DEFAULT_ROUTER_POLICY,
  ) {
    this.estimator = new WaitEstimator(policy.defaultHandlingMs);
    this.followUps = new FollowUpLedger(store);
    this.queueFlush = new FlushTimer(timings.queueFrameIntervalMs, () => this.flushQueue());
    this.agentsFrame = new AgentsFrame(timings.agentsFrameIntervalMs, {
      agents: () => this.agents.values(),
      chatsServed: (agent) => this.chatsServed(agent),
      maxChats: policy.maxChatsPerAgent,
    });
    this.service = this.currentService();
    this.sweepTimer = setInterval(() => this.sweep(), timings.presenceSweepMs);
    this.sweepTimer.unref();
  }

  /** Rebuilds the open chats and the follow-up requests from the store, after a restart. */
  async restore(): Promise<void> {
    const now = Date.now();
    for (const chatId of await this.store.listOpen()) {
      const live = restoreLiveChat(await this.store.read(chatId), now);
      if (!live) continue;
      this.chats.set(chatId, live);
      this.arrivals = Math.max(this.arrivals, live.arrivalOrder);
      if (live.chat.status === 'queued') {
        this.queue.add({ chatId, arrivedAt: live.chat.arrivedAt, arrivalOrder: live.arrivalOrder });
        this.startCitizenGrace(live);
      } else {
        // The agent gets the usual grace period to come back before the chat returns to the queue.
        live.graceTimer = setTimeout(() => this.requeue(live), this.timings.agentGraceMs);
      }
    }
    await this.followUps.restore();
    this.logger.info({ chats: this.chats.size, queued: this.queue.size, followUps: this.followUps.openCount }, 'hub state restored');
  }

  // Citizens.

  /** Opens a chat for a citizen who accepted the notice, queues it and sends the welcome and the service state. */
  openChat(citizen: Link): string {
    const token = randomBytes(18).toString('base64url');
    const arrivedAt = Date.now();
    const arrivalOrder = ++this.arrivals;
    const chatId = newChatId(arrivedAt, arrivalOrder);
    const live = createLiveChat(chatId, arrivedAt, arrivalOrder, hashToken(token), newStream());
    live.citizen = citizen;
    this.chats.set(chatId, live);
    this.record(live, { kind: 'opened', chatId, arrivedAt, arrivalOrder, stream: live.stream, tokenHash: live.tokenHash });

    this.queue.add({ chatId, arrivedAt, arrivalOrder });
    citizen.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, chatId, token, stream: live.stream }));
    citizen.send(encode({ type: 'service', state: this.service }));
    this.logger.info({ chatId, queued: this.queue.size }, 'chat opened');
    this.scheduleQueueFlush();
    return chatId;
  }

  /**
   * Reattaches a reconnected citizen to its chat and replays it: welcome, the messages
   * after the client's lastSeq (or all of them, with resync, when its stream differs),
   * then the position or the agent. Returns false when the chat is unknown, closed or
   * the token does not match, so the caller opens a new chat instead.
   */
  resumeChat(resume: CitizenResume, citizen: Link): boolean {
    const { chatId, token } = resume;
    const live = this.chats.get(chatId);
    if (!live || live.chat.status === 'closed' || live.citizenLeft || !tokenMatches(token, live.tokenHash)) {
      this.logger.warn({ chatId }, 'chat resume rejected');
      return false;
    }

    if (live.citizen && live.citizen !== citizen) live.citizen.close(HUB_CLOSE_CODES.replaced, 'resumed elsewhere');
    live.citizen = citizen;
    live.citizenGoneSince = undefined;
    if (live.chat.status === 'queued') this.clearGrace(live);

    const replayable = resume.stream === live.stream && resume.lastSeq !== undefined && resume.lastSeq <= live.chat.messages.length;
    const afterSeq = replayable ? resume.lastSeq! : 0;
    citizen.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, chatId, token, stream: live.stream, resync: !replayable }));
    for (const message of live.chat.messages.slice(afterSeq)) citizen.send(encode({ type: 'message', message }));

    if (live.chat.status === 'queued') {
      citizen.send(encode({ type: 'service', state: this.service }));
      live.lastPosition = undefined;
      this.scheduleQueueFlush();
    } else if (live.chat.agentName) {
      // Every join, so a client that rebuilt its log places each "joined" line and author name once.
      for (const join of live.joins) citizen.send(encode({ type: 'agent-joined', ...join }));
      live.agent?.link.send(encode({ type: 'citizen-returned', chatId }));
      this.markPresent(live);
    }
    this.logger.info({ chatId, replayed: live.chat.messages.length - afterSeq, resync: !replayable }, 'chat resumed');
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
      if (!stored) {
        live.citizen?.send(errorFrame('store-failed', id));
        return;
      }
      live.citizen?.send(encode({ type: 'ack', id, seq: stored.message.seq }));
      if (!stored.isNew) return;
      live.lastCitizenMessageAt = stored.message.at;
      this.markPresent(live);
      live.agent?.link.send(encode({ type: 'message', message: stored.message }));
      if (live.chat.status === 'queued' && stored.message.seq === firstCitizenSeq(live)) this.scheduleQueueFlush();
    });
  }

  /**
   * Stores a request the citizen leaves by email instead of waiting, then closes the
   * chat. A resent id is stored once and answered again.
   */
  citizenFollowUp(chatId: string, id: string, email: string, text: string): void {
    const live = this.chats.get(chatId);
    if (!live?.citizen) return;
    const citizen = live.citizen;
    const parsedEmail = citizenEmailSchema.safeParse(email);
    if (!parsedEmail.success) {
      citizen.send(errorFrame('invalid-email', id));
      return;
    }

    const requestId = `${chatId}-${id}`;
    if (this.followUps.has(requestId)) {
      citizen.send(encode({ type: 'follow-up-stored', id }));
      return;
    }
    const request: FollowUpRequest = { id: requestId, at: Date.now(), email: parsedEmail.data, text, service: this.service };
    this.followUps.add(request).then(
      () => {
        citizen.send(encode({ type: 'follow-up-stored', id }));
        const frame = encode({ type: 'follow-ups', requests: [request] });
        for (const agent of this.agents.values()) agent.link.send(frame);
        this.logger.info({ chatId, requestId }, 'follow-up request stored');
        this.closeChat(live, 'follow-up left by email');
      },
      (error: unknown) => {
        this.logger.error({ chatId, requestId, err: error }, 'follow-up request could not be stored');
        citizen.send(errorFrame('store-failed', id));
      },
    );
  }

  /**
   * Ends the chat for the citizen who pressed "leave". A queued chat leaves the queue and
   * closes. A served chat becomes "cut" and stays with its agent until the agent closes
   * it, because the protocol asks the agent to finish the answer by email.
   */
  citizenLeave(chatId: string): void {
    const live = this.chats.get(chatId);
    if (!live || live.chat.status === 'closed' || live.citizenLeft) return;
    if (live.chat.status === 'queued') {
      this.closeChat(live, 'citizen left the queue');
      return;
    }

    live.citizenLeft = true;
    live.citizen?.send(encode({ type: 'closed' }));
    // Detached now, so the socket's own close that follows does not report a dropped connection.
    live.citizen = undefined;
    live.citizenGoneSince = Date.now();
    // A chat its citizen left no longer counts toward the agent's maximum.
    this.agentsFrame.schedule();
    if (live.chat.status === 'active') {
      live.chat.status = 'cut';
      live.agent?.link.send(encode({ type: 'chat-status', chatId, status: 'cut' }));
    }
    this.record(live, { kind: 'left', at: live.citizenGoneSince });
    live.agent?.link.send(encode({ type: 'citizen-left', chatId, reason: 'left' }));
    this.logger.info({ chatId, agentName: live.chat.agentName }, 'citizen left a served chat, which stays cut with its agent');
  }

  /** Detaches a dropped citizen connection; a queued chat waits for a resume, a served one may become "cut". */
  citizenDisconnected(chatId: string, citizen: Link): void {
    const live = this.chats.get(chatId);
    if (!live || live.citizen !== citizen) return;
    live.citizen = undefined;
    if (live.chat.status === 'closed') return;

    live.citizenGoneSince = Date.now();
    live.agent?.link.send(encode({ type: 'citizen-left', chatId, reason: 'disconnected' }));
    if (live.chat.status === 'queued') this.startCitizenGrace(live);
    this.logger.info({ chatId, status: live.chat.status }, 'citizen disconnected');
  }

  // Agents.

  /**
   * Registers an agent, sends the welcome, the queue, the agents and the open follow-up
   * requests, and gives back the chats it held before a drop, from the seq its client
   * already has. A second connection with the same name replaces the first.
   */
  agentHello(name: string, link: Link, options: AgentHelloOptions = {}): Promise<AgentHandle> {
    const agent: AgentHandle = { name, link, chatIds: new Set(), availability: options.availability ?? 'available' };
    const previous = this.agents.get(name);
    this.agents.set(name, agent);
    if (previous) {
      for (const chatId of previous.chatIds) {
        const live = this.chats.get(chatId);
        if (live?.agent === previous) live.agent = undefined;
      }
      previous.link.close(HUB_CLOSE_CODES.replaced, 'agent connected elsewhere');
    }

    link.send(encode({ type: 'welcome', v: HUB_PROTOCOL_VERSION, agentName: name, serverTime: Date.now(), availability: agent.availability, maxChats: this.policy.maxChatsPerAgent }));
    link.send(encode({ type: 'queue', entries: this.queueEntries() }));

    const resume = new Map((options.resume ?? []).map((item) => [item.chatId, item]));
    for (const live of this.chats.values()) {
      if ((live.chat.status !== 'active' && live.chat.status !== 'cut') || live.agent || live.chat.agentName !== name) continue;
      this.clearGrace(live);
      live.agent = agent;
      agent.chatIds.add(live.chat.id);
      const known = resume.get(live.chat.id);
      resume.delete(live.chat.id);
      const afterSeq = known && known.stream === live.stream && known.lastSeq <= live.chat.messages.length ? known.lastSeq : 0;
      link.send(encode({ type: 'chat', chat: { ...live.chat, messages: live.chat.messages.slice(afterSeq) }, stream: live.stream, afterSeq }));
      if (!live.citizen) link.send(encode({ type: 'citizen-left', chatId: live.chat.id, reason: live.citizenLeft ? 'left' : 'disconnected' }));
    }
    for (const chatId of resume.keys()) link.send(encode({ type: 'chat-gone', chatId }));

    link.send(encode({ type: 'follow-ups', requests: this.followUps.openRequests(), complete: true }));
    this.agentsFrame.sendTo(agent);
    this.agentsFrame.schedule();

    this.logger.info({ agentName: name, agents: this.agents.size, reclaimed: agent.chatIds.size }, 'agent connected');
    this.updateService();
    return Promise.resolve(agent);
  }

  /** Gives the oldest waiting chat to this agent only, with every message so far; requestId comes back as ref on an error. */
  takeNext(agent: AgentHandle, requestId?: string): void {
    if (agent.availability !== 'available') return agent.link.send(errorFrame('agent-paused', requestId));
    if (this.chatsServed(agent) >= this.policy.maxChatsPerAgent) return agent.link.send(errorFrame('too-many-chats', requestId));
    const next = this.queue.takeOldest();
    if (!next) return agent.link.send(errorFrame('queue-empty', requestId));

    const live = this.chats.get(next.chatId)!;
    live.chat.status = 'active';
    live.chat.agentName = agent.name;
    live.agent = agent;
    live.takenAt = Date.now();
    live.lastPosition = undefined;
    agent.chatIds.add(live.chat.id);
    this.clearGrace(live);

    agent.link.send(encode({ type: 'chat', chat: live.chat, stream: live.stream, afterSeq: 0 }));
    const taken = encode({ type: 'taken', chatId: live.chat.id });
    for (const other of this.agents.values()) if (other !== agent) other.link.send(taken);
    const sinceSeq = this.announceJoin(live, agent.name);
    if (!live.citizen) agent.link.send(encode({ type: 'citizen-left', chatId: live.chat.id, reason: 'disconnected' }));
    this.record(live, { kind: 'taken', agentName: agent.name, at: live.takenAt, sinceSeq });
    this.logger.info({ chatId: live.chat.id, agentName: agent.name, queued: this.queue.size }, 'chat taken');
    this.scheduleQueueFlush();
    this.agentsFrame.schedule();
  }

  /** Stores an agent's message to a chat it serves, acks it, then delivers it to the citizen. */
  agentMessage(agent: AgentHandle, chatId: string, id: string, text: string): void {
    const live = this.ownedChat(agent, chatId, id);
    if (!live) return;
    void this.storeMessage(live, 'agent', id, text).then((stored) => {
      if (!stored) return agent.link.send(errorFrame('store-failed', id, chatId));
      agent.link.send(encode({ type: 'ack', id, seq: stored.message.seq }));
      if (!stored.isNew) return;
      live.lastAgentMessageAt = stored.message.at;
      live.citizen?.send(encode({ type: 'message', message: stored.message }));
    });
  }

  /** Ends a chat the agent serves; the citizen gets "closed". */
  agentClose(agent: AgentHandle, chatId: string): void {
    const live = this.ownedChat(agent, chatId);
    if (live) this.closeChat(live, 'closed by agent');
  }

  setAvailability(agent: AgentHandle, availability: AgentAvailability): void {
    if (agent.availability === availability) return;
    agent.availability = availability;
    this.logger.info({ agentName: agent.name, availability }, 'agent availability changed');
    this.updateService();
    this.agentsFrame.schedule();
  }

  /** Hands a chat this agent serves to another connected agent who is available and below the maximum. */
  transfer(agent: AgentHandle, requestId: string, chatId: string, toAgent: string, note: string): void {
    const live = this.ownedChat(agent, chatId, requestId);
    if (!live) return;
    const target = this.agents.get(toAgent);
    if (!target || target === agent) return agent.link.send(errorFrame('unknown-agent', requestId, toAgent));
    if (target.availability !== 'available' || this.chatsServed(target) >= this.policy.maxChatsPerAgent) {
      return agent.link.send(errorFrame('agent-unavailable', requestId, toAgent));
    }

    agent.chatIds.delete(chatId);
    target.chatIds.add(chatId);
    live.agent = target;
    live.chat.agentName = target.name;
    target.link.send(encode({ type: 'chat', chat: live.chat, stream: live.stream, afterSeq: 0, transfer: { fromAgent: agent.name, note } }));
    agent.link.send(encode({ type: 'transferred', ref: requestId, chatId, toAgent: target.name }));
    const sinceSeq = this.announceJoin(live, target.name, true);
    this.record(live, { kind: 'transferred', fromAgent: agent.name, toAgent: target.name, note, at: Date.now(), sinceSeq });
    this.logger.info({ chatId, fromAgent: agent.name, toAgent: target.name }, 'chat transferred');
    this.agentsFrame.schedule();
  }

  /**
   * Marks a follow-up request done for every agent once the mark is stored. A request
   * already done is answered with its first mark; an unknown id gets "unknown-follow-up".
   */
  markFollowUpDone(agent: AgentHandle, id: string): void {
    this.followUps.markDone(id, agent.name).then(
      (outcome) => {
        if (outcome.kind === 'unknown') return agent.link.send(errorFrame('unknown-follow-up', id));
        if (outcome.kind === 'in-flight') return;
        const frame = followUpDoneFrame(outcome.mark);
        if (!outcome.isNew) return agent.link.send(frame);
        for (const other of this.agents.values()) other.link.send(frame);
        this.logger.info({ requestId: id, agentName: agent.name, open: this.followUps.openCount }, 'follow-up request marked done');
      },
      (error: unknown) => {
        this.logger.error({ requestId: id, agentName: agent.name, err: error }, 'follow-up done mark could not be stored');
        agent.link.send(errorFrame('store-failed', id));
      },
    );
  }

  /** Keeps a dropped agent's chats for a while, then puts them back in the queue at their arrival place. */
  agentDisconnected(agent: AgentHandle): void {
    if (this.agents.get(agent.name) !== agent) return;
    this.agents.delete(agent.name);
    for (const chatId of agent.chatIds) {
      const live = this.chats.get(chatId);
      if (!live || live.agent !== agent) continue;
      live.agent = undefined;
      live.graceTimer = setTimeout(() => this.requeue(live), this.timings.agentGraceMs);
    }
    this.logger.info({ agentName: agent.name, chats: agent.chatIds.size, agents: this.agents.size }, 'agent disconnected');
    this.updateService();
    this.agentsFrame.schedule();
  }

  /** Stops the timers; connections are closed by the server. */
  close(): void {
    this.queueFlush.cancel();
    this.agentsFrame.cancel();
    clearInterval(this.sweepTimer);
    for (const live of this.chats.values()) this.clearGrace(live);
  }

  // Internals.

  /**
   * Counts the chats an agent serves against the maximum. A chat its citizen left needs only an
   * answer by email, so it does not keep the agent from taking a live chat.
   */
  private chatsServed(agent: AgentHandle): number {
    let count = 0;
    for (const chatId of agent.chatIds) if (!this.chats.get(chatId)?.citizenLeft) count += 1;
    return count;
  }

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
  private record(live: LiveChat, entry: TranscriptEntry): void {
    live.tail = live.tail
      .then(() => this.store.append(live.chat.id, entry))
      .catch((error: unknown) => this.logger.error({ chatId: live.chat.id, kind: entry.kind, err: error }, 'transcript entry could not be stored'));
  }

  private closeChat(live: LiveChat, reason: string): void {
    if (live.chat.status === 'closed') return;
    const wasQueued = this.queue.remove(live.chat.id);
    if (live.takenAt !== undefined) this.estimator.record(Date.now() - live.takenAt);
    live.chat.status = 'closed';
    if (live.agent) this.agentsFrame.schedule();
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

  /** Puts a dropped agent's chat back in the queue. A chat its citizen left waits for its agent instead, because no citizen waits in it. */
  private requeue(live: LiveChat): void {
    live.graceTimer = undefined;
    if ((live.chat.status !== 'active' && live.chat.status !== 'cut') || live.agent || live.citizenLeft) return;
    live.chat.status = 'queued';
    live.chat.agentName = null;
    live.takenAt = undefined;
    this.queue.add({ chatId: live.chat.id, arrivedAt: live.chat.arrivedAt, arrivalOrder: live.arrivalOrder });
    this.record(live, { kind: 'requeued', at: Date.now() });
    if (!live.citizen) this.startCitizenGrace(live);
    else live.citizen.send(encode({ type: 'service', state: this.service }));
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

  /**
   * Records that an agent took the chat or received it by transfer, and sends the citizen agent-joined. Returns the join's sinceSeq.
   * Messages still being stored get the next seqs, so sinceSeq counts them: a message the previous agent sent just
   * before a transfer stays before the join and keeps that agent's name.
   */
  private announceJoin(live: LiveChat, agentName: string, transfer = false): number {
    // NOTE: if one of those appends fails, no seq is skipped, so the join lands one message late.
    const sinceSeq = live.chat.messages.length + live.pendingMessages.size;
    const join: AgentJoin = { agentName, sinceSeq, ...(transfer ? { transfer: true as const } : {}) };
    live.joins.push(join);
    live.citizen?.send(encode({ type: 'agent-joined', ...join }));
    return join.sinceSeq;
  }

  /** Turns a cut chat back to active when its citizen returns or writes. */
  private markPresent(live: LiveChat): void {
    if (live.chat.status === 'cut') this.setPresence(live, 'active');
  }

  private setPresence(live: LiveChat, status: Extract<ChatStatus, 'active' | 'cut'>): void {
    live.chat.status = status;
    live.agent?.link.send(encode({ type: 'chat-status', chatId: live.chat.id, status }));
    this.record(live, { kind: status === 'cut' ? 'cut' : 'returned', at: Date.now() });
    this.logger.info({ chatId: live.chat.id, status }, status === 'cut' ? 'chat cut: citizen silent or away' : 'citizen back in a cut chat');
  }

  /** Marks served chats "cut" whose citizen stayed away or silent too long, and follows the opening hours. */
  private sweep(): void {
    const now = Date.now();
    for (const live of this.chats.values()) {
      if (live.chat.status !== 'active') continue;
      const away = live.citizenGoneSince !== undefined && now - live.citizenGoneSince >= this.timings.citizenCutMs;
      const silent = live.lastAgentMessageAt > live.lastCitizenMessageAt && now - live.lastAgentMessageAt >= this.timings.citizenSilenceMs;
      if (away || silent) this.setPresence(live, 'cut');
    }
    this.updateService();
    // Estimates change with the agents available, which sends no queue frame by itself.
    this.sendPositions();
  }

  private currentService(): ServiceState {
    if (!isOpenAt(this.policy.openingHours, Date.now())) return 'closed';
    for (const agent of this.agents.values()) if (agent.availability === 'available') return 'open';
    return 'no-agents';
  }

  /** Tells every waiting citizen when the service state changes. */
  private updateService(): void {
    const service = this.currentService();
    if (service === this.service) return;
    this.service = service;
    this.logger.info({ service }, 'service state changed');
    const frame = encode({ type: 'service', state: service });
    for (const { chatId } of this.queue.list()) this.chats.get(chatId)?.citizen?.send(frame);
  }

  private queueEntries(): QueueEntry[] {
    return this.queue.list().map(({ chatId, arrivedAt }) => ({ chatId, arrivedAt, excerpt: this.chats.get(chatId)?.excerpt ?? '' }));
  }

  /**
   * Sends the queue to every agent and the position and estimate to each waiting citizen
   * whose position or estimated minutes changed. Changes that come within
   * queueFrameIntervalMs of the last frame are sent together at the end of the interval,
   * so a burst of arrivals costs one frame.
   */
  private scheduleQueueFlush(): void {
    this.queueFlush.schedule();
  }

  private flushQueue(): void {
    const queueFrame = encode({ type: 'queue', entries: this.queueEntries() });
    for (const agent of this.agents.values()) agent.link.send(queueFrame);
    this.sendPositions();
  }

  /** Sends each waiting citizen its position and estimate, when either changed since the last one sent. */
  private sendPositions(): void {
    const capacity: AgentCapacity = { availableAgents: 0, freeSlots: 0, chatsPerAgent: this.policy.maxChatsPerAgent };
    for (const agent of this.agents.values()) {
      if (agent.availability !== 'available') continue;
      capacity.availableAgents += 1;
      capacity.freeSlots += Math.max(0, this.policy.maxChatsPerAgent - this.chatsServed(agent));
    }
    let position = 0;
    for (const { chatId } of this.queue.list()) {
      position += 1;
      const live = this.chats.get(chatId);
      if (!live?.citizen) continue;
      const estimate = this.estimator.estimate(position, capacity);
      // The estimate is already rounded to the range the widget shows, so an unchanged range sends no frame.
      const key = `${position}:${estimate?.waitMs ?? ''}:${estimate?.basis ?? ''}`;
      if (live.lastPosition === key) continue;
      live.lastPosition = key;
      live.citizen.send(encode({ type: 'position', position, ...(estimate ? { estimatedWaitMs: estimate.waitMs, estimateBasis: estimate.basis } : {}) }));
    }
  }
}

function followUpDoneFrame(mark: FollowUpDoneMark): string {
  return encode({ type: 'follow-up-done', id: mark.id, agentName: mark.agentName, at: mark.at });
}

/** Seq of the chat's first citizen message, or undefined when the citizen has not written yet. */
function firstCitizenSeq(live: LiveChat): number | undefined {
  return live.chat.messages.find((message) => message.author === 'citizen')?.seq;
}
