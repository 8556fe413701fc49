/**
 * A folder of JSON files, one record per key (for example one per chat), kept in
 * memory and written back in the background. A change is written atomically
 * (temporary file, fsync, rename) once changes pause for the debounce delay, and
 * never later than the maximum wait after the first unwritten change, so a burst
 * costs one write. The writes and deletions of one key run one after another, in
 * order. A failing write is logged once per streak of failures and retried after
 * the debounce delay. At load, the temporary files that a crash left behind are
 * removed, and a file that does not match the schema is moved to <folder>/corrupt/
 * with a timestamp and logged once with its path.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../../shared/log/logger';
import { writeFileAtomic } from './atomic-file';

export const CORRUPT_FOLDER = 'corrupt';

export interface JsonRecordFolderOptions<Value, Schema extends z.ZodType> {
  folder: string;
  logger: Logger;
  /** Singular noun for log messages, for example "draft" or "chat record". */
  recordName: string;
  /** Log field that carries the key, for example "chatId". */
  keyField: string;
  /** Returns the file name of a key, which must end in ".json" and differ for every key. */
  fileName(key: string): string;
  /** Schema of a whole file, version field included. */
  schema: Schema;
  /** Returns the JSON content of a key's file. */
  toFile(key: string, value: Value): z.input<Schema>;
  /** Returns the key and the record of a file that matched the schema. */
  fromFile(file: z.output<Schema>): { key: string; value: Value };
  /** Pause in changes after which a key's record is written, in milliseconds. */
  debounceMs: number;
  /** Maximum time a change waits while changes go on, in milliseconds. Defaults to the debounce delay. */
  maxWaitMs?: number;
  /** Mode of the folder and its corrupt/ folder when this module creates them, for example 0o700. */
  folderMode?: number;
  /** Called after a write with the record that was written. */
  onWritten?(key: string, value: Value): void;
  /** Called after each failed write, retries included. */
  onWriteFailed?(key: string, path: string, code: string): void;
}

/** A file that did not match the schema, and where it was moved ("keptAs" is the old path when the move failed). */
export interface SetAsideFile {
  path: string;
  keptAs: string;
}

interface PendingWrite {
  firstChangeAt: number;
  timer: NodeJS.Timeout;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}

export class JsonRecordFolder<Value, Schema extends z.ZodType = z.ZodType> {
  readonly folder: string;
  private readonly corruptFolder: string;
  private readonly options: JsonRecordFolderOptions<Value, Schema>;
  private readonly maxWaitMs: number;

  private readonly records = new Map<string, Value>();
  private readonly pending = new Map<string, PendingWrite>();
  /** Last operation of each key; the next one of that key starts once it settles. */
  private readonly operations = new Map<string, Promise<void>>();
  private readonly failingKeys = new Set<string>();
  private stopped = false;

  constructor(options: JsonRecordFolderOptions<Value, Schema>) {
    this.options = options;
    this.folder = options.folder;
    this.corruptFolder = join(options.folder, CORRUPT_FOLDER);
    this.maxWaitMs = options.maxWaitMs ?? options.debounceMs;
  }

  /**
   * Creates the folder if needed and loads every file into memory. Returns the files
   * that did not match the schema and were moved aside. Throws when the folder cannot
   * be created or listed.
   */
  async load(): Promise<SetAsideFile[]> {
    await mkdir(this.folder, { recursive: true, mode: this.options.folderMode });
    const setAside: SetAsideFile[] = [];

    for (const name of await readdir(this.folder)) {
      const path = join(this.folder, name);

      // A temporary file of writeFileAtomic that a crash cut off before its rename: the record itself is intact.
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;

      const entry = await this.readEntry(path);
      // A file under another key's name is set aside too, so two files never claim one key.
      if (entry && this.options.fileName(entry.key) === name) this.records.set(entry.key, entry.value);
      else setAside.push(await this.setAside(name, path));
    }

    this.options.logger.info({ records: this.records.size, setAside: setAside.length }, `${this.options.recordName} files loaded`);
    return setAside;
  }

  get(key: string): Value | undefined {
    return this.records.get(key);
  }

  keys(): string[] {
    return [...this.records.keys()];
  }

  values(): Value[] {
    return [...this.records.values()];
  }

  /** Keeps the record in memory at once and schedules its write. After stop() it stays in memory only. */
  set(key: string, value: Value): void {
    this.records.set(key, value);
    this.scheduleWrite(key);
  }

  /**
   * Forgets a key's record and deletes its file, after any write of it still running.
   * A failed deletion is logged and rejects the returned promise.
   */
  delete(key: string): Promise<void> {
    this.cancelWrite(key);
    this.records.delete(key);
    return this.enqueue(key, async () => {
      try {
        await rm(this.pathOf(key), { force: true });
      } catch (error) {
        this.options.logger.error({ [this.options.keyField]: key, code: errorCode(error) }, `${this.options.recordName} file could not be deleted`);
        throw error;
      }
    });
  }

  /** Writes every scheduled change now and waits for every operation still running. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.writeNow(key);
    // A failed deletion was already reported to the caller of delete(); flush only waits for it.
    await Promise.allSettled([...this.operations.values()]);
  }

  /** Writes what is scheduled and stops the timers, so later changes are kept in memory only. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    // A write that failed during the flush scheduled a retry, which is dropped here.
    for (const key of [...this.pending.keys()]) this.cancelWrite(key);
    if (this.failingKeys.size > 0) {
      this.options.logger.error({ [`${this.options.keyField}s`]: [...this.failingKeys] }, `${this.options.recordName} files not saved at stop`);
    }
  }

  private pathOf(key: string): string {
    return join(this.folder, this.options.fileName(key));
  }

  private scheduleWrite(key: string): void {
    if (this.stopped) return;
    const now = Date.now();
    const pending = this.pending.get(key);
    const firstChangeAt = pending?.firstChangeAt ?? now;
    if (pending) clearTimeout(pending.timer);

    const due = Math.min(now + this.options.debounceMs, firstChangeAt + this.maxWaitMs);
    const timer = setTimeout(() => void this.writeNow(key), Math.max(0, due - now));
    this.pending.set(key, { firstChangeAt, timer });
  }

  private cancelWrite(key: string): void {
    clearTimeout(this.pending.get(key)?.timer);
    this.pending.delete(key);
  }

  private writeNow(key: string): Promise<void> {
    this.cancelWrite(key);
    return this.enqueue(key, () => this.write(key));
  }

  private enqueue(key: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.operations.get(key) ?? Promise.resolve();
    // The next operation runs even after a failed one, whose caller already has the error.
    const next = previous.then(operation, operation);
    this.operations.set(key, next);
    const forget = () => {
      if (this.operations.get(key) === next) this.operations.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  /** Writes the key's current record. A failure is logged once per streak and retried after the debounce delay. */
  private async write(key: string): Promise<void> {
    if (!this.records.has(key)) return;
    const value = this.records.get(key) as Value;
    const path = this.pathOf(key);
    const { logger, recordName, keyField } = this.options;

    try {
      await writeFileAtomic(path, `${JSON.stringify(this.options.toFile(key, value))}\n`);
    } catch (error) {
      const code = errorCode(error);
      if (!this.failingKeys.has(key)) logger.error({ [keyField]: key, code }, `${recordName} could not be saved; retrying`);
      this.failingKeys.add(key);
      this.options.onWriteFailed?.(key, path, code);
      if (!this.pending.has(key)) this.scheduleWrite(key);
      return;
    }

    if (this.failingKeys.delete(key)) logger.info({ [keyField]: key }, `${recordName} saved again after failures`);
    this.options.onWritten?.(key, value);
  }

  /** Returns the file's key and record, or null when it cannot be read or does not match the schema. */
  private async readEntry(path: string): Promise<{ key: string; value: Value } | null> {
    try {
      const file: unknown = JSON.parse(await readFile(path, 'utf8'));
      const parsed = this.options.schema.safeParse(file);
      return parsed.success ? this.options.fromFile(parsed.data) : null;
    } catch {
      return null;
    }
  }

  /** Moves a damaged file out of the way, so the next load does not report it again. */
  private async setAside(name: string, path: string): Promise<SetAsideFile> {
    const { logger, recordName } = this.options;
    let keptAs = join(this.corruptFolder, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    try {
      await mkdir(this.corruptFolder, { recursive: true, mode: this.options.folderMode });
      await rename(path, keptAs);
    } catch (error) {
      // The file stays where it is and is still reported, so it is not taken for lost.
      logger.error({ path, code: errorCode(error) }, `damaged ${recordName} file could not be moved aside`);
      keptAs = path;
    }
    logger.error({ path, keptAs }, `${recordName} file is damaged; moved aside`);
    return { path, keptAs };
  }
}
