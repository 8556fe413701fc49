/**
 * Where the hub keeps what happens in each chat: one append-only log per chat,
 * keyed by chat id, plus the follow-up requests citizens leave by email. The
 * router keeps the live state in memory and appends every event here. A message
 * is acknowledged only after its append resolved, and a restarted hub rebuilds its
 * state from listOpen() and read().
 *
 * The interface assumes no single process: nothing in it is a hub-wide counter or
 * a shared file, and each chat's log is independent. A distributed engine that
 * implements it must give, per chat key, appends that are durable (replicated)
 * before they resolve and read back in append order; a scan of the chats not yet
 * closed; and, for hubs of several machines serving the same queue, a conditional
 * append (append only if the log still has N entries), so that two hubs recording
 * a "taken" for the same chat cannot both succeed. The single-process router does
 * not need that condition because it decides takes in one event loop.
 */
import type { ChatMessage } from '../shared/chat/model';
import type { FollowUpRequest } from '../shared/hub/protocol';

/** One line of a chat's log. Times are milliseconds since the Unix epoch. */
export type TranscriptEntry =
  | {
      kind: 'opened';
      chatId: string;
      arrivedAt: number;
      /** Orders chats that arrived in the same millisecond; absent in logs written before it existed. */
      arrivalOrder?: number;
      /** Identity of this log; a client holding another stream gets a full resync. */
      stream?: string;
      /** SHA-256 of the citizen's resume token, in hex, so a restarted hub can accept the resume. */
      tokenHash?: string;
    }
  | { kind: 'message'; message: ChatMessage }
  /** sinceSeq: the messages the log had when the agent joined; absent in logs written before it existed. */
  | { kind: 'taken'; agentName: string; at: number; sinceSeq?: number }
  | { kind: 'transferred'; fromAgent: string; toAgent: string; note: string; at: number; sinceSeq?: number }
  | { kind: 'requeued'; at: number }
  | { kind: 'cut'; at: number }
  /** The citizen ended a served chat with "leave": it stays cut, with its agent, until the agent closes it. */
  | { kind: 'left'; at: number }
  | { kind: 'returned'; at: number }
  | { kind: 'closed'; at: number };

/**
 * A follow-up request an agent marked done. The default store writes it as one more line of the
 * follow-ups file, after the request's own line; "kind" tells the two kinds of line apart.
 */
export interface FollowUpDoneMark {
  kind: 'follow-up-done';
  /** The request's id. */
  id: string;
  agentName: string;
  at: number;
}

export interface ChatStore {
  /** Appends one entry to the chat's log; resolves once it is stored, and rejects when it could not be. */
  append(chatId: string, entry: TranscriptEntry): Promise<void>;
  /** Returns the chat's entries in the order they were appended, or an empty list for an unknown chat. */
  read(chatId: string): Promise<TranscriptEntry[]>;
  /** Returns the ids of the chats whose log has no "closed" entry. */
  listOpen(): Promise<string[]>;
  /** Stores a follow-up request durably; resolves once it is stored. */
  appendFollowUp(request: FollowUpRequest): Promise<void>;
  /** Returns every stored follow-up request, done or not, oldest first. */
  listFollowUps(): Promise<FollowUpRequest[]>;
  /** Stores a done mark durably; resolves once it is stored. */
  appendFollowUpDone(mark: FollowUpDoneMark): Promise<void>;
  listFollowUpsDone(): Promise<FollowUpDoneMark[]>;
  close(): Promise<void>;
}

/** Keeps logs in memory only, for a hub started without a data folder: a restart loses everything. */
export class MemoryChatStore implements ChatStore {
  private readonly transcripts = new Map<string, TranscriptEntry[]>();
  private readonly followUps: FollowUpRequest[] = [];
  private readonly followUpsDone: FollowUpDoneMark[] = [];

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

  listOpen(): Promise<string[]> {
    const open = [...this.transcripts].filter(([, entries]) => !entries.some((entry) => entry.kind === 'closed')).map(([chatId]) => chatId);
    return Promise.resolve(open);
  }

  appendFollowUp(request: FollowUpRequest): Promise<void> {
    this.followUps.push(request);
    return Promise.resolve();
  }

  listFollowUps(): Promise<FollowUpRequest[]> {
    return Promise.resolve([...this.followUps]);
  }

  appendFollowUpDone(mark: FollowUpDoneMark): Promise<void> {
    this.followUpsDone.push(mark);
    return Promise.resolve();
  }

  listFollowUpsDone(): Promise<FollowUpDoneMark[]> {
    return Promise.resolve([...this.followUpsDone]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
