/**
 * Where the hub keeps what happens in each chat. The router keeps the live state
 * in memory and appends every event here; a message is acknowledged only after
 * its append resolved. This first version has an in-memory store and a store of
 * JSON-lines transcripts (transcript-store.ts); a durable log with resume and a
 * distributed backend will implement the same interface.
 */
import type { ChatMessage } from '../shared/chat/model';

/** One line of a chat's transcript. Times are milliseconds since the Unix epoch. */
export type TranscriptEntry =
  | { kind: 'opened'; chatId: string; arrivedAt: number }
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'taken'; agentName: string; at: number }
  | { kind: 'requeued'; at: number }
  | { kind: 'closed'; at: number };

export interface ChatStore {
  /** Appends one entry to the chat's transcript; resolves once it is stored, and rejects when it could not be. */
  append(chatId: string, entry: TranscriptEntry): Promise<void>;
  /** Returns the chat's entries in the order they were appended, or an empty list for an unknown chat. */
  read(chatId: string): Promise<TranscriptEntry[]>;
  close(): Promise<void>;
}

/** Keeps transcripts in memory only, for a hub started without a data folder. */
export class MemoryChatStore implements ChatStore {
  private readonly transcripts = new Map<string, TranscriptEntry[]>();

  append(chatId: string, entry: TranscriptEntry): Promise<void> {
    let entries = this.transcripts.get(chatId);
    if (!entries) {
      entries = [];
      this.transcripts.set(chatId, entries);
    }
    entries.push(entry);
    return Promise.resolve();
  }

  read(chatId: string): Promise<TranscriptEntry[]> {
    return Promise.resolve([...(this.transcripts.get(chatId) ?? [])]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
