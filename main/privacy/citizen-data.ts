/**
 * Finds, exports and deletes one citizen's data on request, by email address,
 * across the workstation's transcripts, the hub's chat logs, the drafts and the
 * outbox. A chat belongs to the citizen when its transcript records the address
 * (as the citizen's email or the follow-up address), when the citizen wrote the
 * address in a message, or when a draft's protocol state or an email's recipient
 * names it. Every other item of a chat found that way is included too.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { listPersonalData, type PersonalDataKind, type StoredItem } from './personal-data-files';

export interface CitizenItem {
  kind: PersonalDataKind;
  path: string;
  chatId: string | null;
  /** The item's content: parsed JSON, the chat log's entries, or for the outbox the state and the message text. */
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

    // A draft: its protocol state contains the citizen's data once the agent confirmed it.
    const draft = JSON.parse(text) as { chatId?: string; protocolState?: unknown };
    return { ...item, chatId: draft.chatId ?? null, content: draft, names: mentions(JSON.stringify(draft.protocolState ?? null), email) };
  } catch {
    // A file that does not have its folder's format (corrupt, half-written) is matched by its text alone.
    const text = await readFile(item.path, 'utf8').catch(() => '');
    return text ? { ...item, chatId: null, content: text, names: mentions(text, email) } : null;
  }
}

/** Returns every stored item of the citizen with this address; the match ignores case. */
export async function findCitizenData(dataDir: string, email: string): Promise<CitizenItem[]> {
  const address = email.trim().toLowerCase();
  const items = (await Promise.all((await listPersonalData(dataDir)).map((item) => readItem(item, address)))).filter((item) => item !== null);

  const chats = new Set(items.filter((item) => item.names && item.chatId !== null).map((item) => item.chatId));
  return items
    .filter((item) => item.names || (item.chatId !== null && chats.has(item.chatId)))
    .map(({ kind, path, chatId, content }) => ({ kind, path, chatId, content }));
}

/** Deletes the items found for the address; returns what was deleted. */
export async function deleteCitizenData(dataDir: string, email: string): Promise<CitizenItem[]> {
  const items = await findCitizenData(dataDir, email);
  for (const item of items) await rm(item.path, { recursive: true, force: true });
  return items;
}
