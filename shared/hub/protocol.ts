/**
 * Frames of the hub's JSON protocol over WebSocket, version 1. Citizens connect to
 * /ws/citizen and agents to /ws/agent; every frame is one JSON object with a "type".
 * The hub validates each incoming frame with these schemas before acting on it.
 * docs/hub-protocol.md describes the whole protocol for authors of other clients.
 */
import { z } from 'zod';
import { chatMessageSchema, chatSchema, messageTextSchema, queueEntrySchema } from '../chat/model';
import { agentNameSchema } from '../protocol/agent-name';
import { HUB_PROTOCOL_VERSION } from './constants';

// The constants live in a file without zod, so the citizen widget can use them and stay small.
export { AGENT_PATH, AGENTS_FRAME_INTERVAL_MS, CITIZEN_PATH, DEFAULT_HEARTBEAT_MS, HUB_CLOSE_CODES, HUB_PROTOCOL_VERSION, MAX_FRAME_BYTES } from './constants';

const clientMessageId = z.string().min(1).max(64);
const chatIdSchema = z.string().min(1).max(100);
const seqSchema = z.number().int().nonnegative();

/** Identity of a chat's log; it changes when the log is reset, so a client's sequence numbers no longer apply. */
const streamSchema = z.string().min(1).max(64);

export const agentAvailabilitySchema = z.enum(['available', 'paused']);
export type AgentAvailability = z.infer<typeof agentAvailabilitySchema>;

/** The state the agents list shows for an agent; "busy" (ocupado) is an available agent that serves its maximum of chats. */
export const agentPresenceSchema = z.enum(['available', 'paused', 'busy']);
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

/** A follow-up request id: the chat id, a hyphen and the citizen's client id. */
const followUpIdSchema = z.string().min(1).max(200);

/** Maximum length of a transfer note, in characters. */
export const MAX_TRANSFER_NOTE_LENGTH = 500;

// Citizen to hub.
export const citizenFrameSchema = z.discriminatedUnion('type', [
  /**
   * Opens a chat after the citizen accepted the personal-data notice, or resumes one with its token.
   * With stream and lastSeq the hub replays only the messages after lastSeq.
   */
  z.object({
    type: z.literal('hello'),
    v: z.literal(HUB_PROTOCOL_VERSION),
    consent: z.literal(true),
    resume: z.object({ chatId: chatIdSchema, token: z.string().min(1).max(100), stream: streamSchema.optional(), lastSeq: seqSchema.optional() }).optional(),
  }),
  z.object({ type: z.literal('message'), id: clientMessageId, text: messageTextSchema }),
  /** Leaves the request by email instead of waiting; once it is stored, the hub sends "follow-up-stored" with the same id. */
  z.object({ type: z.literal('follow-up'), id: clientMessageId, email: z.string().max(254), text: messageTextSchema }),
  z.object({ type: z.literal('leave') }),
]);
export type CitizenFrame = z.infer<typeof citizenFrameSchema>;

// Agent to hub.
export const agentFrameSchema = z.discriminatedUnion('type', [
  /**
   * Opens the agent's session. token is required unless the hub runs in local mode. resume lists the chats
   * the client already shows with the last seq it has of each, so the hub sends only what came after.
   */
  z.object({
    type: z.literal('hello'),
    v: z.literal(HUB_PROTOCOL_VERSION),
    agentName: agentNameSchema,
    token: z.string().min(1).max(200).optional(),
    availability: agentAvailabilitySchema.optional(),
    resume: z.array(z.object({ chatId: chatIdSchema, stream: streamSchema, lastSeq: seqSchema })).max(100).optional(),
  }),
  /** Takes the oldest waiting chat; the optional id comes back as "ref" on an error about this frame. */
  z.object({ type: z.literal('take-next'), id: clientMessageId.optional() }),
  z.object({ type: z.literal('message'), chatId: chatIdSchema, id: clientMessageId, text: messageTextSchema }),
  z.object({ type: z.literal('ping'), id: z.string().min(1).max(64) }),
  /** Ends a chat this agent serves: the citizen gets "closed" and the chat leaves the agent. */
  z.object({ type: z.literal('close'), chatId: chatIdSchema }),
  /** Sets whether the hub may route chats to this agent; "paused" keeps the chats already taken. */
  z.object({ type: z.literal('availability'), availability: agentAvailabilitySchema }),
  /** Hands a chat this agent serves to another connected agent, with a note for that agent. */
  z.object({
    type: z.literal('transfer'),
    id: clientMessageId,
    chatId: chatIdSchema,
    toAgent: agentNameSchema,
    note: z.string().max(MAX_TRANSFER_NOTE_LENGTH),
  }),
  /**
   * Marks a follow-up request done for every agent. The hub answers with "follow-up-done" once the mark is
   * stored, or with the error "unknown-follow-up". Send it only to a hub whose follow-ups frame had complete: true.
   */
  z.object({ type: z.literal('follow-up-done'), id: followUpIdSchema }),
]);
export type AgentFrame = z.infer<typeof agentFrameSchema>;

/** Error codes the hub sends; each has a Spanish text in the message catalog under "hub.error.<code>". */
export const hubErrorCodeSchema = z.enum([
  'invalid-frame',
  'unsupported-version',
  'not-ready',
  'queue-empty',
  'unknown-chat',
  'not-your-chat',
  'chat-closed',
  'resume-rejected',
  'unauthorized',
  'agent-paused',
  'too-many-chats',
  'unknown-agent',
  'agent-unavailable',
  'rate-limited',
  'invalid-email',
  'store-failed',
  'unknown-follow-up',
]);
export type HubErrorCode = z.infer<typeof hubErrorCodeSchema>;

/** An error about one frame; "ref" repeats that frame's id (message id, take-next id, transfer id) when it had one. */
const errorFrame = z.object({
  type: z.literal('error'),
  code: hubErrorCodeSchema,
  ref: z.string().optional(),
  detail: z.string().optional(),
});
const ackFrame = z.object({ type: z.literal('ack'), id: clientMessageId, seq: z.number().int().positive() });
const messageFrame = z.object({ type: z.literal('message'), message: chatMessageSchema });

/** Whether citizens can expect an agent now: "closed" outside opening hours, "no-agents" when none is available. */
export const serviceStateSchema = z.enum(['open', 'no-agents', 'closed']);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/**
 * The basis of a wait estimate: "free-agent" (an available agent has a free slot for this position),
 * "recent-chats" (the handling times of chats that ended recently) or "default" (the configured
 * handling time, before enough chats ended).
 */
export const waitEstimateBasisSchema = z.enum(['free-agent', 'recent-chats', 'default']);
export type WaitEstimateBasis = z.infer<typeof waitEstimateBasisSchema>;

// Hub to citizen.
export const hubToCitizenFrameSchema = z.discriminatedUnion('type', [
  /**
   * Opens or resumes the chat. resync is true when the hub could not replay from the client's lastSeq
   * (another stream, or no lastSeq): the messages that follow are the whole log, and the client drops what it showed.
   */
  z.object({
    type: z.literal('welcome'),
    v: z.literal(HUB_PROTOCOL_VERSION),
    chatId: z.string(),
    token: z.string(),
    stream: streamSchema.optional(),
    resync: z.boolean().optional(),
  }),
  /**
   * Position in the queue, 1 for the next chat to be taken. estimatedWaitMs is an estimate from the
   * agents' free slots and handling times, rounded up to a range, and estimateBasis says what it rests
   * on. Both are absent when no agent is available to estimate from.
   */
  z.object({
    type: z.literal('position'),
    position: z.number().int().positive(),
    estimatedWaitMs: z.number().int().nonnegative().optional(),
    estimateBasis: waitEstimateBasisSchema.optional(),
  }),
  z.object({ type: z.literal('service'), state: serviceStateSchema }),
  /**
   * An agent took the chat or received it by transfer when the log had sinceSeq messages. A resume
   * repeats every join of the chat, oldest first, so clients show each (agentName, sinceSeq) once.
   * transfer is true when another agent passed the chat to this one.
   */
  z.object({ type: z.literal('agent-joined'), agentName: z.string(), sinceSeq: seqSchema.optional(), transfer: z.literal(true).optional() }),
  z.object({ type: z.literal('follow-up-stored'), id: clientMessageId }),
  z.object({ type: z.literal('closed') }),
  messageFrame,
  ackFrame,
  errorFrame,
]);
export type HubToCitizenFrame = z.infer<typeof hubToCitizenFrameSchema>;

/** A request a citizen left by email when no agent could serve them; agents answer it by email. */
export const followUpRequestSchema = z.object({
  id: z.string(),
  at: z.number().int().nonnegative(),
  email: z.string(),
  text: z.string(),
  /** Service state when the request was left: the reason the citizen did not wait. */
  service: serviceStateSchema,
});
export type FollowUpRequest = z.infer<typeof followUpRequestSchema>;

/** One connected agent in the agents frame: chats counts the chats it serves toward maxChats. */
export const agentEntrySchema = z.object({
  name: z.string(),
  availability: agentPresenceSchema,
  chats: z.number().int().nonnegative(),
  maxChats: z.number().int().positive(),
});
export type AgentEntry = z.infer<typeof agentEntrySchema>;

// Hub to agent.
export const hubToAgentFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.literal(HUB_PROTOCOL_VERSION),
    agentName: z.string(),
    serverTime: z.number(),
    availability: agentAvailabilitySchema.optional(),
    maxChats: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('queue'), entries: z.array(queueEntrySchema) }),
  /** A chat left the queue because some agent took it; sent at once, before the next queue frame. */
  z.object({ type: z.literal('taken'), chatId: z.string() }),
  /**
   * A chat this agent holds. afterSeq 0 (or absent) means the chat is whole; otherwise it carries only the
   * messages after afterSeq, which the client asked for in its hello. transfer is set when another agent handed it over.
   */
  z.object({
    type: z.literal('chat'),
    chat: chatSchema,
    stream: streamSchema.optional(),
    afterSeq: seqSchema.optional(),
    transfer: z.object({ fromAgent: z.string(), note: z.string() }).optional(),
  }),
  /** A chat the client listed in its hello resume that the hub no longer gives this agent. */
  z.object({ type: z.literal('chat-gone'), chatId: z.string() }),
  /** The citizen's presence changed: "cut" when silent or disconnected past the hub's delay, "active" when back. */
  z.object({ type: z.literal('chat-status'), chatId: z.string(), status: z.enum(['active', 'cut']) }),
  /** The citizen left ("left": the chat is closed) or the connection dropped ("disconnected": a resume may follow). */
  z.object({ type: z.literal('citizen-left'), chatId: z.string(), reason: z.enum(['left', 'disconnected']).optional() }),
  /** The citizen of a chat this agent serves reconnected after a drop (for example, a page reload). */
  z.object({ type: z.literal('citizen-returned'), chatId: z.string() }),
  /** The chat of a transfer frame (ref) went to toAgent and left this agent. */
  z.object({ type: z.literal('transferred'), ref: z.string(), chatId: z.string(), toAgent: z.string() }),
  /**
   * Requests left by email and not yet done. complete: true marks the hub's whole list (the first frame after the
   * welcome), which replaces the client's; frames without it add new requests.
   */
  z.object({ type: z.literal('follow-ups'), requests: z.array(followUpRequestSchema), complete: z.boolean().optional() }),
  /** A follow-up request an agent marked done: it leaves every agent's list. */
  z.object({ type: z.literal('follow-up-done'), id: z.string(), agentName: z.string(), at: z.number().int().nonnegative() }),
  /** Every connected agent, sent after the welcome and after changes, at most every AGENTS_FRAME_INTERVAL_MS. */
  z.object({ type: z.literal('agents'), agents: z.array(agentEntrySchema) }),
  z.object({ type: z.literal('pong'), id: z.string(), serverTime: z.number() }),
  messageFrame,
  ackFrame,
  errorFrame,
]);
export type HubToAgentFrame = z.infer<typeof hubToAgentFrameSchema>;
