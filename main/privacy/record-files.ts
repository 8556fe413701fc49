/**
 * Personal data kept as records inside files that several chats or citizens
 * share, so a record is removed by rewriting its file without it instead of
 * deleting the file:
 *
 *   <data>/hub/journal/journal.jsonl  the embedded hub's open chats, one {chatId, entry} per line
 *   <data>/hub/follow-ups.jsonl       requests citizens left by email while no agent was free,
 *                                     and the hub's marks of the ones agents marked done
 *   <data>/send-queue.json            replies written while the hub was unreachable
 *
 * In a standalone hub's data folder the hub's two files sit at its top (see hubFolderOf).
 * A journal record is a whole chat: its lines are removed together, because an
 * open chat with lines missing would be resumed with gaps. Every rewrite is
 * atomic (temporary file, fsync, rename) and keeps the other lines byte for byte.
 * The services that write these files hold them open or in memory, so callers
 * rewrite them only while those services are stopped (see data-lock.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file';
import { hubFolderOf } from './personal-data-files';

export const RECORD_KINDS = ['hubJournal', 'followUps', 'sendQueue'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One record of a shared file. */
export interface StoredRecord {
  kind: RecordKind;
  /** The shared file that contains the record. */
  path: string;
  chatId: string | null;
  /** Time of the record's latest activity, ms since the epoch: the age the retention sweep compares. */
  lastActivityAt: number;
  /** The journal chat's entries, the follow-up request, or the queued reply, as stored. */
  content: unknown;
  /** Texts that may contain a citizen's address: the citizen's messages, the request's email and text, the reply's text. */
  searchText: string[];
}

export function recordFiles(dataDir: string): Record<RecordKind, string> {
  const hubFolder = hubFolderOf(dataDir);
  return {
    hubJournal: join(hubFolder, 'journal', 'journal.jsonl'),
    followUps: join(hubFolder, 'follow-ups.jsonl'),
    sendQueue: join(dataDir, 'send-queue.json'),
  };
}

interface ReadFile {
  text: string;
  modifiedAt: number;
}

async function readIfExists(path: string): Promise<ReadFile | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, modifiedAt: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Splits a JSON-lines file into whole lines. A last line without its newline is
 * left out, as the hub drops it on its next start: a crash cut it short.
 */
function wholeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((line) => line.length > 0);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** Finds the newest time in a journal entry: arrival, message, or any event with an `at`. */
function entryTime(entry: unknown): number | null {
  const value = entry as { arrivedAt?: unknown; at?: unknown; message?: { at?: unknown } } | null;
  const time = value?.message?.at ?? value?.at ?? value?.arrivedAt;
  return typeof time === 'number' ? time : null;
}

async function readJournal(path: string): Promise<StoredRecord[]> {
  const file = await readIfExists(path);
  if (!file) return [];

  const chats = new Map<string, { entries: unknown[]; times: number[]; citizenTexts: string[] }>();
  for (const line of wholeLines(file.text)) {
    const parsed = parseLine(line) as { chatId?: unknown; entry?: { kind?: unknown; message?: { author?: unknown; text?: unknown } } } | undefined;
    if (typeof parsed?.chatId !== 'string') continue;
    let chat = chats.get(parsed.chatId);
    if (!chat) {
      chat = { entries: [], times: [], citizenTexts: [] };
      chats.set(parsed.chatId, chat);
    }
    chat.entries.push(parsed.entry);
    const time = entryTime(parsed.entry);
    if (time !== null) chat.times.push(time);
    const message = parsed.entry?.message;
    if (parsed.entry?.kind === 'message' && message?.author === 'citizen' && typeof message.text === 'string') chat.citizenTexts.push(message.text);
  }

  // A chat whose entries carry no time is as old as the file's last change.
  return [...chats].map(([chatId, chat]) => ({
    kind: 'hubJournal' as const,
    path,
    chatId,
    lastActivityAt: chat.times.length > 0 ? Math.max(...chat.times) : file.modifiedAt,
    content: chat.entries,
    searchText: chat.citizenTexts,
  }));
}

async function readFollowUps(path: string): Promise<StoredRecord[]> {
  const file = await readIfExists(path);
  if (!file) return [];

  const records: StoredRecord[] = [];
  for (const line of wholeLines(file.text)) {
    const request = parseLine(line) as { at?: unknown; email?: unknown; text?: unknown } | undefined;
    // A done mark contains a request id and an agent's name but no citizen data, and it goes with its request.
    if (request === undefined || request === null || isDoneMark(request)) continue;
    records.push({
      kind: 'followUps',
      path,
      chatId: null,
      lastActivityAt: typeof request.at === 'number' ? request.at : file.modifiedAt,
      content: request,
      searchText: [request.email, request.text].filter((text): text is string => typeof text === 'string'),
    });
  }
  return records;
}

interface QueuedReplyShape {
  chatId?: unknown;
  id?: unknown;
  text?: unknown;
  queuedAt?: unknown;
}

/** Returns the send queue's replies, or null when the file is missing or is not the queue's format (the workstation sets such a file aside). */
async function readSendQueueReplies(path: string): Promise<{ file: ReadFile; replies: QueuedReplyShape[] } | null> {
  const file = await readIfExists(path);
  if (!file) return null;
  const parsed = parseLine(file.text) as { replies?: unknown } | undefined;
  if (!Array.isArray(parsed?.replies)) return null;
  return { file, replies: parsed.replies as QueuedReplyShape[] };
}

async function readSendQueue(path: string): Promise<StoredRecord[]> {
  const queue = await readSendQueueReplies(path);
  if (!queue) return [];
  return queue.replies.map((reply) => ({
    kind: 'sendQueue' as const,
    path,
    chatId: typeof reply.chatId === 'string' ? reply.chatId : null,
    lastActivityAt: typeof reply.queuedAt === 'number' ? reply.queuedAt : queue.file.modifiedAt,
    content: reply,
    searchText: typeof reply.text === 'string' ? [reply.text] : [],
  }));
}

/** Tests whether a follow-ups line is the hub's mark of a request done: {"kind":"follow-up-done","id","agentName","at"}. */
function isDoneMark(line: unknown): line is { kind: 'follow-up-done'; id?: unknown } {
  return (line as { kind?: unknown } | null)?.kind === 'follow-up-done';
}

/** Lists every record of personal data in the shared files of a data folder. */
export async function listPersonalRecords(dataDir: string): Promise<StoredRecord[]> {
  const files = recordFiles(dataDir);
  return [...(await readJournal(files.hubJournal)), ...(await readFollowUps(files.followUps)), ...(await readSendQueue(files.sendQueue))];
}

/** Tests whether a parsed line or reply is one of the records to remove: records are matched by their stored content. */
function isRemoved(removed: StoredRecord[], kind: RecordKind, matches: (record: StoredRecord) => boolean): boolean {
  return removed.some((record) => record.kind === kind && matches(record));
}

/** Rewrites a JSON-lines file without the lines `drop` selects; returns how many lines went. A file left with no line is written empty. */
async function rewriteJsonLines(path: string, drop: (value: unknown) => boolean): Promise<number> {
  const file = await readIfExists(path);
  if (!file) return 0;
  const lines = wholeLines(file.text);
  const kept = lines.filter((line) => {
    const value = parseLine(line);
    return value === undefined || !drop(value);
  });
  if (kept.length === lines.length && file.text.endsWith('\n')) return 0;
  await writeFileAtomic(path, kept.map((line) => `${line}\n`).join(''));
  return lines.length - kept.length;
}

/**
 * Removes the given records from their files, rewriting each file once. Journal
 * records go by chat id; follow-up requests and queued replies by their whole
 * content, which includes their id. A removed request's done mark goes with it.
 */
export async function removeRecords(dataDir: string, removed: StoredRecord[]): Promise<void> {
  const files = recordFiles(dataDir);
  const sameContent = (value: unknown) => (record: StoredRecord) => JSON.stringify(record.content) === JSON.stringify(value);

  if (removed.some((record) => record.kind === 'hubJournal')) {
    const chats = new Set(removed.filter((record) => record.kind === 'hubJournal').map((record) => record.chatId));
    await rewriteJsonLines(files.hubJournal, (line) => chats.has((line as { chatId?: string } | null)?.chatId ?? null));
  }

  if (removed.some((record) => record.kind === 'followUps')) {
    const removedIds = new Set(removed.flatMap((record) => (record.kind === 'followUps' ? [(record.content as { id?: unknown }).id] : [])));
    await rewriteJsonLines(files.followUps, (line) => (isDoneMark(line) ? removedIds.has(line.id) : isRemoved(removed, 'followUps', sameContent(line))));
  }

  if (removed.some((record) => record.kind === 'sendQueue')) {
    const queue = await readSendQueueReplies(files.sendQueue);
    if (queue) {
      const kept = queue.replies.filter((reply) => !isRemoved(removed, 'sendQueue', sameContent(reply)));
      // The same shape the workstation's send queue writes.
      if (kept.length !== queue.replies.length) await writeFileAtomic(files.sendQueue, `${JSON.stringify({ version: 1, replies: kept })}\n`);
    }
  }
}
