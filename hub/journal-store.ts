/**
 * The hub's durable store. Every open chat's entries go to one append-only journal,
 * <dataDir>/journal/journal.jsonl. Appends that arrive while a write is in flight are
 * written together in one durable write (group commit), so chats share the cost of
 * syncing, and each append resolves only after its line is on disk. Where the
 * platform has O_DSYNC the journal is opened with it, so each batch costs one write
 * call instead of a write and an fdatasync. Elsewhere (Windows) the batch is
 * written, then flushed with fdatasync.
 *
 * When a chat closes, its whole log is written to <dataDir>/chats/<chatId>.jsonl (one
 * entry per line, where the retention sweep of main/privacy finds it) and its lines
 * in the journal become garbage. Once the journal is larger than compactMinBytes and
 * more than half garbage, it is rewritten with the open chats' lines only.
 * Follow-up requests go to <dataDir>/follow-ups.jsonl, one request per line, and so
 * do the marks of the requests agents marked done, as lines with "kind":
 * "follow-up-done" (request lines have no "kind").
 */
import { constants } from 'node:fs';
import { mkdir, open, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FollowUpRequest } from '../shared/hub/protocol';
import type { ChatStore, FollowUpDoneMark, TranscriptEntry } from './chat-store';
import { appendLineDurably, parseJsonLines, readIfExists, repairTail, syncFolder, writeFileAtomically } from './durable-file';

/** Chat ids become file names, so only these characters are accepted. */
const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const DEFAULT_COMPACT_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Flags of the journal: append, and with O_DSYNC every write returns only once its data and
 * the file size are on disk, the guarantee of a write followed by fdatasync.
 */
const DSYNC_APPEND_FLAGS = constants.O_DSYNC === undefined ? undefined : constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC;

interface JournalLine {
  chatId: string;
  entry: TranscriptEntry;
}

/**
 * Appends waiting for the next write, kept in parallel arrays. They share one promise, which
 * settles when their write does, so an append costs no promise or closures of its own.
 */
class Batch {
  readonly chatIds: string[] = [];
  readonly lines: string[] = [];
  /** Chats whose "closed" entry is in this batch, to archive once it is written. */
  readonly closedChatIds: string[] = [];
  readonly written: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.written = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  add(chatId: string, entry: TranscriptEntry, line: string): void {
    this.chatIds.push(chatId);
    this.lines.push(line);
    if (entry.kind === 'closed') this.closedChatIds.push(chatId);
  }
}

export interface JournalStoreOptions {
  /** Journal size in bytes below which it is never compacted. */
  compactMinBytes?: number;
}

export class JournalStore implements ChatStore {
  private readonly folder: string;
  private readonly journalPath: string;
  private readonly closedFolder: string;
  private readonly followUpPath: string;
  private readonly compactMinBytes: number;
  /** Journal lines of each open chat, in order, as written. */
  private readonly openChats = new Map<string, string[]>();
  /** Appends that arrived since the last write started; undefined when there are none. */
  private waiting: Batch | undefined;
  private writer: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private journalBytes = 0;
  private liveBytes = 0;
  private loaded: Promise<void> | undefined;
  private followUpTail: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: JournalStoreOptions = {}) {
    this.folder = join(dataDir, 'journal');
    this.journalPath = join(this.folder, 'journal.jsonl');
    this.closedFolder = join(dataDir, 'chats');
    this.followUpPath = join(dataDir, 'follow-ups.jsonl');
    this.compactMinBytes = options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES;
  }

  append(chatId: string, entry: TranscriptEntry): Promise<void> {
    if (!CHAT_ID_PATTERN.test(chatId)) return Promise.reject(new Error(`Invalid chat id for the journal: ${JSON.stringify(chatId)}`));
    const batch = (this.waiting ??= new Batch());
    batch.add(chatId, entry, `${JSON.stringify({ chatId, entry } satisfies JournalLine)}\n`);
    this.startWriter();
    return batch.written;
  }

  async read(chatId: string): Promise<TranscriptEntry[]> {
    if (!CHAT_ID_PATTERN.test(chatId)) return [];
    await this.load();
    const lines = this.openChats.get(chatId);
    if (lines) return lines.map((line) => (JSON.parse(line) as JournalLine).entry);
    return parseJsonLines<TranscriptEntry>((await readIfExists(this.closedPathOf(chatId))) ?? '');
  }

  async listOpen(): Promise<string[]> {
    await this.load();
    return [...this.openChats.keys()];
  }

  appendFollowUp(request: FollowUpRequest): Promise<void> {
    return this.appendFollowUpLine(request);
  }

  async listFollowUps(): Promise<FollowUpRequest[]> {
    return (await this.readFollowUpLines()).filter((line): line is FollowUpRequest => !('kind' in line));
  }

  appendFollowUpDone(mark: FollowUpDoneMark): Promise<void> {
    return this.appendFollowUpLine(mark);
  }

  async listFollowUpsDone(): Promise<FollowUpDoneMark[]> {
    return (await this.readFollowUpLines()).filter((line): line is FollowUpDoneMark => 'kind' in line && line.kind === 'follow-up-done');
  }

  /** Waits for every queued append, so that closing the hub does not cut a line in half. */
  async close(): Promise<void> {
    while (this.writer) await this.writer;
    await this.followUpTail.catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }

  /** Appends one line to the follow-ups file after the lines already queued, so the file keeps their order. */
  private appendFollowUpLine(value: FollowUpRequest | FollowUpDoneMark): Promise<void> {
    const write = this.followUpTail.catch(() => undefined).then(() => appendLineDurably(this.followUpPath, `${JSON.stringify(value)}\n`));
    this.followUpTail = write;
    return write;
  }

  private async readFollowUpLines(): Promise<Array<FollowUpRequest | FollowUpDoneMark>> {
    await this.followUpTail.catch(() => undefined);
    return parseJsonLines<FollowUpRequest | FollowUpDoneMark>((await repairTail(this.followUpPath)) ?? '');
  }

  /** Starts the single writer unless it runs; it drains the queue batch by batch. */
  private startWriter(): void {
    this.writer ??= this.drain().finally(() => {
      this.writer = undefined;
      if (this.waiting) this.startWriter();
    });
  }

  /**
   * Writes batch after batch until no append waits. The next batch is written before the
   * appends of the last one resolve, so the acks and deliveries they trigger run while the
   * disk works instead of between two writes. Writes stay one at a time and in order.
   */
  private async drain(): Promise<void> {
    await this.load().catch(() => undefined);
    let batch = this.takeWaiting();
    let written = batch && this.writeBatch(batch);
    while (batch && written) {
      const failure = await written;
      if (failure) await this.dropPartialWrite();
      else await this.settleWrite(batch);

      const next = this.takeWaiting();
      written = next && this.writeBatch(next);
      if (failure) batch.reject(failure.error);
      else batch.resolve();
      batch = next;
    }
  }

  private takeWaiting(): Batch | undefined {
    const batch = this.waiting;
    this.waiting = undefined;
    return batch;
  }

  /** Writes a batch's lines durably; resolves to the error instead of rejecting, so that drain() decides what follows. */
  private async writeBatch(batch: Batch): Promise<{ error: unknown } | undefined> {
    const bytes = Buffer.from(batch.lines.join(''));
    try {
      await this.writeDurably(await this.journal(), bytes);
    } catch (error) {
      return { error };
    }
    this.journalBytes += bytes.length;
    return undefined;
  }

  /** Records a written batch's lines, archives the chats it closed and compacts the journal when that is worth it. */
  private async settleWrite(batch: Batch): Promise<void> {
    for (let index = 0; index < batch.lines.length; index += 1) this.track(batch.chatIds[index]!, batch.lines[index]!);
    for (const chatId of batch.closedChatIds) await this.archive(chatId).catch(() => undefined);
    await this.compactIfWorthIt().catch(() => undefined);
  }

  /** Writes the whole buffer at the journal's end and returns once it is on disk. */
  private async writeDurably(handle: FileHandle, bytes: Buffer): Promise<void> {
    // A regular file may take a write in parts (for example near a full disk), so the rest is written until none is left.
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
      offset += bytesWritten;
    }
    if (DSYNC_APPEND_FLAGS === undefined) await handle.datasync();
  }

  private track(chatId: string, line: string): void {
    let lines = this.openChats.get(chatId);
    if (!lines) {
      lines = [];
      this.openChats.set(chatId, lines);
    }
    lines.push(line);
    this.liveBytes += Buffer.byteLength(line);
  }

  /** Writes a closed chat's log to its own file; its journal lines are garbage from then on. */
  private async archive(chatId: string): Promise<void> {
    const lines = this.openChats.get(chatId);
    if (!lines) return;
    const entries = lines.map((line) => `${JSON.stringify((JSON.parse(line) as JournalLine).entry)}\n`).join('');
    await writeFileAtomically(this.closedPathOf(chatId), entries);
    this.openChats.delete(chatId);
    for (const line of lines) this.liveBytes -= Buffer.byteLength(line);
  }

  private async compactIfWorthIt(): Promise<void> {
    if (this.journalBytes < this.compactMinBytes || this.liveBytes * 2 > this.journalBytes) return;
    const text = [...this.openChats.values()].flat().join('');
    await this.handle?.close();
    this.handle = undefined;
    await writeFileAtomically(this.journalPath, text);
    this.journalBytes = Buffer.byteLength(text);
  }

  /** After a failed write the journal may end with part of the batch; cutting it back keeps every line whole. */
  private async dropPartialWrite(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await truncate(this.journalPath, this.journalBytes).catch(() => undefined);
  }

  private async journal(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(this.folder, { recursive: true });
    const handle = await open(this.journalPath, DSYNC_APPEND_FLAGS ?? 'a', 0o600);
    if ((await handle.stat()).size === 0) await syncFolder(this.folder);
    this.handle = handle;
    return handle;
  }

  /**
   * Reads the journal once: open chats go to memory, and closed chats whose file is
   * missing (a crash between the "closed" line and its file) are written out again.
   */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const text = (await repairTail(this.journalPath)) ?? '';
      this.journalBytes = Buffer.byteLength(text);
      const closed = new Set<string>();
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        const { chatId, entry } = JSON.parse(line) as JournalLine;
        this.track(chatId, `${line}\n`);
        if (entry.kind === 'closed') closed.add(chatId);
      }
      for (const chatId of closed) await this.archive(chatId);
      await this.compactIfWorthIt();
    })();
    return this.loaded;
  }

  private closedPathOf(chatId: string): string {
    return join(this.closedFolder, `${chatId}.jsonl`);
  }
}
