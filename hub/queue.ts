/**
 * The hub's queue of waiting chats, in order of arrival: the protocol serves
 * citizens in the order they came. A chat that goes back to the queue (its agent
 * dropped) returns to the place its arrival time gives it, not to the end.
 */

export interface QueuedChat {
  chatId: string;
  /** Arrival time stamped by the hub, in milliseconds since the Unix epoch. */
  arrivedAt: number;
  /** Arrival counter of the hub, which orders chats that arrived in the same millisecond. */
  arrivalOrder: number;
}

function comesBefore(a: QueuedChat, b: QueuedChat): boolean {
  return a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && a.arrivalOrder < b.arrivalOrder);
}

export class ChatQueue {
  private readonly waiting: QueuedChat[] = [];

  get size(): number {
    return this.waiting.length;
  }

  /** Inserts the chat at the place its arrival gives it; a chat already queued is left where it is. */
  add(chat: QueuedChat): void {
    if (this.has(chat.chatId)) return;

    // Binary search for the first waiting chat that arrived after this one.
    let low = 0;
    let high = this.waiting.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comesBefore(chat, this.waiting[middle]!)) high = middle;
      else low = middle + 1;
    }
    this.waiting.splice(low, 0, { ...chat });
  }

  /** Removes the chat; returns false when it was not queued. */
  remove(chatId: string): boolean {
    const index = this.waiting.findIndex((entry) => entry.chatId === chatId);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** Removes and returns the oldest chat, or undefined when the queue is empty. */
  takeOldest(): QueuedChat | undefined {
    return this.waiting.shift();
  }

  has(chatId: string): boolean {
    return this.waiting.some((entry) => entry.chatId === chatId);
  }

  /** Returns the chat's place in the queue, 1 for the next one to be taken, or undefined when it is not queued. */
  positionOf(chatId: string): number | undefined {
    const index = this.waiting.findIndex((entry) => entry.chatId === chatId);
    return index < 0 ? undefined : index + 1;
  }

  /** Returns the waiting chats, oldest first. */
  list(): readonly QueuedChat[] {
    return this.waiting;
  }
}
