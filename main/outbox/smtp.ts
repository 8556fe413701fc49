/**
 * The SMTP side of the outbox: the nodemailer transport built from the settings,
 * the reading of a failed send (permanent, temporary, or the server unreachable),
 * and the retry delay.
 */
import nodemailer from 'nodemailer';
import type { OutboxSettings } from './settings';
import type { OutboxReason } from './store';

export type SmtpTransport = ReturnType<typeof nodemailer.createTransport>;

export function createSmtpTransport(settings: OutboxSettings): SmtpTransport {
  const auth = settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined;
  const common = {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    auth,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    connectionTimeout: settings.connectionTimeoutMs,
    greetingTimeout: settings.greetingTimeoutMs,
    socketTimeout: settings.socketTimeoutMs,
  };
  if (settings.pool) {
    return nodemailer.createTransport({ ...common, pool: true, maxConnections: settings.maxConnections, maxMessages: settings.maxMessages });
  }
  return nodemailer.createTransport(common);
}

/**
 * What a failed send means for the message:
 * - "rejected": the server rejected this message for good (5xx), and a retry would get the same reply.
 * - "deferred": the server rejected it for now (4xx, or 503 out of sequence), so this message is retried later.
 * - "unreachable": no SMTP conversation happened or it broke off (connection, TLS, login, 421).
 *   That concerns every message, so the whole queue waits.
 */
export type SendFailure =
  | { kind: 'rejected'; reason: OutboxReason }
  | { kind: 'deferred'; reason: OutboxReason }
  | { kind: 'unreachable'; reason: OutboxReason };

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Trims a server reply to one line for the state file and the screen. */
function replyText(error: NodemailerError): string {
  return (error.response ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** nodemailer error codes of a failed connection, TLS handshake or protocol exchange, not of one message. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'EPROTOCOL', 'ECONFIG']);

export function classifySendError(error: unknown): SendFailure {
  const failure = (error ?? {}) as NodemailerError;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const code = failure.code ?? 'EUNKNOWN';

  // Login and TLS failures carry a 5xx reply too, but they concern the settings, not the message.
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return { kind: 'unreachable', reason: { key: 'outbox.error.auth', params: { code } } };
  }
  if (code === 'ETLS' || code === 'EREQUIRETLS') {
    return { kind: 'unreachable', reason: { key: 'outbox.error.tls', params: { detail: replyText(failure) || code } } };
  }
  if (responseCode === undefined || responseCode === 421 || CONNECTION_CODES.has(code)) {
    return { kind: 'unreachable', reason: { key: 'outbox.error.connection', params: { code } } };
  }

  const reply = replyText(failure) || String(responseCode);
  if (responseCode >= 500 && responseCode < 600 && responseCode !== 503) {
    return { kind: 'rejected', reason: { key: 'outbox.error.rejected', params: { reply } } };
  }
  return { kind: 'deferred', reason: { key: 'outbox.error.temporary', params: { reply } } };
}

/**
 * Returns the delay before retry number `failures` (1 for the first): the base delay
 * doubled per failure, capped, with "equal jitter" (half fixed, half random) so that
 * many workstations coming back together do not hit the server in step.
 */
export function retryDelay(failures: number, settings: Pick<OutboxSettings, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const capped = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
