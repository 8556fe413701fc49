/**
 * Finds, exports and deletes one citizen's data on request, by email address,
 * across the workstation's transcripts, the hub's chat logs and journal, the
 * follow-up requests, the drafts, the open chats' protocol records, the send queue
 * and the outbox. A chat belongs to the citizen when its transcript records the
 * address (as the citizen's email or the follow-up address) or when the citizen wrote
 * the address in a message. It also belongs when a draft's protocol state, an open
 * chat's protocol record, a queued reply or an email's recipient names it.
 * Every other item of a chat found that way is included too. A follow-up request
 * belongs to the citizen when its email or text contains the address.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { acquireDataLock } from './data-lock';
import { listPersonalData, type PersonalDataKind, type StoredItem } from './personal-data-files';
import { listPersonalRecords, removeRecords, type RecordKind, type StoredRecord } from './record-files';

export type CitizenDataKind = PersonalDataKind | RecordKind;

export interface CitizenItem {
  kind: CitizenDataKind;
  path: string;
  chatId: string | null;
  /** The item's content: parsed JSON, a chat's entries, or for the outbox the state and the message text. */
  content: unknown;
}

interface ReadItem extends CitizenItem {
  /** Whether the item itself names the address. */
  names: boolean;
}

/** Tests whether text contains the address as a whole address: "ana@x.co" is not found in "juliana@x.co" or "ana@x.com". */
function mentions(text: string, email: string): boolean {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9._%+-])${escaped}(?!\\.?[A-Za-z0-9-])`, 'i').test(text);
}

async function readItem(item: StoredItem, email: string): Promise<ReadItem | null> {
  try {
    if (item.kind === 'outbox') {
      const state = JSON.parse(await readFile(join(item.path, 'state.json'), 'utf8')) as { to?: string; chatId?: string | null };
      const message = await readFile(join(item.path, 'message.eml'), 'utf8').catch(() => '');
      return { ...item, chatId: state.chatId ?? null, content: { state, message }, names: mentions(state.to ?? '', email) };
    }

    const text = await readFile(item.path, 'utf8');
    if (item.kind === 'hubChats') {
      const entries = text.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as { kind: string; message?: { author?: string; text?: string } });
      const names = entries.some((entry) => entry.kind === 'message' && entry.message?.author === 'citizen' && mentions(entry.message.text ?? '', email));
      return { ...item, chatId: basename(item.path, '.jsonl'), content: entries, names };
    }

    if (item.kind === 'transcripts') {
      const transcript = JSON.parse(text) as { chatId?: string; citizen?: { email?: string | null }; followUpEmail?: string | null };
      const names = [transcript.citizen?.email, transcript.followUpEmail].some((address) => address?.toLowerCase() === email);
      return { ...item, chatId: transcript.chatId ?? null, content: transcript, names };
    }

    if (item.kind === 'chatRecords') {
      // The whole text is searched, so a damaged record set aside is found too: the address may sit in the email fields or the transfer note.
      const record = JSON.parse(text) as { chatId?: unknown };
      return { ...item, chatId: typeof record.chatId === 'string' ? record.chatId : null, content: record, names: mentions(text, email) };
    }

    // A draft: its protocol state contains the citizen's data once the agent confirmed it.
    const draft = JSON.parse(text) as { chatId?: string; protocolState?: unknown };
    return { ...item, chatId: draft.chatId ?? null, content: draft, names: mentions(JSON.stringify(draft.protocolState ?? null), email) };
  } catch {
    // A file that does not have its folder's format (corrupt, half-written) is matched by its text alone.
    const text = await readFile(item.path, 'utf8').catch(() => '');
    return text ? { ...item, chatId: null, content: text, names: mentions(text, email) } : null;
  }
}

/** Returns the exported fields only, without what the search used. */
const itemOf = ({ kind, path, chatId, content }: CitizenItem): CitizenItem => ({ kind, path, chatId, content });

interface Matches {
  files: ReadItem[];
  records: StoredRecord[];
}

async function findMatches(dataDir: string, email: string): Promise<Matches> {
  const address = email.trim().toLowerCase();
  const files = (await Promise.all((await listPersonalData(dataDir)).map((item) => readItem(item, address)))).filter((item) => item !== null);
  const records = (await listPersonalRecords(dataDir)).map((record) => ({ record, names: record.searchText.some((text) => mentions(text, address)) }));

  const chats = new Set([...files, ...records.map(({ record, names }) => ({ chatId: record.chatId, names }))].filter((item) => item.names && item.chatId !== null).map((item) => item.chatId));
  const belongs = (item: { names: boolean; chatId: string | null }) => item.names || (item.chatId !== null && chats.has(item.chatId));
  return {
    files: files.filter(belongs),
    records: records.filter(({ record, names }) => belongs({ names, chatId: record.chatId })).map(({ record }) => record),
  };
}

/** Returns every stored item of the citizen with this address; the match ignores case. */
export async function findCitizenData(dataDir: string, email: string): Promise<CitizenItem[]> {
  const { files, records } = await findMatches(dataDir, email);
  return [...files, ...records].map(itemOf);
}

/**
 * Deletes the items found for the address: whole files, and records inside the
 * shared files, which are rewritten without them. It holds the data folder's lock
 * meanwhile, so it throws DataFolderBusyError while the workstation runs.
 * Returns what was deleted.
 */
export async function deleteCitizenData(dataDir: string, email: string): Promise<CitizenItem[]> {
  const lock = await acquireDataLock(dataDir, 'dataCommand');
  try {
    const { files, records } = await findMatches(dataDir, email);
    for (const item of files) await rm(item.path, { recursive: true, force: true });
    await removeRecords(dataDir, records);
    return [...files, ...records].map(itemOf);
  } finally {
    await lock.release();
  }
}
