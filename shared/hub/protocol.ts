/**
 * Frames of the hub's JSON protocol over WebSocket, version 1. Citizens connect to
 * /ws/citizen and agents to /ws/agent; every frame is one JSON object with a "type".
 * The hub validates each incoming frame with these schemas before acting on it.
 */
import { z } from 'zod';
import { chatMessageSchema, chatSchema, messageTextSchema, queueEntrySchema } from '../chat/model';
import { agentNameSchema } from '../protocol/agent-name';
import { HUB_PROTOCOL_VERSION } from './constants';

// The constants live in a file without zod, so the citizen widget can use them and stay small.
export { AGENT_PATH, CITIZEN_PATH, HUB_CLOSE_CODES, HUB_PROTOCOL_VERSION, MAX_FRAME_BYTES } from './constants';

const clientMessageId = z.string().min(1).max(64);

// Citizen to hub.
export const citizenFrameSchema = z.discriminatedUnion('type', [
  /** Opens a chat after the citizen accepted the personal-data notice, or resumes one with its token. */
  z.object({
    type: z.literal('hello'),
    v: z.literal(HUB_PROTOCOL_VERSION),
    consent: z.literal(true),
    resume: z.object({ chatId: z.string().min(1), token: z.string().min(1) }).optional(),
  }),
  z.object({ type: z.literal('message'), id: clientMessageId, text: messageTextSchema }),
  z.object({ type: z.literal('leave') }),
]);
export type CitizenFrame = z.infer<typeof citizenFrameSchema>;

// Agent to hub.
export const agentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), v: z.literal(HUB_PROTOCOL_VERSION), agentName: agentNameSchema }),
  /** Takes the oldest waiting chat; the optional id comes back as "ref" on an error about this frame. */
  z.object({ type: z.literal('take-next'), id: clientMessageId.optional() }),
  z.object({ type: z.literal('message'), chatId: z.string().min(1), id: clientMessageId, text: messageTextSchema }),
  z.object({ type: z.literal('ping'), id: z.string().min(1).max(64) }),
  /** Ends a chat this agent serves: the citizen gets "closed" and the chat leaves the agent. */
  z.object({ type: z.literal('close'), chatId: z.string().min(1) }),
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
]);
export type HubErrorCode = z.infer<typeof hubErrorCodeSchema>;

/** An error about one frame; "ref" repeats that frame's id (message id, take-next id) when it had one. */
const errorFrame = z.object({
  type: z.literal('error'),
  code: hubErrorCodeSchema,
  ref: z.string().optional(),
  detail: z.string().optional(),
});
const ackFrame = z.object({ type: z.literal('ack'), id: clientMessageId, seq: z.number().int().positive() });
const messageFrame = z.object({ type: z.literal('message'), message: chatMessageSchema });

// Hub to citizen.
export const hubToCitizenFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), v: z.literal(HUB_PROTOCOL_VERSION), chatId: z.string(), token: z.string() }),
  /** Position in the queue, 1 for the next chat to be taken. */
  z.object({ type: z.literal('position'), position: z.number().int().positive() }),
  z.object({ type: z.literal('agent-joined'), agentName: z.string() }),
  z.object({ type: z.literal('closed') }),
  messageFrame,
  ackFrame,
  errorFrame,
]);
export type HubToCitizenFrame = z.infer<typeof hubToCitizenFrameSchema>;

// Hub to agent.
export const hubToAgentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), v: z.literal(HUB_PROTOCOL_VERSION), agentName: z.string(), serverTime: z.number() }),
  z.object({ type: z.literal('queue'), entries: z.array(queueEntrySchema) }),
  /** A chat this agent just took, whole, with every message so far. */
  z.object({ type: z.literal('chat'), chat: chatSchema }),
  z.object({ type: z.literal('citizen-left'), chatId: z.string() }),
  /** The citizen of a chat this agent serves reconnected after a drop (for example, a page reload). */
  z.object({ type: z.literal('citizen-returned'), chatId: z.string() }),
  z.object({ type: z.literal('pong'), id: z.string(), serverTime: z.number() }),
  messageFrame,
  ackFrame,
  errorFrame,
]);
export type HubToAgentFrame = z.infer<typeof hubToAgentFrameSchema>;
