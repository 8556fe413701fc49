/**
 * Builds the excerpt of a search result: the window of the article's text with the
 * most distinct matched terms, and the ranges of the matched words inside it, so
 * that the screen marks them without parsing HTML.
 */
import { analyzeWord, tokenizeWithOffsets } from './analysis';
import type { Snippet } from './model';

/** Characters of text a snippet shows, about two lines of the side panel. */
export const SNIPPET_LENGTH = 180;

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

/** Returns the index of the first match of the window with the most distinct terms (the earliest on a tie). */
function bestWindowStart(matches: readonly MatchedWord[], length: number): number {
  let best = 0;
  let bestCount = 0;
  for (let first = 0; first < matches.length; first++) {
    const distinct = new Set<string>();
    for (let index = first; index < matches.length && matches[index]!.end - matches[first]!.start <= length; index++) {
      distinct.add(matches[index]!.term);
    }
    if (distinct.size > bestCount) {
      best = first;
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
 * Returns the excerpt of `text` around the matched `terms` (index terms, as the
 * search returns them). Without a match it returns the beginning of the text.
 */
export function buildSnippet(text: string, terms: Iterable<string>, length: number = SNIPPET_LENGTH): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const matches = findMatches(flat, new Set(terms));

  let start = 0;
  if (matches.length > 0) {
    const first = matches[bestWindowStart(matches, length)]!;
    // Show a little context before the first marked word.
    start = wordStartAtOrBefore(flat, Math.max(0, first.start - 30));
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const lastSpace = flat.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }

  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const highlights = matches
    .filter((match) => match.start >= start && match.end <= end)
    .map((match) => ({ start: match.start - start + prefix.length, end: match.end - start + prefix.length }));
  return { text: `${prefix}${flat.slice(start, end)}${suffix}`, highlights };
}
