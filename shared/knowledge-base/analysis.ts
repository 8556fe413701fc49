/**
 * The Spanish text analysis of the knowledge base, used alike for the articles and
 * for the queries. Words are split with their positions, lower-cased and stripped
 * of accents, but "ñ" stays distinct from "n", so "año" never matches "ano". Stop
 * words are dropped and the rest are stemmed.
 */
import { stemSpanish } from './spanish-stemmer';
import { SPANISH_STOP_WORDS } from './stop-words';

/** Changes whenever the analysis changes, so that indexes persisted with an older one are rebuilt. */
export const ANALYSIS_VERSION = 1;

/** A word of a text, with its position in that text (UTF-16 offsets, end exclusive). */
export interface WordToken {
  word: string;
  start: number;
  end: number;
}

// A word starts with a letter or digit and may carry combining marks (decomposed accents).
const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Splits a text into words with their offsets. */
export function tokenizeWithOffsets(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Splits a text into words, without offsets, for the search index. */
export function tokenize(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}

/** Lower-cases a word and removes its accents and diaeresis, keeping "ñ": "Trámite" → "tramite", "AÑO" → "año". */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/n\u0303/g, 'ñ')
    .replace(/\p{M}/gu, '');
}

// Terms of words already analyzed: a corpus repeats a few thousand words millions of
// times, so indexing mostly looks them up here instead of stemming them again.
const analyzed = new Map<string, string | null>();
const ANALYZED_CACHE_SIZE = 100_000;

/** Returns the index term of a word, or null for a stop word: "certificados" → "certific", "de" → null. */
export function analyzeWord(word: string): string | null {
  const known = analyzed.get(word);
  if (known !== undefined) return known;

  const normalized = normalizeWord(word);
  let term: string | null;
  if (normalized.length === 0 || SPANISH_STOP_WORDS.has(normalized)) term = null;
  else if (/^\p{N}+$/u.test(normalized)) term = normalized;
  else term = stemSpanish(normalized);

  // Starting over when full keeps the memory bounded; the frequent words return at once.
  if (analyzed.size >= ANALYZED_CACHE_SIZE) analyzed.clear();
  analyzed.set(word, term);
  return term;
}

/** Returns the distinct index terms of a text, in order of first appearance. */
export function analyzeText(text: string): string[] {
  const terms = new Set<string>();
  for (const word of tokenize(text)) {
    const term = analyzeWord(word);
    if (term !== null) terms.add(term);
  }
  return [...terms];
}

/**
 * Returns how many edits a query term may differ by from an index term: none for
 * short terms, where one edit changes the word ("mes", "año"), one from four letters
 * and two from eight, so that "sertificado" still finds "certificado".
 */
export function typoToleranceFor(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 8 ? 1 : 2;
}
