/**
 * Splits a reply into the pieces the rules look at: spans that are not prose
 * (email addresses, URLs), words, sentences and paragraphs, all with UTF-16
 * offsets into the original text.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Sentence extends Span {
  words: Span[];
}

export interface Paragraph extends Span {
  sentences: Sentence[];
}

export interface AnalyzedText {
  text: string;
  /** Email addresses and URLs: no word, symbol or punctuation rule looks inside them. */
  verbatim: Span[];
  words: Span[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"“”«»]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:gov|com|org|edu|net|mil|int|info)(?:\.[a-z]{2})?\b(?:\/[^\s<>"“”«»]*)?/giu;
const WORD = /[\p{L}\p{M}]+/gu;
/** º and ª are letters to Unicode but ordinal marks in Spanish ("1.º", "N.º"). */
const ORDINAL_MARKS = /^[ºª]+$/;

/**
 * Abbreviations whose period does not end a sentence, in lowercase without the
 * final period. Those in TERMINAL_ABBREVIATIONS may also end one when the next
 * word starts with a capital ("Abrimos a las 8 a. m. Lo esperamos.").
 */
const ABBREVIATIONS = new Set([
  'sr', 'sra', 'srta', 'sres', 'sras', 'dr', 'dra', 'drs', 'dras', 'lic', 'ing', 'arq', 'prof', 'profa', 'ud', 'uds', 'vd', 'vds',
  'núm', 'nro', 'cra', 'kr', 'cl', 'cll', 'av', 'avda', 'dg', 'tv', 'transv', 'mz', 'apto', 'of', 'ofc', 'int', 'km',
  'tel', 'cel', 'ext', 'pág', 'págs', 'art', 'arts', 'inc', 'num', 'dto', 'depto', 'cap', 'fig', 'vol', 'aprox', 'admón', 'gral',
  'atte', 'cía', 'ltda', 'adj', 'cf', 'vs', 'ee', 'uu', 'etc', 'esq', 'sa', 'nal', 'dpto',
]);
const TERMINAL_ABBREVIATIONS = new Set(['uu', 'etc', 'ltda', 'sa']);
/** "No." and "N." abbreviate "número" only before a number; otherwise "No." is the word no. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'n']);
/** Shortest word before a period that ends a sentence even when a lowercase word follows; shorter ones may be unlisted abbreviations. */
const MIN_WORD_BEFORE_LOWERCASE_START = 5;

function findSpans(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    // A URL or address does not include the sentence's closing punctuation.
    const value = match[0].replace(/[.,;:!?)\]]+$/, '');
    spans.push({ start: match.index, end: match.index + value.length, text: value });
  }
  return spans;
}

/** Returns the email addresses and URLs of a text, sorted and without overlaps. */
export function findVerbatimSpans(text: string): Span[] {
  const spans = [...findSpans(text, EMAIL), ...findSpans(text, URL)].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) continue;
    merged.push(span);
  }
  return merged;
}

/**
 * True when the word is written as an abbreviation: a known abbreviation or a
 * single letter ("a. m.", "J. Pérez") followed by a period, or an ordinal ending.
 */
export function isAbbreviation(text: string, word: Span): boolean {
  // Ordinal endings after a number: "1.er", "2.a", "3.os".
  if (/\d\.$/.test(text.slice(Math.max(0, word.start - 2), word.start)) && /^(?:er|o|a|os|as|ro|ra)$/.test(word.text)) return true;
  if (text[word.end] !== '.') return false;
  const lower = word.text.toLowerCase();
  return word.text.length === 1 || ABBREVIATIONS.has(lower) || NUMBER_ABBREVIATIONS.has(lower);
}

/** True when [start, end) overlaps one of the sorted spans. */
export function insideSpans(spans: readonly Span[], start: number, end: number = start + 1): boolean {
  return spans.some((span) => start < span.end && end > span.start);
}

/** Returns the words of text[start, end), skipping verbatim spans and ordinal marks. */
function wordsIn(text: string, start: number, end: number, verbatim: readonly Span[]): Span[] {
  const words: Span[] = [];
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(WORD)) {
    const wordStart = start + match.index;
    const wordEnd = wordStart + match[0].length;
    if (ORDINAL_MARKS.test(match[0]) || insideSpans(verbatim, wordStart, wordEnd)) continue;
    words.push({ start: wordStart, end: wordEnd, text: match[0] });
  }
  return words;
}

/** Returns the word that ends right before a period at index, lowercased, or "". */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{M}]/u.test(text[start - 1]!)) start -= 1;
  return text.slice(start, index).toLowerCase();
}

/** True when the period at index is part of an abbreviation, a number or a verbatim span rather than a sentence end. */
function periodEndsSentence(text: string, index: number, verbatim: readonly Span[]): boolean {
  if (insideSpans(verbatim, index)) return false;
  if (/\d/.test(text[index - 1] ?? '') && /\d/.test(text[index + 1] ?? '')) return false;
  // The number of a list item: "1. Cédula".
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  if (/^\s*\d+$/.test(text.slice(lineStart, index))) return false;

  // What follows: a sentence only ends before a space or the end of the text.
  let next = index + 1;
  while (next < text.length && /[.”"»')\]]/.test(text[next]!)) next += 1;
  if (next < text.length && !/\s/.test(text[next]!)) return false;
  while (next < text.length && /[ \t]/.test(text[next]!)) next += 1;
  const following = text[next];
  if (following === undefined || following === '\n' || following === '\r') return true;

  const word = wordBefore(text, index);
  // A lowercase word after a period continues the sentence after an abbreviation or a short
  // word that may be one ("pto. 3"); after a longer ordinary word ("Gracias. usted") a new
  // sentence starts, and the capitalization rule flags its missing capital.
  if (/[\p{Ll}]/u.test(following)) {
    return word.length >= MIN_WORD_BEFORE_LOWERCASE_START && !ABBREVIATIONS.has(word) && !NUMBER_ABBREVIATIONS.has(word);
  }
  if (NUMBER_ABBREVIATIONS.has(word)) return !/\d/.test(following);
  // Most abbreviations stand before a noun; a few may end a sentence, and then a capital follows.
  if (word !== '' && ABBREVIATIONS.has(word)) {
    if (!TERMINAL_ABBREVIATIONS.has(word)) return false;
    return /[\p{Lu}¿¡]/u.test(following);
  }
  // A single capital before the period is an initial ("J. Pérez").
  if (word.length === 1 && /\p{Lu}/u.test(text[index - 1]!)) return false;
  return true;
}

/** Splits one paragraph into sentences; "?", "!", "…" and sentence-ending periods close a sentence. */
function splitSentences(text: string, start: number, end: number, verbatim: readonly Span[]): Sentence[] {
  const sentences: Sentence[] = [];
  let sentenceStart = start;

  const close = (sentenceEnd: number): void => {
    let from = sentenceStart;
    while (from < sentenceEnd && /\s/.test(text[from]!)) from += 1;
    let to = sentenceEnd;
    while (to > from && /\s/.test(text[to - 1]!)) to -= 1;
    if (to > from) sentences.push({ start: from, end: to, text: text.slice(from, to), words: wordsIn(text, from, to, verbatim) });
    sentenceStart = sentenceEnd;
  };

  for (let index = start; index < end; index += 1) {
    const char = text[index]!;
    const isEnd = char === '?' || char === '!' || char === '…' || (char === '.' && periodEndsSentence(text, index, verbatim));
    if (!isEnd || insideSpans(verbatim, index)) continue;

    // Take the rest of a run of marks and any closing quotes or brackets with the sentence.
    let sentenceEnd = index + 1;
    while (sentenceEnd < end && /[.?!…”"»')\]]/.test(text[sentenceEnd]!)) sentenceEnd += 1;
    if (sentenceEnd < end && !/\s/.test(text[sentenceEnd]!)) continue;
    close(sentenceEnd);
    index = sentenceEnd - 1;
  }
  close(end);
  return sentences;
}

/** Splits a reply into paragraphs (separated by line breaks), sentences and words. */
export function analyzeText(text: string): AnalyzedText {
  const verbatim = findVerbatimSpans(text);
  const paragraphs: Paragraph[] = [];

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const sentences = splitSentences(text, lineStart, lineEnd, verbatim);
    if (sentences.length > 0) {
      const first = sentences[0]!;
      const last = sentences[sentences.length - 1]!;
      paragraphs.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), sentences });
    }
    lineStart = lineEnd + 1;
  }

  const sentences = paragraphs.flatMap((paragraph) => paragraph.sentences);
  return { text, verbatim, words: sentences.flatMap((sentence) => sentence.words), paragraphs, sentences };
}
