/**
 * The renderer's API, declared once: every method with its request and response
 * schema, and every event with its payload. Electron IPC and the browser host's
 * WebSocket carry exactly this contract; the Node side validates each request here.
 */
import { z } from 'zod';
import { chatMessageSchema, chatSchema, MAX_MESSAGE_LENGTH, messageTextSchema, queueEntrySchema } from '../chat/model';
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

/**
 * Whether the hub admitted this workstation's agent. "rejected" follows the hub's
 * "unauthorized" error and close 4401; reason says whether a token was sent at all.
 */
export const hubLoginSchema = z.object({
  /** The hub's agent endpoint, shown so the agent knows which hub refused the token. */
  hubUrl: z.string(),
  state: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.enum(['tokenMissing', 'tokenRejected']).nullable(),
  /** Whether the workstation has a token to send; the token itself never leaves the Node side. */
  tokenSet: z.boolean(),
});
export type HubLogin = z.infer<typeof hubLoginSchema>;

/**
 * A request a citizen left by email, with the workstation's record of whether it was answered.
 * The first fields are the hub's follow-up request (shared/hub/protocol.ts), which the lint
 * rules keep out of this file; main/chat/follow-up-book.ts fails to compile if the two drift apart.
 */
export const followUpViewSchema = z.object({
  id: z.string(),
  at: z.number().int().nonnegative(),
  email: z.string(),
  text: z.string(),
  /** Whether the service was closed or had no agent available when the citizen left the request. */
  service: z.enum(['open', 'no-agents', 'closed']),
  /**
   * Set once the agent answered it by email (outboxId) or marked it done without an email (outboxId null),
   * until the hub recorded the mark and the request left the list.
   */
  done: z.object({ at: z.number().int().nonnegative(), outboxId: z.string().nullable() }).nullable(),
});
export type FollowUpView = z.infer<typeof followUpViewSchema>;

const followUpId = z.string().min(1).max(200);

/**
 * Colleagues to propose as transfer targets. With source "hub" they are the agents the hub lists as
 * available right now, with their chats and maximum; with "transfers" the hub sends no list, and they are
 * the colleagues seen in earlier transfers, whose chats are unknown (null).
 */
export const transferCandidatesSchema = z.object({
  source: z.enum(['hub', 'transfers']),
  colleagues: z.array(z.object({ name: z.string(), chats: z.number().int().nonnegative().nullable(), maxChats: z.number().int().positive().nullable() })),
});
export type TransferCandidates = z.infer<typeof transferCandidatesSchema>;

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
  /**
   * Stores a chat's composer text and state; a change older than the stored one (by changedAt) is ignored.
   * An empty text without state removes the draft, and a change typed before a removal is ignored.
   */
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
  'hub.login': { request: empty, response: hubLoginSchema },
  /** Stores the agent's token for the hub (encrypted on the desktop, a 0600 file on the browser host) and reconnects with it. */
  'hub.setToken': { request: z.object({ token: z.string().trim().min(1).max(200) }).strict(), response: hubLoginSchema },
  /**
   * Hands a chat this agent serves to another connected agent with a note; the chat then leaves this workstation.
   * The handler checks the note against the hub's own maximum (MAX_TRANSFER_NOTE_LENGTH).
   */
  'chat.transfer': {
    request: z.object({ chatId, toAgent: agentNameSchema, note: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) }).strict(),
    response: z.object({ chatId: z.string(), toAgent: z.string() }),
  },
  /** Colleagues to propose as transfer targets, from the hub's list of agents when it sends one. */
  'transfer.candidates': { request: empty, response: transferCandidatesSchema },
  /** The requests citizens left by email, pending first, oldest first. */
  'followUp.list': { request: empty, response: z.array(followUpViewSchema) },
  /** Queues the answer to a request as an email through the outbox and marks the request done. */
  'followUp.answer': {
    request: z.object({ id: followUpId, to: citizenEmailSchema, text: z.string().trim().min(1).max(100_000) }).strict(),
    response: z.object({ entry: outboxEntrySchema, request: followUpViewSchema }),
  },
  /**
   * Marks a request done without an email (for example answered by phone), or pending again while the hub
   * has not yet recorded the mark; once it has, the request leaves every workstation's list.
   */
  'followUp.setDone': { request: z.object({ id: followUpId, done: z.boolean() }).strict(), response: followUpViewSchema },
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
  'hub.login': hubLoginSchema,
  /** The chat went to another agent and left this workstation. */
  'chat.transferred': z.object({ chatId: z.string(), toAgent: z.string() }),
  'followUp.changed': z.object({ requests: z.array(followUpViewSchema) }),
  /** The hub's list of agents changed, so the colleagues to propose in the transfer dialog did. */
  'transfer.candidatesChanged': transferCandidatesSchema,
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
