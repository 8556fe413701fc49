/**
 * Chat store on disk. Each open chat's log is <dataDir>/chats/<chatId>.jsonl, one
 * JSON object per line; an append resolves after the line was written and flushed
 * with fdatasync, so an acknowledged message survives a kill -9 or a power cut.
 * Once a chat's "closed" line is stored, its log moves to <dataDir>/chats/closed/,
 * so a restart reads only the logs of open chats. Follow-up requests go to
 * <dataDir>/follow-ups.jsonl the same way.
 */
import { mkdir, open, readdir, readFile, rename, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { FollowUpRequest } from '../shared/hub/protocol';
import type { ChatStore, TranscriptEntry } from './chat-store';

/** Chat ids become file names, so only these characters are accepted. */
const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const LOG_SUFFIX = '.jsonl';

export class TranscriptStore implements ChatStore {
  private readonly folder: string;
  private readonly closedFolder: string;
  private readonly followUpPath: string;
  /** The last pending write of each file, so lines of one file are written in order. */
  private readonly tails = new Map<string, Promise<void>>();
  private folderReady: Promise<void> | undefined;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'chats');
    this.closedFolder = join(this.folder, 'closed');
    this.followUpPath = join(dataDir, 'follow-ups.jsonl');
  }

  append(chatId: string, entry: TranscriptEntry): Promise<void> {
    if (!CHAT_ID_PATTERN.test(chatId)) return Promise.reject(new Error(`Invalid chat id for a transcript file: ${JSON.stringify(chatId)}`));
    return this.serialize(chatId, async () => {
      const path = this.pathOf(chatId);
      await this.appendLine(path, `${JSON.stringify(entry)}\n`, entry.kind === 'opened');
      if (entry.kind !== 'closed') return;

      // The closed log leaves the folder that a restart scans; both folders are synced so the move is durable.
      await mkdir(this.closedFolder, { recursive: true });
      await rename(path, join(this.closedFolder, `${chatId}${LOG_SUFFIX}`));
      await syncFolder(this.closedFolder);
      await syncFolder(this.folder);
    });
  }

  async read(chatId: string): Promise<TranscriptEntry[]> {
    if (!CHAT_ID_PATTERN.test(chatId)) return [];
    const text = (await readIfExists(this.pathOf(chatId))) ?? (await readIfExists(join(this.closedFolder, `${chatId}${LOG_SUFFIX}`))) ?? '';
    return parseLines<TranscriptEntry>(text);
  }

  /**
   * Lists the open chats' logs. A log whose last line is cut short (a crash in the
   * middle of a write, so that line was never acknowledged) is truncated after its
   * last whole line, so the next append starts on a line of its own.
   */
  async listOpen(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const chatIds = names.filter((name) => name.endsWith(LOG_SUFFIX)).map((name) => name.slice(0, -LOG_SUFFIX.length));
    for (const chatId of chatIds) await repairTail(this.pathOf(chatId));
    return chatIds.filter((chatId) => CHAT_ID_PATTERN.test(chatId));
  }

  appendFollowUp(request: FollowUpRequest): Promise<void> {
    return this.serialize('follow-ups', () => this.appendLine(this.followUpPath, `${JSON.stringify(request)}\n`, true));
  }

  async listFollowUps(): Promise<FollowUpRequest[]> {
    await repairTail(this.followUpPath);
    return parseLines<FollowUpRequest>((await readIfExists(this.followUpPath)) ?? '');
  }

  /** Waits for every pending write, so that closing the hub does not cut a line in half. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }

  private pathOf(chatId: string): string {
    return join(this.folder, `${chatId}${LOG_SUFFIX}`);
  }

  /** Runs write after the previous write of the same key settled, and forgets the key once nothing is queued behind it. */
  private serialize(key: string, write: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.tails.set(key, next);
    const forget = (): void => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  private async appendLine(path: string, line: string, mayCreate: boolean): Promise<void> {
    this.folderReady ??= mkdir(this.folder, { recursive: true }).then(() => undefined);
    await this.folderReady;

    const handle = await open(path, 'a', 0o600);
    let created = false;
    try {
      created = mayCreate && (await handle.stat()).size === 0;
      await handle.write(line);
      await handle.datasync();
    } finally {
      await handle.close();
    }

    // A new file's directory entry must be durable too, or a crash could lose the whole log.
    if (created) await syncFolder(join(path, '..'));
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parses JSON lines; the last line is skipped when it is not whole JSON (a write cut by a crash). */
function parseLines<T>(text: string): T[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const entries: T[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      entries.push(JSON.parse(line) as T);
    } catch (error) {
      if (index < lines.length - 1) throw error;
    }
  }
  return entries;
}

/** Truncates the file after its last newline when a crash left a partial line; a missing file is left alone. */
async function repairTail(path: string): Promise<void> {
  const text = await readIfExists(path);
  if (text === undefined || text.length === 0 || text.endsWith('\n')) return;
  await truncate(path, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
}

/**
 * Flushes the folder's entries to disk. Platforms that cannot open a folder for
 * reading (Windows) skip it. main/storage/atomic-file.ts has the same step, but
 * the hub runs standalone and must not import main/.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
