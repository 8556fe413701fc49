/**
 * Builds the excerpt of a search result: the window of the article's text with the
 * most distinct matched terms, and the ranges of the matched words inside it, so
 * that the screen marks them without parsing HTML.
 */
import { analyzeWord, tokenizeWithOffsets } from './analysis';
import type { Snippet } from './model';
import { endAsSentence } from './passage';

/** Characters of text a snippet shows, about two lines of the side panel. */
export const SNIPPET_LENGTH = 180;
/** A line this short, followed by one that starts with a capital, reads as a heading or a list item. */
const SHORT_LINE = 60;
/** Characters shown before the first marked word, when the window leaves room. */
const CONTEXT_BEFORE = 30;

interface MatchedWord {
  start: number;
  end: number;
  term: string;
}

/** Finds the words of `text` whose index term is one of `terms`. */
function findMatches(text: string, terms: ReadonlySet<string>): MatchedWord[] {
  const matches: MatchedWord[] = [];
  for (const token of tokenizeWithOffsets(text)) {
    const term = analyzeWord(token.word);
    if (term !== null && terms.has(term)) matches.push({ start: token.start, end: token.end, term });
  }
  return matches;
}

/** Returns the first and last match of the window with the most distinct terms (the earliest on a tie). */
function bestWindow(matches: readonly MatchedWord[], length: number): { first: MatchedWord; last: MatchedWord } {
  let best = { first: matches[0]!, last: matches[0]! };
  let bestCount = 0;
  for (let first = 0; first < matches.length; first++) {
    const distinct = new Set<string>();
    let last = first;
    for (let index = first; index < matches.length && matches[index]!.end - matches[first]!.start <= length; index++) {
      distinct.add(matches[index]!.term);
      last = index;
    }
    if (distinct.size > bestCount) {
      best = { first: matches[first]!, last: matches[last]! };
      bestCount = distinct.size;
    }
  }
  return best;
}

/** Moves an offset back to the start of the word it falls in, so that a snippet never begins mid-word. */
function wordStartAtOrBefore(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && /[\p{L}\p{M}\p{N}]/u.test(text[index - 1]!)) index--;
  return index;
}

/**
 * Joins the article's lines into one. A paragraph's last line, and a short line
 * followed by a capitalized one, get a period when they lack final punctuation, so
 * that a heading such as "Requisitos" does not run into the sentence after it.
 */
function flattenLines(text: string): string {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line.length > 0);
    lines.forEach((line, index) => {
      const next = lines[index + 1];
      const ends = next === undefined || (line.length <= SHORT_LINE && /^[\p{Lu}\p{N}]/u.test(next));
      sentences.push(ends ? endAsSentence(line) : line);
    });
  }
  return sentences.join(' ');
}

/**
 * Returns the excerpt of `text` around the matched `terms` (index terms, as the
 * search returns them). Without a match it returns the beginning of the text.
 */
export function buildSnippet(text: string, terms: Iterable<string>, length: number = SNIPPET_LENGTH): Snippet {
  const flat = flattenLines(text);
  const matches = findMatches(flat, new Set(terms));

  let start = 0;
  let windowEnd = 0;
  if (matches.length > 0) {
    const { first, last } = bestWindow(matches, length);
    // Show a little context before the first marked word, as long as the window's last one still fits.
    const context = Math.max(0, Math.min(CONTEXT_BEFORE, length - (last.end - first.start)));
    start = wordStartAtOrBefore(flat, Math.max(0, first.start - context));
    windowEnd = last.end;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const lastSpace = flat.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }
  // Backing up to word boundaries may cost a few characters; the window's last marked word stays in.
  end = Math.max(end, windowEnd);

  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const highlights = matches
    .filter((match) => match.start >= start && match.end <= end)
    .map((match) => ({ start: match.start - start + prefix.length, end: match.end - start + prefix.length }));
  return { text: `${prefix}${flat.slice(start, end)}${suffix}`, highlights };
}
