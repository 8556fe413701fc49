/**
 * The durable copy of each open chat's protocol record (time budget, the citizen's
 * confirmed name and email, analysis, follow-up address, review overrides, email
 * answers, transfer note), one file per chat in <data>/chat-records/<stem>.json.
 * A change is written atomically (temporary file, fsync, rename, mode 0600) after a
 * short delay, so a burst of changes costs one write and a crash loses at most the
 * delay plus one write. A file that does not match the schema is moved to
 * <data>/chat-records/corrupt/ and logged once with its path; the start goes on.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../shared/log/logger';
import { chatProtocolSchema, type ChatProtocol } from '../../shared/protocol/chat-protocol';
import { JsonRecordFolder } from '../storage/json-record-folder';
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
  private readonly files: JsonRecordFolder<ChatProtocol, typeof recordFileSchema>;
  private readonly logger: Logger;

  private constructor(options: ChatRecordStoreOptions) {
    this.logger = (options.logger ?? silentLogger).child({ module: 'chat-records' });
    const writeDelayMs = options.writeDelayMs ?? CHAT_RECORD_WRITE_DELAY_MS;
    this.files = new JsonRecordFolder({
      folder: join(options.dataDir, CHAT_RECORDS_FOLDER),
      logger: this.logger,
      recordName: 'chat record',
      keyField: 'chatId',
      fileName: chatRecordFileName,
      schema: recordFileSchema,
      toFile: (chatId, protocol) => ({ version: 1 as const, chatId, savedAt: Date.now(), protocol }),
      fromFile: (file) => ({ key: file.chatId, value: file.protocol }),
      // The delay counts from the first change of a burst: later changes join the scheduled write without moving it.
      debounceMs: writeDelayMs,
      maxWaitMs: writeDelayMs,
      folderMode: 0o700,
    });
  }

  /**
   * Opens the store and loads every record; an unusable folder is logged and leaves the store empty, never stopping the start.
   * A damaged record is moved aside and its chat starts a new record.
   * NOTE: a record whose chat the hub never gives back (requeued while the workstation was down, or left on a
   * previous hub after a switch) stays on disk until the retention sweep deletes it after the drafts' period.
   */
  static async open(options: ChatRecordStoreOptions): Promise<ChatRecordStore> {
    const store = new ChatRecordStore(options);
    try {
      await store.files.load();
    } catch (error) {
      store.logger.error({ path: store.files.folder, code: (error as NodeJS.ErrnoException).code ?? 'EIO' }, 'chat records folder could not be read; records start empty');
    }
    return store;
  }

  get(chatId: string): ChatProtocol | undefined {
    return this.files.get(chatId);
  }

  /** Returns the ids of the chats that have a record. */
  chatIds(): string[] {
    return this.files.keys();
  }

  /** Keeps the record in memory at once and schedules its write; changes within the delay are written together. */
  save(chatId: string, protocol: ChatProtocol): void {
    this.files.set(chatId, protocol);
  }

  /** Forgets a chat's record and deletes its file, after any write of it still running. A failed deletion is only logged. */
  remove(chatId: string): Promise<void> {
    return this.files.delete(chatId).catch(() => undefined);
  }

  /** Writes every scheduled change now and waits for every write. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  /** Writes what is scheduled and stops; later changes are kept in memory only. */
  stop(): Promise<void> {
    return this.files.stop();
  }
}
