/**
 * Settings of the outbox: where the SMTP server is, how to reach it, and how long
 * to keep retrying. Durations are milliseconds.
 */
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The From of messages queued while no sender is configured. It names no real mailbox. */
export const PLACEHOLDER_FROM = 'Atiende <atiende@localhost>';

export const outboxSettingsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(25),
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean().default(false),
  /** Fail the connection when the server does not offer STARTTLS. */
  requireTLS: z.boolean().default(false),
  /** Verify the server's certificate; turn off only for a test server with a self-signed one. */
  rejectUnauthorized: z.boolean().default(true),
  user: z.string().optional(),
  password: z.string().optional(),
  /**
   * Sender of every message, as a bare address or "Name <address>". The default is a placeholder for a
   * workstation without SMTP settings: the sender never uses it as the SMTP envelope sender while any other is known.
   */
  from: z.string().min(3).default(PLACEHOLDER_FROM),
  pool: z.boolean().default(true),
  /** Parallel SMTP connections, which is also how many messages are in flight at once; 5 is nodemailer's pool default. */
  maxConnections: z.number().int().min(1).max(20).default(5),
  /** Messages sent over one pooled connection before it is replaced. */
  maxMessages: z.number().int().min(1).default(100),
  connectionTimeoutMs: z.number().int().positive().default(30_000),
  greetingTimeoutMs: z.number().int().positive().default(30_000),
  socketTimeoutMs: z.number().int().positive().default(60_000),
  /**
   * First retry delay after a temporary failure; it doubles on each further failure. It is
   * shorter than the 30 minutes RFC 5321 §4.5.4.1 recommends between retries because the
   * server is the entity's own submission server, and the delay grows to retryMaxMs.
   */
  retryBaseMs: z.number().int().positive().default(30_000),
  /** Maximum delay between two retries of one message. */
  retryMaxMs: z.number().int().positive().default(30 * 60 * 1000),
  /**
   * How long a message is retried before it is marked failed. RFC 5321 §4.5.4.1 (as RFC 2821
   * before it) states that the give-up time generally needs to be at least 4–5 days, so the default is 5 days.
   */
  giveUpAfterMs: z.number().int().positive().default(5 * DAY_MS),
  /** How often a running sender looks for messages that another process queued. */
  pollIntervalMs: z.number().int().positive().default(5_000),
});

export type OutboxSettings = z.output<typeof outboxSettingsSchema>;
export type OutboxSettingsInput = z.input<typeof outboxSettingsSchema>;

export function resolveOutboxSettings(input: OutboxSettingsInput = {}): OutboxSettings {
  return outboxSettingsSchema.parse(input);
}
