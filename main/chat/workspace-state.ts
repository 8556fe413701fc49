/**
 * The workstation's copy of the queue and of the agent's chats, kept in the
 * main process so that a reloaded or reconnected renderer gets the whole state at once.
 */
import type { Chat, ChatMessage, QueueEntry } from '../../shared/chat/model';
import { orderQueue } from '../../shared/chat/queue';
import { emptyChatProtocol, type ChatProtocol } from '../../shared/protocol/chat-protocol';

/** Storage that keeps the protocol records past the process: ChatRecordStore on disk. Tests of the state alone pass none. */
export interface ChatRecords {
  get(chatId: string): ChatProtocol | undefined;
  save(chatId: string, protocol: ChatProtocol): void;
  remove(chatId: string): Promise<void>;
}

export class WorkspaceState {
  private queueEntries: QueueEntry[] = [];
  private readonly chats = new Map<string, Chat>();

  constructor(private readonly records?: ChatRecords) {}

  get queue(): QueueEntry[] {
    return this.queueEntries;
  }

  listChats(): Chat[] {
    return [...this.chats.values()];
  }

  getChat(chatId: string): Chat | undefined {
    return this.chats.get(chatId);
  }

  setQueue(entries: readonly QueueEntry[]): QueueEntry[] {
    this.queueEntries = orderQueue(entries);
    return this.queueEntries;
  }

  /**
   * Stores a chat the agent took, keeping messages already known when the hub sends it again.
   * A taken chat leaves the queue at once, before the hub's next queue frame arrives.
   */
  putChat(chat: Chat): Chat {
    this.queueEntries = this.queueEntries.filter((entry) => entry.chatId !== chat.id);
    const known = this.chats.get(chat.id);
    if (known) {
      const merged = { ...chat, messages: mergeMessages(known.messages, chat.messages), protocol: known.protocol };
      this.chats.set(chat.id, merged);
      return merged;
    }

    // The protocol record is the workstation's own: a chat the hub gives back after a restart keeps the stored one,
    // and a chat seen for the first time starts its time budget now.
    const protocol = this.records?.get(chat.id) ?? chat.protocol ?? emptyChatProtocol(Date.now());
    const stored = { ...chat, protocol };
    this.chats.set(chat.id, stored);
    if (stored.status !== 'closed') this.records?.save(chat.id, protocol);
    return stored;
  }

  /** Adds a message to its chat; returns false when the chat is unknown or the message is already there. */
  addMessage(message: ChatMessage): boolean {
    const chat = this.chats.get(message.chatId);
    if (!chat || chat.messages.some((known) => known.seq === message.seq || known.id === message.id)) return false;
    chat.messages = mergeMessages(chat.messages, [message]);
    return true;
  }

  /** Replaces the chat's protocol record with `update` applied to it; returns the chat, or undefined when it is unknown. */
  updateProtocol(chatId: string, update: (protocol: ChatProtocol) => ChatProtocol): Chat | undefined {
    const chat = this.chats.get(chatId);
    if (!chat) return undefined;
    chat.protocol = update(chat.protocol ?? emptyChatProtocol());
    // Once the transcript is written it contains the record, so the separate copy is deleted.
    if (chat.status === 'closed' && chat.protocol.transcriptFile !== null) void this.records?.remove(chatId);
    else this.records?.save(chatId, chat.protocol);
    return chat;
  }

  /** Removes a chat another agent took from the queue at once, before the hub's next queue frame. */
  removeFromQueue(chatId: string): boolean {
    const before = this.queueEntries.length;
    this.queueEntries = this.queueEntries.filter((entry) => entry.chatId !== chatId);
    return this.queueEntries.length !== before;
  }

  /** Sets the citizen's presence in an open chat; returns the chat when its status changed. */
  setPresence(chatId: string, status: 'active' | 'cut'): Chat | undefined {
    const chat = this.chats.get(chatId);
    if (!chat || chat.status === 'closed' || chat.status === status) return undefined;
    chat.status = status;
    return chat;
  }

  /** Returns, for each open chat, the last seq before the first gap, so a resume from it misses nothing. */
  lastSeqs(): Array<{ chatId: string; lastSeq: number }> {
    return [...this.chats.values()]
      .filter((chat) => chat.status !== 'closed')
      .map((chat) => {
        let lastSeq = 0;
        while (chat.messages[lastSeq]?.seq === lastSeq + 1) lastSeq += 1;
        return { chatId: chat.id, lastSeq };
      });
  }

  /** Forgets a chat that left this agent (transferred to a colleague) and its stored record; returns false when it was unknown. */
  removeChat(chatId: string): boolean {
    if (!this.chats.delete(chatId)) return false;
    void this.records?.remove(chatId);
    return true;
  }

  closeChat(chatId: string): Chat | undefined {
    const chat = this.chats.get(chatId);
    if (chat) chat.status = 'closed';
    return chat;
  }
}

/** Merges two message lists by sequence number: no message twice, in the hub's order. */
export function mergeMessages(known: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const message of [...known, ...incoming]) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
