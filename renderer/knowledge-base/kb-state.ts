/** Pure helpers of the knowledge base panel, tested in Node. */
import type { Chat } from '../../shared/chat/model';
import { analyzeWord, tokenize } from '../../shared/knowledge-base/analysis';
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
 * Returns the reply text for a passage of an article, cleaned toward the reply rules.
 * The passage is the agent's selection when there is one. Otherwise it is the
 * paragraph that best matches `matchedWords`, the words marked in the result the
 * article was opened from, or the first paragraph when none matches.
 */
export function passageToInsert(articleText: string, selection: string, matchedWords: readonly string[] = []): string {
  if (selection.trim() !== '') return cleanPassage(selection);
  const paragraphs = articleText.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  return cleanPassage(bestParagraph(paragraphs, matchedWords) ?? paragraphs[0] ?? '');
}

/** A heading as the article text keeps it: a short line without final punctuation, such as "Cuánto demora". */
const MAX_HEADING_WORDS = 8;
const isHeading = (paragraph: string) => !paragraph.includes('\n') && !/[.:;?!»)"]$/.test(paragraph.trim()) && paragraph.trim().split(/\s+/).length <= MAX_HEADING_WORDS;

/**
 * Returns the paragraph that contains the most of the matched words, each weighted by
 * how few paragraphs contain it. So the word that sets a section apart ("demora")
 * counts more than the article's subject ("certificado"), which is everywhere. A
 * heading counts for the paragraph under it and is never returned itself. Returns
 * null when no paragraph contains a matched word.
 */
function bestParagraph(paragraphs: readonly string[], matchedWords: readonly string[]): string | null {
  const wanted = new Set(matchedWords.map((word) => analyzeWord(word)).filter((term): term is string => term !== null));
  if (wanted.size === 0) return null;
  const termsOf = paragraphs.map((paragraph) => new Set(tokenize(paragraph).map((word) => analyzeWord(word)).filter((term): term is string => term !== null && wanted.has(term))));

  const spread = new Map<string, number>();
  for (const terms of termsOf) for (const term of terms) spread.set(term, (spread.get(term) ?? 0) + 1);
  const weightOf = (terms: Set<string>) => [...terms].reduce((sum, term) => sum + 1 / spread.get(term)!, 0);

  let best: string | null = null;
  let bestWeight = 0;
  paragraphs.forEach((paragraph, index) => {
    if (isHeading(paragraph)) return;
    const terms = new Set(termsOf[index]);
    const previous = paragraphs[index - 1];
    if (previous !== undefined && isHeading(previous)) for (const term of termsOf[index - 1]!) terms.add(term);
    const weight = weightOf(terms);
    if (weight > bestWeight) {
      best = paragraph;
      bestWeight = weight;
    }
  });
  return best;
}
