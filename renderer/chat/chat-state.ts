/** Pure transitions of the agent's chats: merging updates, appending messages, choosing the open chat. */
import type { Chat, ChatMessage } from '../../shared/chat/model';
import { moveSelection } from '../palette/palette-state';

/** Returns the chats with `chat` replacing the one with its id, or added at the end; messages already known are kept. */
export function upsertChat(chats: readonly Chat[], chat: Chat): Chat[] {
  const index = chats.findIndex((known) => known.id === chat.id);
  if (index === -1) return [...chats, { ...chat, messages: mergeMessages([], chat.messages) }];

  const known = chats[index]!;
  const merged: Chat = { ...chat, messages: mergeMessages(known.messages, chat.messages) };
  return chats.map((existing, position) => (position === index ? merged : existing));
}

/** Returns the chats with `message` added to its chat; a message already stored (same seq) is not shown twice. */
export function appendMessage(chats: readonly Chat[], message: ChatMessage): Chat[] {
  const index = chats.findIndex((chat) => chat.id === message.chatId);
  if (index === -1) return [...chats];
  return chats.map((chat, position) => (position === index ? { ...chat, messages: mergeMessages(chat.messages, [message]) } : chat));
}

/** Merges two message lists by seq, the hub's order; on a repeated seq the newer copy wins. */
export function mergeMessages(known: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const message of known) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Returns the chats of a fresh workspace, keeping the current tab order for chats that remain. */
export function replaceChats(known: readonly Chat[], fresh: readonly Chat[]): Chat[] {
  const freshById = new Map(fresh.map((chat) => [chat.id, chat]));
  const kept = known.filter((chat) => freshById.has(chat.id)).map((chat) => freshById.get(chat.id)!);
  const added = fresh.filter((chat) => !known.some((existing) => existing.id === chat.id));
  return [...kept, ...added];
}

/**
 * Returns the chat to keep open: the current one while it exists, otherwise the
 * first chat still active, otherwise none.
 */
export function pickOpenChat(chats: readonly Chat[], currentId: string | null): string | null {
  if (currentId !== null && chats.some((chat) => chat.id === currentId)) return currentId;
  return chats.find((chat) => chat.status === 'active')?.id ?? null;
}

/** Returns the id of the chat `delta` tabs away from the open one, wrapping at both ends, or null without chats. */
export function adjacentChatId(chats: readonly Chat[], openId: string | null, delta: number): string | null {
  const current = chats.findIndex((chat) => chat.id === openId);
  const next = moveSelection(current, delta, chats.length);
  return chats[next]?.id ?? null;
}

/** Tells whether a reply can be sent: it has text after trimming and no send of this chat is in flight. */
export function canSend(draft: string, sending: boolean): boolean {
  return !sending && draft.trim().length > 0;
}

/** Returns the number of chats the agent is attending now. */
export function countActive(chats: readonly Chat[]): number {
  return chats.filter((chat) => chat.status === 'active').length;
}
