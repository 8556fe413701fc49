/** Queue order and waiting times: the protocol serves citizens in order of arrival. */
import type { QueueEntry } from './model';

/** Maximum length of the first-message excerpt shown in the queue, in characters. */
export const EXCERPT_LENGTH = 80;

/** Returns the entries oldest first; chats that arrived in the same millisecond keep a stable order by id. */
export function orderQueue(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort((a, b) => a.arrivedAt - b.arrivedAt || (a.chatId < b.chatId ? -1 : a.chatId > b.chatId ? 1 : 0));
}

/** Cuts a first message to one line of at most EXCERPT_LENGTH characters, ending in "…" when cut. */
export function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT_LENGTH) return line;
  return `${line.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

/** Formats a waiting time as m:ss below an hour and h:mm:ss above; negative clock skew shows as 0:00. */
export function formatWaitingTime(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`;
  return `${minutes}:${seconds}`;
}
