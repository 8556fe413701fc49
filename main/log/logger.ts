/**
 * Creates the one structured logger of a process, with pino. Lines go to
 * <data>/logs/atiende.log as JSON, and warnings and errors also to standard error,
 * so the command line's standard output stays free for what it prints on purpose.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../../shared/log/logger';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Field names whose values are replaced before a line is written, because they can carry personal data. */
export const REDACTED_FIELDS = ['text', 'email', 'citizenName', 'name', 'body', 'subject', 'to', 'password', 'token'];

export interface LoggerOptions {
  /** Folder for the log file; without it, lines go to standard error only. */
  dataDir?: string;
  level?: LogLevel;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.ATIENDE_LOG_LEVEL as LogLevel | undefined) ?? 'info';
  const redact = { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redactado]' };

  const streams: pino.StreamEntry[] = [{ level: 'warn', stream: pino.destination({ fd: 2, sync: true }) }];
  if (options.dataDir) {
    const folder = join(options.dataDir, 'logs');
    mkdirSync(folder, { recursive: true });
    streams.push({ level: level === 'silent' ? 'fatal' : level, stream: pino.destination({ dest: join(folder, 'atiende.log'), sync: false, mkdir: true }) });
  }

  return pino({ level, redact, base: { pid: process.pid } }, pino.multistream(streams, { dedupe: false })) as unknown as Logger;
}
