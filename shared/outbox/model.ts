/**
 * The outbox and the chat's email answer as the renderer sees them: one queued
 * message with its state and the Spanish reason of its last failure.
 */
import { z } from 'zod';
import type { Chat } from '../chat/model';

export const outboxStateSchema = z.enum(['pending', 'sending', 'sent', 'failed']);
export type OutboxEntryState = z.infer<typeof outboxStateSchema>;

export const outboxEntrySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  state: outboxStateSchema,
  to: z.string(),
  subject: z.string(),
  chatId: z.string().nullable(),
  createdAt: z.number(),
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.number().nullable(),
  /** Earliest time of the next automatic attempt while pending. */
  nextAttemptAt: z.number(),
  /** Message-catalog key and values of the last failure, for example "outbox.error.connection". */
  lastError: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  sentAt: z.number().nullable(),
  failedAt: z.number().nullable(),
});
export type OutboxView = z.infer<typeof outboxEntrySchema>;

export const outboxListSchema = z.object({
  entries: z.array(outboxEntrySchema),
  /** False while the entity's settings name no SMTP server, so messages wait in the queue. */
  smtpConfigured: z.boolean(),
  /** Queue entries that could not be read; they stay on disk for IT staff. */
  problems: z.number().int().nonnegative(),
});
export type OutboxList = z.infer<typeof outboxListSchema>;

/** Counts the messages the status bar shows: those still waiting and those that failed. */
export function countOutbox(entries: readonly Pick<OutboxView, 'state'>[]): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const entry of entries) {
    if (entry.state === 'pending' || entry.state === 'sending') pending++;
    else if (entry.state === 'failed') failed++;
  }
  return { pending, failed };
}

/** Returns the entries with `entry` replacing the one with its id, or added, oldest first. */
export function upsertOutboxEntry(entries: readonly OutboxView[], entry: OutboxView): OutboxView[] {
  const rest = entries.filter((known) => known.id !== entry.id);
  return [...rest, entry].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * Tells whether the chat's answer goes by email: the hub marked the chat cut, or the
 * agent marked it for a "tiempo adicional" follow-up. A cut chat whose citizen came
 * back is active again and answers in the chat.
 */
export function answersByEmail(chat: Pick<Chat, 'status' | 'protocol'>): boolean {
  return chat.status === 'cut' || (chat.status !== 'closed' && Boolean(chat.protocol?.followUpEmail));
}
