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

  return scopedLogger(pino({ level, redact, base: { pid: process.pid } }, pino.multistream(streams, { dedupe: false })), {});
}

/** The pino root behind each logger from createLogger, for setLogLevel. */
const roots = new WeakMap<Logger, pino.Logger>();

/**
 * Wraps a pino logger so that child() merges its fields into its parent's instead of
 * appending them: pino writes every binding of every ancestor, so a module's child of
 * a module's child would repeat the "module" key in one line. Each child is made
 * from the root with the merged fields, so the innermost module wins.
 */
function scopedLogger(root: pino.Logger, bindings: Record<string, unknown>): Logger {
  const target = Object.keys(bindings).length === 0 ? root : root.child(bindings);
  const logger: Logger = {
    debug: (fields, message) => target.debug(fields, message),
    info: (fields, message) => target.info(fields, message),
    warn: (fields, message) => target.warn(fields, message),
    error: (fields, message) => target.error(fields, message),
    child: (fields) => scopedLogger(root, { ...bindings, ...fields }),
  };
  roots.set(logger, root);
  return logger;
}

/**
 * Changes the level of a logger from createLogger, or of any of its children, for
 * example to the entity settings' level once they are read. Every logger of the
 * process follows, whether made before or after the change, because each is a pino
 * child of the one root and a pino child inherits its parent's level unless it was
 * given its own (pino 10.4). A logger that createLogger did not make is left as it is.
 */
export function setLogLevel(logger: Logger, level: LogLevel): void {
  const root = roots.get(logger);
  if (root) root.level = level;
}
