/**
 * The renderer's API, declared once: every method with its request and response
 * schema, and every event with its payload. Electron IPC and the browser host's
 * WebSocket carry exactly this contract; the Node side validates each request here.
 */
import { z } from 'zod';
import { chatMessageSchema, chatSchema, messageTextSchema, queueEntrySchema } from '../chat/model';
import { agentNameSchema } from '../protocol/agent-name';
import { selfTestReportSchema } from '../selftest/model';

export const hubConnectionStateSchema = z.enum(['connecting', 'connected', 'disconnected']);
export type HubConnectionState = z.infer<typeof hubConnectionStateSchema>;

export const sessionSchema = z.object({
  /** Null until the agent gives a name on the first run. */
  agentName: z.string().nullable(),
  citizenUrl: z.string(),
  autoSendGreeting: z.boolean(),
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
  'selftest.run': { request: empty, response: selfTestReportSchema },
} as const;

export const apiEvents = {
  'hub.connection': z.object({ state: hubConnectionStateSchema }),
  'queue.changed': z.object({ entries: z.array(queueEntrySchema) }),
  'chat.updated': z.object({ chat: chatSchema }),
  'chat.message': z.object({ message: chatMessageSchema }),
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
