/**
 * The durable copy of each open chat's protocol record (time budget, the citizen's
 * confirmed name and email, analysis, follow-up address, review overrides, email
 * answers, transfer note), one file per chat in <data>/chat-records/<stem>.json.
 * A change is written atomically (temporary file, fsync, rename, mode 0600) after a
 * short delay, so a burst of changes costs one write and a crash loses at most the
 * delay plus one write. A file that does not match the schema is moved to
 * <data>/chat-records/corrupt/ and logged once with its path; the start goes on.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../shared/log/logger';
import { chatProtocolSchema, type ChatProtocol } from '../../shared/protocol/chat-protocol';
import { writeFileAtomic } from '../storage/atomic-file';
import { chatFileStem } from './transcript-file';

export const CHAT_RECORDS_FOLDER = 'chat-records';
/** Default delay between a change and its write: a burst within it is written once, well within a second. */
export const CHAT_RECORD_WRITE_DELAY_MS = 250;

const recordFileSchema = z.object({
  version: z.literal(1),
  chatId: z.string().min(1),
  savedAt: z.number().int().nonnegative(),
  protocol: chatProtocolSchema,
});

export function chatRecordFileName(chatId: string): string {
  return `${chatFileStem(chatId)}.json`;
}

export interface ChatRecordStoreOptions {
  dataDir: string;
  logger?: Logger;
  writeDelayMs?: number;
}

export class ChatRecordStore {
  private readonly folder: string;
  private readonly corruptFolder: string;
  private readonly logger: Logger;
  private readonly writeDelayMs: number;

  private readonly records = new Map<string, ChatProtocol>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Last write or removal of each chat; the operations of one chat run in order. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly failingChats = new Set<string>();
  private stopped = false;

  private constructor(options: ChatRecordStoreOptions) {
    this.folder = join(options.dataDir, CHAT_RECORDS_FOLDER);
    this.corruptFolder = join(this.folder, 'corrupt');
    this.logger = (options.logger ?? silentLogger).child({ module: 'chat-records' });
    this.writeDelayMs = options.writeDelayMs ?? CHAT_RECORD_WRITE_DELAY_MS;
  }

  /**
   * Opens the store and loads every record; an unusable folder is logged and leaves the store empty, never stopping the start.
   * NOTE: a record whose chat the hub never gives back (requeued while the workstation was down, or left on a
   * previous hub after a switch) stays on disk until the retention sweep deletes it after the drafts' period.
   */
  static async open(options: ChatRecordStoreOptions): Promise<ChatRecordStore> {
    const store = new ChatRecordStore(options);
    try {
      await mkdir(store.folder, { recursive: true, mode: 0o700 });
      await store.loadAll();
    } catch (error) {
      store.logger.error({ path: store.folder, code: (error as NodeJS.ErrnoException).code ?? 'EIO' }, 'chat records folder could not be read; records start empty');
    }
    return store;
  }

  get(chatId: string): ChatProtocol | undefined {
    return this.records.get(chatId);
  }

  /** Returns the ids of the chats that have a record. */
  chatIds(): string[] {
    return [...this.records.keys()];
  }

  /** Keeps the record in memory at once and schedules its write; changes within the delay are written together. */
  save(chatId: string, protocol: ChatProtocol): void {
    this.records.set(chatId, protocol);
    if (this.stopped || this.timers.has(chatId)) return;
    this.timers.set(
      chatId,
      setTimeout(() => void this.writeNow(chatId), this.writeDelayMs),
    );
  }

  /** Forgets a chat's record and deletes its file, after any write of it still running. */
  remove(chatId: string): Promise<void> {
    this.cancelWrite(chatId);
    this.records.delete(chatId);
    return this.enqueue(chatId, async () => {
      try {
        await rm(join(this.folder, chatRecordFileName(chatId)), { force: true });
      } catch (error) {
        this.logger.error({ chatId, code: (error as NodeJS.ErrnoException).code ?? 'EIO' }, 'chat record could not be deleted');
      }
    });
  }

  /** Writes every scheduled change now and waits for every write. */
  async flush(): Promise<void> {
    for (const chatId of [...this.timers.keys()]) void this.writeNow(chatId);
    await Promise.all([...this.writes.values()]);
  }

  /** Writes what is scheduled and stops; later changes are kept in memory only. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.failingChats.size > 0) this.logger.error({ chatIds: [...this.failingChats] }, 'chat records not saved at stop');
  }

  private cancelWrite(chatId: string): void {
    clearTimeout(this.timers.get(chatId));
    this.timers.delete(chatId);
  }

  private writeNow(chatId: string): Promise<void> {
    this.cancelWrite(chatId);
    return this.enqueue(chatId, () => this.write(chatId));
  }

  private enqueue(chatId: string, operation: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(chatId) ?? Promise.resolve()).then(operation);
    this.writes.set(chatId, next);
    void next.finally(() => {
      if (this.writes.get(chatId) === next) this.writes.delete(chatId);
    });
    return next;
  }

  /** Writes the chat's current record; a failure is logged once per streak and retried after the delay. */
  private async write(chatId: string): Promise<void> {
    const protocol = this.records.get(chatId);
    if (!protocol) return;
    try {
      const file = { version: 1, chatId, savedAt: Date.now(), protocol } satisfies z.input<typeof recordFileSchema>;
      await writeFileAtomic(join(this.folder, chatRecordFileName(chatId)), `${JSON.stringify(file)}\n`);
    } catch (error) {
      if (!this.failingChats.has(chatId)) this.logger.error({ chatId, code: (error as NodeJS.ErrnoException).code ?? 'EIO' }, 'chat record could not be saved; retrying');
      this.failingChats.add(chatId);
      if (!this.stopped) this.save(chatId, protocol);
      return;
    }
    if (this.failingChats.delete(chatId)) this.logger.info({ chatId }, 'chat record saved again after failures');
  }

  private async loadAll(): Promise<void> {
    for (const name of await readdir(this.folder)) {
      const path = join(this.folder, name);

      // A temporary file of writeFileAtomic that a crash cut off before its rename: the record itself is intact.
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;

      const record = await readFile(path, 'utf8')
        .then((text) => recordFileSchema.parse(JSON.parse(text)))
        .catch(() => null);
      if (record && chatRecordFileName(record.chatId) === name) this.records.set(record.chatId, record.protocol);
      else await this.setAside(name, path);
    }
    this.logger.info({ records: this.records.size }, 'chat records loaded');
  }

  /** Moves a damaged record out of the way, so the next start does not report it again. */
  private async setAside(name: string, path: string): Promise<void> {
    let keptAs = join(this.corruptFolder, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    try {
      await mkdir(this.corruptFolder, { recursive: true, mode: 0o700 });
      await rename(path, keptAs);
    } catch (error) {
      this.logger.error({ path, code: (error as NodeJS.ErrnoException).code }, 'damaged chat record could not be moved aside');
      keptAs = path;
    }
    this.logger.error({ path, keptAs }, 'chat record file is damaged; moved aside and the chat starts a new record');
  }
}
