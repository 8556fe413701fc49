/**
 * The chat as both processes and the hub see it. Times are milliseconds since
 * the Unix epoch, stamped by the hub so that every client orders them alike.
 */
import { z } from 'zod';
import { chatProtocolSchema } from '../protocol/chat-protocol';

/** Upper bound of one chat message, in characters, accepted anywhere in the system. */
export const MAX_MESSAGE_LENGTH = 4000;

export const messageTextSchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(z.string().min(1).max(MAX_MESSAGE_LENGTH));

export const authorSchema = z.enum(['citizen', 'agent', 'system']);
export type Author = z.infer<typeof authorSchema>;

export const chatMessageSchema = z.object({
  chatId: z.string().min(1),
  /** Position in the chat's log, starting at 1, assigned by the hub when it stores the message. */
  seq: z.number().int().positive(),
  /** Identifier chosen by the sender, so that a resent message is stored once. */
  id: z.string().min(1).max(64),
  author: authorSchema,
  text: z.string(),
  at: z.number().int().nonnegative(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** "cut": the citizen went silent or disconnected past the hub's delay while an agent served the chat. */
export const chatStatusSchema = z.enum(['queued', 'active', 'cut', 'closed']);
export type ChatStatus = z.infer<typeof chatStatusSchema>;

export const chatSchema = z.object({
  id: z.string().min(1),
  arrivedAt: z.number().int().nonnegative(),
  status: chatStatusSchema,
  agentName: z.string().nullable(),
  messages: z.array(chatMessageSchema),
  /** The workstation's own record of the chat; the hub never sends it. */
  protocol: chatProtocolSchema.optional(),
});
export type Chat = z.infer<typeof chatSchema>;

/** One waiting chat as the queue shows it: no personal data beyond the first message's excerpt. */
export const queueEntrySchema = z.object({
  chatId: z.string().min(1),
  arrivedAt: z.number().int().nonnegative(),
  excerpt: z.string(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;
