/**
 * Creates the one structured logger of a process, with pino. Lines go to
 * <data>/logs/atiende.log as JSON, rotated by size (see rotating-file.ts), and
 * errors also to standard error (warnings too when there is no log file), so the
 * command line's standard output stays free for what it prints on purpose. Each module logs through a
 * named child: logger.child({ module: 'selftest' }).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../../shared/log/logger';
import type { LogLevel } from '../../shared/settings/entity-settings';
import { RotatingFile } from './rotating-file';

export type { LogLevel };

/** Size at which atiende.log is rotated: 10 MiB, an estimate that keeps weeks of info-level lines in one file. */
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Rotated log files kept beside atiende.log, so the logs take at most about 60 MiB of disk. */
export const LOG_FILES_KEPT = 5;

/** Field names whose values are replaced before a line is written, because they can carry personal data. */
export const REDACTED_FIELDS = ['text', 'email', 'citizenName', 'name', 'body', 'subject', 'to', 'password', 'token'];

export interface LoggerOptions {
  /** Folder for the log file; without it, lines go to standard error only. */
  dataDir?: string;
  level?: LogLevel;
  maxBytes?: number;
  keep?: number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.ATIENDE_LOG_LEVEL as LogLevel | undefined) ?? 'info';
  const redact = { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]), censor: '[redactado]' };

  // Expected warnings (no Electron binary, a stale setting) belong in the file, not as raw JSON on the agent's terminal.
  const streams: pino.StreamEntry[] = [{ level: options.dataDir ? 'error' : 'warn', stream: pino.destination({ fd: 2, sync: true }) }];
  if (options.dataDir) {
    const folder = join(options.dataDir, 'logs');
    mkdirSync(folder, { recursive: true });
    // The file takes every level the logger lets through, so setLogLevel alone decides what is written.
    const file = new RotatingFile(join(folder, 'atiende.log'), { maxBytes: options.maxBytes ?? LOG_FILE_MAX_BYTES, keep: options.keep ?? LOG_FILES_KEPT });
    streams.push({ level: 'trace', stream: file });
  }

  return pino({ level, redact, base: { pid: process.pid } }, pino.multistream(streams, { dedupe: false })) as unknown as Logger;
}

/**
 * Changes the level of a logger from createLogger, for example to the entity
 * settings' level once they are read. Its children follow, whether made before or
 * after the change, because a pino child inherits its parent's level unless it was
 * given its own (pino 10.4).
 */
export function setLogLevel(logger: Logger, level: LogLevel): void {
  (logger as unknown as pino.Logger).level = level;
}
