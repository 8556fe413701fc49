/**
 * Per-chat drafts: the composer text and the protocol state of each open chat,
 * kept in <data>/drafts/<hex of the chat id>.json. A change is saved atomically
 * (temporary file, fsync, rename) once typing pauses, and never later than the
 * maximum wait after the first unsaved change, so a crash loses at most about a
 * second of typing. A file that cannot be read is moved to <data>/drafts/corrupt/
 * and reported, never dropped.
 */
import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../shared/api/result';
import { silentLogger, type Logger } from '../../shared/log/logger';
import { writeFileAtomic } from '../storage/atomic-file';

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

interface PendingSave {
  firstChangeAt: number;
  timer: NodeJS.Timeout;
}

function fileName(chatId: string): string {
  // Hex keeps any chat id a safe, case-insensitive file name on every platform.
  return `${Buffer.from(chatId, 'utf8').toString('hex')}.json`;
}

export class DraftStore extends EventEmitter<DraftStoreEvents> {
  private readonly folder: string;
  private readonly corruptFolder: string;
  private readonly logger: Logger;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  private readonly drafts = new Map<string, Draft>();
  private readonly pending = new Map<string, PendingSave>();
  /** Last write of each chat; writes of one chat run one after another, in order. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly failingChats = new Set<string>();
  /** When each draft was last removed, so a save typed before that time cannot bring it back. */
  private readonly removals = new Map<string, number>();
  private readonly found: DraftProblem[] = [];
  private stopped = false;

  private constructor(options: DraftStoreOptions) {
    super();
    this.folder = join(options.dataDir, 'drafts');
    this.corruptFolder = join(this.folder, 'corrupt');
    this.logger = (options.logger ?? silentLogger).child({ module: 'drafts' });
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 900;
  }

  /** Opens the store and loads every draft; unreadable files are moved aside and listed by problems(). */
  static async open(options: DraftStoreOptions): Promise<DraftStore> {
    const store = new DraftStore(options);
    try {
      await mkdir(store.folder, { recursive: true });
      await store.loadAll();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      store.logger.error({ path: store.folder, code }, 'drafts folder could not be used');
      throw new ApiError('drafts.error.folderUnusable', { path: store.folder, code });
    }
    return store;
  }

  get(chatId: string): Draft | undefined {
    return this.drafts.get(chatId);
  }

  list(): Draft[] {
    return [...this.drafts.values()].sort((a, b) => a.updatedAt - b.updatedAt);
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
    const previous = this.drafts.get(chatId);
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

    this.drafts.set(chatId, draft);
    this.scheduleSave(chatId);
    return draft;
  }

  /** Deletes a chat's draft, for example once its answer was sent; `at` is the time of the removal, by default now. */
  async remove(chatId: string, at = Date.now()): Promise<void> {
    this.cancelSave(chatId);
    this.drafts.delete(chatId);
    this.removals.set(chatId, Math.max(at, this.removals.get(chatId) ?? 0));
    await this.enqueueWrite(chatId, async () => {
      await rm(join(this.folder, fileName(chatId)), { force: true });
    });
  }

  /** Saves every unsaved change now. */
  async flush(): Promise<void> {
    for (const chatId of [...this.pending.keys()]) void this.saveNow(chatId);
    await Promise.all([...this.writes.values()]);
  }

  /** Saves every unsaved change and stops the timers; later changes are kept in memory only. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    for (const chatId of [...this.pending.keys()]) this.cancelSave(chatId);
    if (this.failingChats.size > 0) this.logger.error({ chatIds: [...this.failingChats] }, 'drafts not saved at stop');
  }

  private scheduleSave(chatId: string): void {
    if (this.stopped) return;
    const now = Date.now();
    const pending = this.pending.get(chatId);
    const firstChangeAt = pending?.firstChangeAt ?? now;
    if (pending) clearTimeout(pending.timer);

    const due = Math.min(now + this.debounceMs, firstChangeAt + this.maxWaitMs);
    const timer = setTimeout(() => void this.saveNow(chatId), Math.max(0, due - now));
    this.pending.set(chatId, { firstChangeAt, timer });
  }

  private cancelSave(chatId: string): void {
    const pending = this.pending.get(chatId);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(chatId);
  }

  private saveNow(chatId: string): Promise<void> {
    this.cancelSave(chatId);
    return this.enqueueWrite(chatId, () => this.write(chatId));
  }

  private enqueueWrite(chatId: string, write: () => Promise<void>): Promise<void> {
    const previous = this.writes.get(chatId) ?? Promise.resolve();
    const next = previous.then(write);
    this.writes.set(chatId, next);
    void next.finally(() => {
      if (this.writes.get(chatId) === next) this.writes.delete(chatId);
    });
    return next;
  }

  /** Writes the chat's current draft; a failure is reported and retried after the debounce delay. */
  private async write(chatId: string): Promise<void> {
    const draft = this.drafts.get(chatId);
    if (!draft) return;
    const path = join(this.folder, fileName(chatId));

    try {
      await writeFileAtomic(path, `${JSON.stringify({ version: 1, ...draft })}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      // One error line per failing streak of a chat; the retries repeat silently until one succeeds.
      if (!this.failingChats.has(chatId)) this.logger.error({ chatId, code }, 'draft could not be saved; retrying');
      this.failingChats.add(chatId);
      this.emit('saveFailed', { key: 'drafts.error.saveFailed', params: { chatId, path, code } });
      if (!this.pending.has(chatId)) this.scheduleSave(chatId);
      return;
    }

    if (this.failingChats.delete(chatId)) this.logger.info({ chatId }, 'draft saved again after failures');
    this.emit('saved', { chatId, updatedAt: draft.updatedAt });
  }

  private async loadAll(): Promise<void> {
    const names = await readdir(this.folder);
    for (const name of names) {
      const path = join(this.folder, name);

      // writeFileAtomic's temporary files: a crash cut them off before the rename, so the draft itself is intact.
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        await rm(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;

      const draft = await readFile(path, 'utf8')
        .then((text) => draftFileSchema.parse(JSON.parse(text)))
        .catch(() => null);
      if (draft && fileName(draft.chatId) === name) {
        const { version: _version, ...rest } = draft;
        this.drafts.set(draft.chatId, rest);
      } else {
        await this.setAside(name, path);
      }
    }
    this.logger.info({ drafts: this.drafts.size, corrupt: this.found.length }, 'drafts loaded');
  }

  private async setAside(name: string, path: string): Promise<void> {
    await mkdir(this.corruptFolder, { recursive: true }).catch(() => undefined);
    let keptAs = join(this.corruptFolder, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    try {
      await rename(path, keptAs);
    } catch (error) {
      // The file stays where it is and is still reported, so it is not taken for lost.
      this.logger.error({ path, code: (error as NodeJS.ErrnoException).code }, 'unreadable draft could not be moved aside');
      keptAs = path;
    }
    const problem: DraftProblem = { key: 'drafts.error.corrupt', params: { path, keptAs } };
    this.found.push(problem);
    this.logger.error({ path, keptAs }, 'draft file is unreadable; moved aside');
    this.emit('problem', problem);
  }
}
