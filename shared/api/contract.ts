/**
 * The renderer's API, declared once: every method with its request and response
 * schema, and every event with its payload. Electron IPC and the browser host's
 * WebSocket carry exactly this contract; the Node side validates each request here.
 */
import { z } from 'zod';
import { chatMessageSchema, chatSchema, messageTextSchema, queueEntrySchema } from '../chat/model';
import { kbArticleSchema, kbSearchResultSchema, kbStatusSchema } from '../knowledge-base/model';
import { agentNameSchema } from '../protocol/agent-name';
import { analysisSchema } from '../protocol/chat-protocol';
import { citizenEmailSchema, citizenNameSchema } from '../protocol/citizen-data';
import { RULE_IDS } from '../checker/options';
import { checkResultSchema, selfTestReportSchema } from '../selftest/model';
import { draftProtocolStateSchema, draftSchema } from '../drafts/model';
import { outboxEntrySchema, outboxListSchema } from '../outbox/model';
import { agentPreferencesChangeSchema, settingsStateSchema } from '../settings/entity-settings';

export const hubConnectionStateSchema = z.enum(['connecting', 'connected', 'disconnected']);
export type HubConnectionState = z.infer<typeof hubConnectionStateSchema>;

/** Whether the agent takes chats: "available" only after a self-test in this session. */
export const availabilitySchema = z.enum(['available', 'paused']);
export type Availability = z.infer<typeof availabilitySchema>;

/** Minimum length of the written reason for starting a shift although a check failed. */
export const OVERRIDE_REASON_MIN_LENGTH = 10;

export const sessionSchema = z.object({
  /** Null until the agent gives a name on the first run. */
  agentName: z.string().nullable(),
  citizenUrl: z.string(),
  autoSendGreeting: z.boolean(),
  availability: availabilitySchema,
  /** The self-test recorded in this session, null until the agent leaves the self-test screen. */
  selfTest: z
    .object({ at: z.number(), worst: z.enum(['pass', 'warn', 'fail']), override: z.string().nullable() })
    .nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const workspaceSchema = z.object({
  connection: hubConnectionStateSchema,
  queue: z.array(queueEntrySchema),
  chats: z.array(chatSchema),
});
export type Workspace = z.infer<typeof workspaceSchema>;

const empty = z.object({}).strict();
const chatId = z.string().min(1).max(64);

export const apiMethods = {
  'session.get': { request: empty, response: sessionSchema },
  'agent.setName': { request: z.object({ name: agentNameSchema }).strict(), response: sessionSchema },
  'settings.setAutoSendGreeting': { request: z.object({ enabled: z.boolean() }).strict(), response: sessionSchema },
  'workspace.get': { request: empty, response: workspaceSchema },
  'chat.takeNext': { request: empty, response: chatSchema },
  'chat.send': { request: z.object({ chatId, text: messageTextSchema }).strict(), response: chatMessageSchema },
  /** Keeps a reply written while the hub is unreachable; it is sent, in order and once, when the link returns. */
  'chat.queue': { request: z.object({ chatId, text: messageTextSchema }).strict(), response: z.object({ id: z.string(), queued: z.number().int().positive() }) },
  /** Stores the citizen's name (confirmed by the agent) and email on the chat; a field left out keeps its value. */
  'chat.setCitizen': {
    request: z.object({ chatId, name: citizenNameSchema.optional(), email: citizenEmailSchema.optional() }).strict(),
    response: chatSchema,
  },
  'chat.setAnalysis': { request: z.object({ chatId, analysis: analysisSchema }).strict(), response: chatSchema },
  /** Marks the chat for an email follow-up at the address the citizen agreed to. */
  'chat.setFollowUp': { request: z.object({ chatId, email: citizenEmailSchema }).strict(), response: chatSchema },
  /** Records that the agent sent a message despite the pre-send review's findings. */
  'chat.recordOverride': {
    request: z.object({ chatId, messageSeq: z.number().int().positive(), rules: z.array(z.enum(RULE_IDS)).min(1).max(RULE_IDS.length) }).strict(),
    response: chatSchema,
  },
  /** Ends the chat on the hub and stores its transcript under <data>/transcripts/. */
  'chat.close': { request: z.object({ chatId }).strict(), response: chatSchema },
  'selftest.run': { request: empty, response: selfTestReportSchema },
  'kb.search': {
    request: z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    response: z.array(kbSearchResultSchema),
  },
  'kb.article': { request: z.object({ path: z.string().min(1).max(1000) }).strict(), response: kbArticleSchema },
  /** Articles for the citizen's latest message in the chat; empty while the citizen has written nothing. */
  'kb.suggest': { request: z.object({ chatId, limit: z.number().int().min(1).max(10).default(3) }).strict(), response: z.array(kbSearchResultSchema) },
  'kb.status': { request: empty, response: kbStatusSchema },
  /** Stores the run the agent saw (Node and browser checks) and starts the shift; a failure needs a reason. */
  'selftest.record': {
    request: z
      .object({
        checks: z.array(checkResultSchema).min(1).max(20),
        durationMs: z.number().nonnegative(),
        override: z.string().trim().max(500).nullable(),
      })
      .strict(),
    response: sessionSchema,
  },
  'selftest.report': { request: empty, response: z.object({ fileName: z.string(), text: z.string() }) },
  'agent.setAvailability': { request: z.object({ availability: availabilitySchema }).strict(), response: sessionSchema },
  /** The entity's settings without secrets, the agent's preferences, the lock and the settings file's current error. */
  'settings.get': { request: empty, response: settingsStateSchema },
  /** Changes the agent's own preferences; a field left out keeps its value. */
  'settings.setPreferences': { request: agentPreferencesChangeSchema, response: settingsStateSchema },
  /** Stores a chat's composer text and state; a change older than the stored one (by changedAt) is ignored. */
  'draft.save': {
    request: z.object({ chatId, text: z.string().max(200_000), protocolState: draftProtocolStateSchema.nullable(), changedAt: z.number().int().nonnegative() }).strict(),
    response: draftSchema,
  },
  'draft.list': { request: empty, response: z.array(draftSchema) },
  /**
   * Queues the answer of a cut or follow-up chat as an email with its transcript and marks the chat answered by email.
   * overriddenRules lists the pre-send review's rules the agent sent it despite; the chat records them with the outbox id.
   */
  'outbox.enqueue': {
    request: z
      .object({ chatId, to: citizenEmailSchema, text: z.string().trim().min(1).max(100_000), overriddenRules: z.array(z.enum(RULE_IDS)).min(1).max(RULE_IDS.length).optional() })
      .strict(),
    response: z.object({ entry: outboxEntrySchema, chat: chatSchema }),
  },
  'outbox.list': { request: empty, response: outboxListSchema },
  'outbox.retryNow': { request: z.object({ id: z.string().min(1).max(100) }).strict(), response: outboxEntrySchema },
  /** Checks the entity's SMTP server with nodemailer's verify(); a failure comes back as a "fail" result with its reason. */
  'smtp.test': { request: empty, response: checkResultSchema },
} as const;

export const apiEvents = {
  'hub.connection': z.object({ state: hubConnectionStateSchema }),
  'queue.changed': z.object({ entries: z.array(queueEntrySchema) }),
  'chat.updated': z.object({ chat: chatSchema }),
  'chat.message': z.object({ message: chatMessageSchema }),
  'kb.changed': z.object({ status: kbStatusSchema }),
  /** Sent after the entity's settings file was reloaded (valid or not) or a preference changed. */
  'settings.changed': settingsStateSchema,
  'outbox.changed': z.object({ entry: outboxEntrySchema }),
  /** Sent after replies queued while the hub was unreachable were delivered on reconnection. */
  'chat.queuedDelivered': z.object({ count: z.number().int().nonnegative(), left: z.number().int().nonnegative() }),
} as const;

export type ApiMethod = keyof typeof apiMethods;
export type ApiEvent = keyof typeof apiEvents;
export type ApiRequest<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['request']>;
export type ApiResponse<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['response']>;
export type ApiEventPayload<E extends ApiEvent> = z.output<(typeof apiEvents)[E]>;

export const API_METHOD_NAMES = Object.keys(apiMethods) as ApiMethod[];
export const API_EVENT_NAMES = Object.keys(apiEvents) as ApiEvent[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiMethods, name);
}

export function isApiEvent(name: unknown): name is ApiEvent {
  return typeof name === 'string' && Object.hasOwn(apiEvents, name);
}
