/**
 * Where Atiende keeps a citizen's personal data in the data folder, read without
 * the services that write it, so the retention sweep and the export and delete
 * command work while the app is stopped. Files of one chat or one email each:
 *
 *   <data>/transcripts/chat-*.json       closed chats, written by the workstation
 *   <data>/hub/chats/<chatId>.jsonl      the embedded hub's logs of closed chats
 *   <data>/drafts/*.json, drafts/corrupt/ composer drafts, and unreadable ones set aside
 *   <data>/chat-records/*.json, chat-records/corrupt/
 *                                        open chats' protocol records (the citizen's name and
 *                                        email, the follow-up address), and damaged ones set aside
 *   <data>/outbox/queue/<id>/            queued emails: message.eml and state.json
 *
 * and files that many chats share, whose records record-files.ts reads and removes:
 *
 *   <data>/hub/journal/journal.jsonl     the embedded hub's open chats, cut ones included
 *   <data>/hub/follow-ups.jsonl          requests citizens left by email
 *   <data>/send-queue.json               replies waiting for the hub to come back
 *
 * A standalone hub's data folder (`npm run hub`, its settings' dataDir) keeps the
 * hub's files directly in it: chats/, journal/journal.jsonl and follow-ups.jsonl.
 * hubFolderOf recognizes that layout, so the same paths serve both folders.
 *
 * Nothing else in the data folder contains a citizen's words, name or email: the
 * logs are redacted, and the self-test runs and settings contain none.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const PERSONAL_DATA_KINDS = ['transcripts', 'hubChats', 'drafts', 'chatRecords', 'outbox'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** One stored item: a file, or for the outbox a message's folder. */
export interface StoredItem {
  kind: PersonalDataKind;
  path: string;
  /** Last change, ms since the epoch. */
  modifiedAt: number;
}

/** Files and folders that only a hub writes at the top of its data folder. */
const HUB_LAYOUT = ['chats', 'journal', 'follow-ups.jsonl'];

/**
 * Returns the folder that contains the hub's files: the data folder itself when it is a
 * standalone hub's (it has chats/, journal/ or follow-ups.jsonl at its top), else
 * <data>/hub, the workstation's embedded hub. A workstation never writes those names at its top.
 */
export function hubFolderOf(dataDir: string): string {
  return HUB_LAYOUT.some((name) => existsSync(join(dataDir, name))) ? dataDir : join(dataDir, 'hub');
}

export function personalDataFolders(dataDir: string): Record<PersonalDataKind, string> {
  return {
    transcripts: join(dataDir, 'transcripts'),
    hubChats: join(hubFolderOf(dataDir), 'chats'),
    drafts: join(dataDir, 'drafts'),
    chatRecords: join(dataDir, 'chat-records'),
    outbox: join(dataDir, 'outbox', 'queue'),
  };
}

async function entriesOf(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function itemsIn(kind: PersonalDataKind, folder: string, accept: (name: string) => boolean): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for (const name of await entriesOf(folder)) {
    if (!accept(name)) continue;
    const path = join(folder, name);
    try {
      items.push({ kind, path, modifiedAt: (await stat(path)).mtimeMs });
    } catch (error) {
      // A file removed between the listing and stat, by its own service, is simply gone.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return items;
}

/** Lists every stored item of personal data; temporary files of atomic writes are left to their writers. */
export async function listPersonalData(dataDir: string): Promise<StoredItem[]> {
  const folders = personalDataFolders(dataDir);
  const finished = (suffix: string) => (name: string) => name.endsWith(suffix) && !name.startsWith('.');
  return [
    ...(await itemsIn('transcripts', folders.transcripts, finished('.json'))),
    ...(await itemsIn('hubChats', folders.hubChats, finished('.jsonl'))),
    ...(await itemsIn('drafts', folders.drafts, finished('.json'))),
    ...(await itemsIn('drafts', join(folders.drafts, 'corrupt'), (name) => !name.startsWith('.'))),
    ...(await itemsIn('chatRecords', folders.chatRecords, finished('.json'))),
    ...(await itemsIn('chatRecords', join(folders.chatRecords, 'corrupt'), (name) => !name.startsWith('.'))),
    ...(await itemsIn('outbox', folders.outbox, (name) => !name.startsWith('.'))),
  ];
}
