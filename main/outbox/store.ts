/**
 * The outbox on disk, a Maildir-like directory queue:
 *
 *   <data>/outbox/tmp/<id>/      a message being queued; never read as part of the queue
 *   <data>/outbox/queue/<id>/    message.eml (the complete message, written once)
 *                                state.json  (state, attempts, last error; replaced atomically)
 *   <data>/outbox/sender.lock    process id of the one process allowed to send, touched while it runs
 *
 * A message is queued by writing both files into tmp/<id>/, fsyncing them and the
 * folder, and renaming the folder into queue/, so a crash leaves either a complete
 * message or nothing in queue/.
 *
 * NOTE: sent and failed messages stay in queue/ until something removes them; no
 * retention rule purges them yet.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../shared/api/result';
import { syncFolder, writeFileAtomic } from '../storage/atomic-file';

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const reasonSchema = z.object({
  /** Message-catalog key, for example "outbox.error.rejected". */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type OutboxReason = z.infer<typeof reasonSchema>;

export const outboxRecordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  messageId: z.string().min(3),
  state: z.enum(OUTBOX_STATES),
  to: z.string(),
  subject: z.string(),
  chatId: z.string().nullable(),
  createdAt: z.number(),
  /** Start of the give-up window: the creation time, or the time of a manual retry of a failed message. */
  windowStartedAt: z.number(),
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.number().nullable(),
  /** Earliest time of the next automatic attempt while pending. */
  nextAttemptAt: z.number(),
  lastError: reasonSchema.nullable(),
  /** The server's final reply to the message, once sent. */
  response: z.string().nullable(),
  sentAt: z.number().nullable(),
  failedAt: z.number().nullable(),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** A queue entry that could not be read; it stays on disk untouched. */
export interface OutboxProblem {
  key: 'outbox.error.corrupt';
  params: { path: string };
}

/** How often the lock holder touches the lock file. */
const LOCK_HEARTBEAT_MS = 10_000;
/** A lock file untouched for this long is stale, whatever process id it names. */
const LOCK_STALE_MS = 60_000;

const MESSAGE_FILE = 'message.eml';
const STATE_FILE = 'state.json';

/** Converts a file-system error into the Spanish error shown to the agent, naming the path. */
export function storageError(error: unknown, path: string): ApiError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return new ApiError('outbox.error.noSpace', { path });
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR') {
    return new ApiError('outbox.error.notWritable', { path });
  }
  return new ApiError('outbox.error.storage', { path, code });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class OutboxStore {
  readonly root: string;
  private readonly tmpFolder: string;
  private readonly queueFolder: string;
  private readonly lockPath: string;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'outbox');
    this.tmpFolder = join(this.root, 'tmp');
    this.queueFolder = join(this.root, 'queue');
    this.lockPath = join(this.root, 'sender.lock');
  }

  /** Creates the folders; throws the Spanish storage error when the data folder cannot hold them. */
  async prepare(): Promise<void> {
    for (const folder of [this.tmpFolder, this.queueFolder]) {
      try {
        await mkdir(folder, { recursive: true });
      } catch (error) {
        throw storageError(error, folder);
      }
    }
  }

  messagePath(id: string): string {
    return join(this.queueFolder, id, MESSAGE_FILE);
  }

  /** Queues a complete message with its first state; on failure nothing of it is left in queue/. */
  async add(record: OutboxRecord, raw: Buffer): Promise<void> {
    const staging = join(this.tmpFolder, record.id);
    try {
      await mkdir(staging);
      await writeFileAtomic(join(staging, MESSAGE_FILE), raw);
      await writeFileAtomic(join(staging, STATE_FILE), serialize(record));
      await rename(staging, join(this.queueFolder, record.id));
      await syncFolder(this.queueFolder);
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw storageError(error, staging);
    }
  }

  /** Replaces a message's state file atomically. */
  async save(record: OutboxRecord): Promise<void> {
    const path = join(this.queueFolder, record.id, STATE_FILE);
    try {
      await writeFileAtomic(path, serialize(record));
    } catch (error) {
      throw storageError(error, path);
    }
  }

  async readMessage(id: string): Promise<Buffer> {
    return readFile(this.messagePath(id));
  }

  /** Lists the ids in queue/, oldest first, because ids begin with their creation time. */
  async listIds(): Promise<string[]> {
    const entries = await readdir(this.queueFolder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  }

  /** Reads one state file; returns a problem when it is unreadable, invalid, or its message file is missing. */
  async load(id: string): Promise<OutboxRecord | OutboxProblem> {
    const folder = join(this.queueFolder, id);
    try {
      const record = outboxRecordSchema.parse(JSON.parse(await readFile(join(folder, STATE_FILE), 'utf8')));
      await readFile(join(folder, MESSAGE_FILE)).then((raw) => {
        if (raw.length === 0) throw new Error('empty message file');
      });
      if (record.id !== id) throw new Error('state file names another id');
      return record;
    } catch {
      return { key: 'outbox.error.corrupt', params: { path: folder } };
    }
  }

  /**
   * Removes half-written messages that a crash left in tmp/; their enqueue never returned.
   * Younger ones may belong to an enqueue still running in another process, so they stay.
   */
  async removeStaging(minimumAgeMs: number): Promise<number> {
    const names = await readdir(this.tmpFolder).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpFolder, name);
      const modified = await stat(path).then((info) => info.mtimeMs, () => Date.now());
      if (Date.now() - modified < minimumAgeMs) continue;
      await rm(path, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  /**
   * Takes the sender lock, so that only one process sends this outbox. The holder touches
   * the lock file every LOCK_HEARTBEAT_MS. A lock is taken over when its process no longer
   * exists (killed, crashed) or when it went untouched for LOCK_STALE_MS, which covers a
   * process id reused by another program after a power cut and a reboot.
   */
  async lock(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(this.lockPath, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.sync();
        await handle.close();
        this.startHeartbeat();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storageError(error, this.lockPath);
      }

      const pid = Number((await readFile(this.lockPath, 'utf8').catch(() => '')).trim());
      const touchedAt = await stat(this.lockPath).then((info) => info.mtimeMs, () => 0);
      const fresh = Date.now() - touchedAt < LOCK_STALE_MS;
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && fresh) throw new ApiError('outbox.error.locked', { pid });
      await rm(this.lockPath, { force: true });
    }
    throw new ApiError('outbox.error.locked', { pid: '?' });
  }

  async unlock(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const pid = Number((await readFile(this.lockPath, 'utf8').catch(() => '')).trim());
    if (pid === process.pid) await rm(this.lockPath, { force: true });
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      const now = new Date();
      // A failed touch only matters if it keeps failing for LOCK_STALE_MS; the next beat tries again.
      void utimes(this.lockPath, now, now).catch(() => undefined);
    }, LOCK_HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}

function serialize(record: OutboxRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
