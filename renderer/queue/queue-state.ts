/** Pure transitions of the queue of waiting chats. */
import type { QueueEntry } from '../../shared/chat/model';
import { orderQueue } from '../../shared/chat/queue';

/** Returns the queue oldest first, because the protocol serves citizens in order of arrival. */
export function nextQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return orderQueue(entries);
}

/** Returns the entries of `next` that were not in `previous`: chats that just arrived. */
export function newArrivals(previous: readonly QueueEntry[], next: readonly QueueEntry[]): QueueEntry[] {
  const known = new Set(previous.map((entry) => entry.chatId));
  return next.filter((entry) => !known.has(entry.chatId));
}

/** Tells whether a new chat deserves a desktop notification: only when the agent is looking elsewhere. */
export function shouldNotifyArrival(arrivals: number, windowFocused: boolean, permission: string): boolean {
  return arrivals > 0 && !windowFocused && permission === 'granted';
}
