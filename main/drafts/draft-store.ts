/**
 * Per-chat drafts: the composer text and the protocol state of each open chat,
 * kept in <data>/drafts/<hex of the chat id>.json. A change is saved atomically
 * (temporary file, fsync, rename) once typing pauses, and never later than the
 * maximum wait after the first unsaved change, so a crash loses at most about a
 * second of typing. A file that cannot be read is moved to <data>/drafts/corrupt/
 * and reported, never dropped.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../shared/api/result';
import { silentLogger, type Logger } from '../../shared/log/logger';
import { JsonRecordFolder } from '../storage/json-record-folder';

export const MAX_DRAFT_LENGTH = 200_000;
const MAX_CHAT_ID_LENGTH = 64;

const draftFileSchema = z.object({
  version: z.literal(1),
  chatId: z.string().min(1).max(MAX_CHAT_ID_LENGTH),
  text: z.string().max(MAX_DRAFT_LENGTH),
  /** The composer's protocol state: JSON the store keeps without reading it. */
  protocolState: z.unknown(),
  updatedAt: z.number(),
});

export interface Draft {
  chatId: string;
  text: string;
  protocolState: unknown;
  /** Time of the last change, in milliseconds since the epoch. */
  updatedAt: number;
}

export interface DraftChange {
  text?: string;
  protocolState?: unknown;
}

/** A draft file that could not be read, and where it was moved. */
export interface DraftProblem {
  key: 'drafts.error.corrupt';
  params: { path: string; keptAs: string };
}

/** A save that failed; the draft stays in memory and the save is retried. */
export interface DraftSaveError {
  key: 'drafts.error.saveFailed';
  params: { chatId: string; path: string; code: string };
}

interface DraftStoreEvents {
  saved: [{ chatId: string; updatedAt: number }];
  saveFailed: [DraftSaveError];
  problem: [DraftProblem];
}

export interface DraftStoreOptions {
  dataDir: string;
  logger?: Logger;
  /** Pause in typing after which a change is saved. */
  debounceMs?: number;
  /**
   * Maximum time a change waits to be saved while typing goes on. The default of 900 ms
   * leaves room for the write itself to end within a second of the change.
   */
  maxWaitMs?: number;
}

function fileName(chatId: string): string {
  // Hex keeps any chat id a safe, case-insensitive file name on every platform.
  return `${Buffer.from(chatId, 'utf8').toString('hex')}.json`;
}

export class DraftStore extends EventEmitter<DraftStoreEvents> {
  private readonly files: JsonRecordFolder<Draft, typeof draftFileSchema>;
  private readonly logger: Logger;

  /** When each draft was last removed, so a save typed before that time cannot bring it back. */
  private readonly removals = new Map<string, number>();
  private readonly found: DraftProblem[] = [];

  private constructor(options: DraftStoreOptions) {
    super();
    this.logger = (options.logger ?? silentLogger).child({ module: 'drafts' });
    this.files = new JsonRecordFolder({
      folder: join(options.dataDir, 'drafts'),
      logger: this.logger,
      recordName: 'draft',
      keyField: 'chatId',
      fileName,
      schema: draftFileSchema,
      toFile: (_chatId, draft) => ({ version: 1 as const, ...draft }),
      fromFile: ({ version: _version, ...draft }) => ({ key: draft.chatId, value: draft }),
      debounceMs: options.debounceMs ?? 300,
      maxWaitMs: options.maxWaitMs ?? 900,
      onWritten: (chatId, draft) => this.emit('saved', { chatId, updatedAt: draft.updatedAt }),
      onWriteFailed: (chatId, path, code) => this.emit('saveFailed', { key: 'drafts.error.saveFailed', params: { chatId, path, code } }),
    });
  }

  /** Opens the store and loads every draft; unreadable files are moved aside and listed by problems(). */
  static async open(options: DraftStoreOptions): Promise<DraftStore> {
    const store = new DraftStore(options);
    let setAside;
    try {
      setAside = await store.files.load();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      store.logger.error({ path: store.files.folder, code }, 'drafts folder could not be used');
      throw new ApiError('drafts.error.folderUnusable', { path: store.files.folder, code });
    }
    for (const params of setAside) {
      const problem: DraftProblem = { key: 'drafts.error.corrupt', params };
      store.found.push(problem);
      store.emit('problem', problem);
    }
    return store;
  }

  get(chatId: string): Draft | undefined {
    return this.files.get(chatId);
  }

  list(): Draft[] {
    return this.files.values().sort((a, b) => a.updatedAt - b.updatedAt);
  }

  /**
   * Returns when the chat's draft was last removed in this process, or undefined.
   * NOTE: the time is kept in memory only; after a restart the missing file is all that remains.
   */
  removedAt(chatId: string): number | undefined {
    return this.removals.get(chatId);
  }

  problems(): DraftProblem[] {
    return [...this.found];
  }

  /** Changes a chat's draft in memory at once and schedules its save. */
  update(chatId: string, change: DraftChange): Draft {
    if (chatId.length === 0 || chatId.length > MAX_CHAT_ID_LENGTH) throw new ApiError('drafts.error.invalidChatId', { max: MAX_CHAT_ID_LENGTH });
    const previous = this.files.get(chatId);
    const draft: Draft = {
      chatId,
      text: change.text ?? previous?.text ?? '',
      protocolState: 'protocolState' in change ? change.protocolState : (previous?.protocolState ?? null),
      updatedAt: Date.now(),
    };
    if (draft.text.length > MAX_DRAFT_LENGTH) throw new ApiError('drafts.error.tooLong', { max: MAX_DRAFT_LENGTH });
    try {
      JSON.stringify(draft.protocolState);
    } catch {
      throw new ApiError('drafts.error.invalidState', { chatId });
    }

    this.files.set(chatId, draft);
    return draft;
  }

  /** Deletes a chat's draft, for example once its answer was sent; `at` is the time of the removal, by default now. */
  async remove(chatId: string, at = Date.now()): Promise<void> {
    this.removals.set(chatId, Math.max(at, this.removals.get(chatId) ?? 0));
    await this.files.delete(chatId);
  }

  /** Saves every unsaved change now. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  /** Saves every unsaved change and stops the timers; later changes are kept in memory only. */
  stop(): Promise<void> {
    return this.files.stop();
  }
}
