/**
 * Chat store that appends each chat to <dataDir>/chats/<chatId>.jsonl, one JSON
 * object per line. An append resolves after the line was written and flushed with
 * fdatasync, so an acknowledged message survives a crash of the hub.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatStore, TranscriptEntry } from './chat-store';

/** Chat ids become file names, so only these characters are accepted. */
const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export class TranscriptStore implements ChatStore {
  private readonly folder: string;
  /** The last pending append of each chat, so lines of one chat are written in order. */
  private readonly tails = new Map<string, Promise<void>>();
  private folderReady: Promise<void> | undefined;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'chats');
  }

  append(chatId: string, entry: TranscriptEntry): Promise<void> {
    if (!CHAT_ID_PATTERN.test(chatId)) return Promise.reject(new Error(`Invalid chat id for a transcript file: ${JSON.stringify(chatId)}`));

    const previous = this.tails.get(chatId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.writeLine(chatId, `${JSON.stringify(entry)}\n`, entry.kind === 'opened'));
    this.tails.set(chatId, next);

    // Forget the tail once it settles, unless another append queued behind it.
    const forget = (): void => {
      if (this.tails.get(chatId) === next) this.tails.delete(chatId);
    };
    next.then(forget, forget);
    return next;
  }

  async read(chatId: string): Promise<TranscriptEntry[]> {
    if (!CHAT_ID_PATTERN.test(chatId)) return [];
    let text: string;
    try {
      text = await readFile(this.pathOf(chatId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as TranscriptEntry);
  }

  /** Waits for every pending append, so that closing the hub does not cut a line in half. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }

  private pathOf(chatId: string): string {
    return join(this.folder, `${chatId}.jsonl`);
  }

  private async writeLine(chatId: string, line: string, createsFile: boolean): Promise<void> {
    this.folderReady ??= mkdir(this.folder, { recursive: true }).then(() => undefined);
    await this.folderReady;

    const handle = await open(this.pathOf(chatId), 'a', 0o600);
    try {
      await handle.write(line);
      await handle.datasync();
    } finally {
      await handle.close();
    }

    // A new file's directory entry must be durable too, or a crash could lose the whole transcript.
    if (createsFile) await syncFolder(this.folder);
  }
}

/**
 * Flushes the folder's entries to disk. Platforms that cannot open a folder for
 * reading (Windows) skip it. main/storage/atomic-file.ts has the same step, but
 * the hub runs standalone and must not import main/.
 */
async function syncFolder(folder: string): Promise<void> {
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
