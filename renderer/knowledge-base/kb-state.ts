/** Pure helpers of the knowledge base panel, tested in Node. */
import type { Chat } from '../../shared/chat/model';
import { cleanPassage } from '../../shared/knowledge-base/passage';
import type { Snippet } from '../../shared/knowledge-base/model';

/** Returns the seq of the chat's latest citizen message, or null while the citizen has written nothing. */
export function latestCitizenSeq(chat: Chat): number | null {
  for (let index = chat.messages.length - 1; index >= 0; index--) {
    const message = chat.messages[index]!;
    if (message.author === 'citizen') return message.seq;
  }
  return null;
}

export interface SnippetSegment {
  text: string;
  marked: boolean;
}

/** Splits a snippet into plain and marked segments, ignoring ranges that overlap or fall outside the text. */
export function snippetSegments(snippet: Snippet): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let cursor = 0;
  for (const { start, end } of [...snippet.highlights].sort((a, b) => a.start - b.start)) {
    if (start < cursor || end > snippet.text.length || end <= start) continue;
    if (start > cursor) segments.push({ text: snippet.text.slice(cursor, start), marked: false });
    segments.push({ text: snippet.text.slice(start, end), marked: true });
    cursor = end;
  }
  if (cursor < snippet.text.length) segments.push({ text: snippet.text.slice(cursor), marked: false });
  return segments;
}

/**
 * Returns the reply text for a passage of an article: the agent's selection when
 * there is one, otherwise the article's first paragraph, cleaned toward the reply rules.
 */
export function passageToInsert(articleText: string, selection: string): string {
  const chosen = selection.trim() !== '' ? selection : (articleText.split(/\n\s*\n/).find((paragraph) => paragraph.trim() !== '') ?? '');
  return cleanPassage(chosen);
}
