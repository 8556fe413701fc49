/**
 * The spelling engine: checks whether a word is Spanish and ranks corrections.
 * It is built from the text of the generated word list (shared/ reads no files,
 * so the host process loads the text and passes it in).
 */
import { spellingDistance } from './distance';
import { readEnclitic } from './enclitics';
import { soundKey } from './key';
import { WordList, type WordEntry } from './word-list';

/** The verdict on one word. */
export interface WordVerdict {
  correct: boolean;
  /** When the word is a verb with enclitic pronouns and a wrong accent: the right spelling. */
  expected?: string;
}

/** Letters of the sound-key alphabet, for keys one edit away. */
const KEY_ALPHABET = 'abCdefgijklmnoprstuy';
const MAX_SUGGESTIONS = 5;
/** Candidates costing more than this are not offered. */
const MAX_COST = 2.2;
/** How much a very frequent word is preferred over a rare one at the same distance. */
const FREQUENCY_WEIGHT = 0.9;
const SUGGESTION_CACHE_SIZE = 1000;

type CaseShape = 'lower' | 'capitalized' | 'upper' | 'mixed';

function caseShape(word: string): CaseShape {
  const lower = word.toLowerCase();
  if (word === lower) return 'lower';
  if (word === word.toUpperCase()) return 'upper';
  if (word[0] !== lower[0] && word.slice(1) === lower.slice(1)) return 'capitalized';
  return 'mixed';
}

function applyCase(word: string, shape: CaseShape): string {
  if (shape === 'upper') return word.toUpperCase();
  if (shape === 'capitalized') return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

export class SpellingEngine {
  readonly #list: WordList;
  readonly #suggestions = new Map<string, string[]>();

  private constructor(list: WordList) {
    this.#list = list;
  }

  /**
   * Builds the engine from the word list text (dist/spelling/es-words.txt). A host
   * with bytes decodes them first (TextDecoder in a worker, readFile in Node).
   */
  static fromText(text: string): SpellingEngine {
    return new SpellingEngine(WordList.parse(text));
  }

  #entries(word: string): WordEntry[] {
    return this.#list.wordsWithKey(soundKey(word));
  }

  /** True when the word, as written or in lowercase where its case allows, is in the list. */
  #inList(word: string): boolean {
    const entries = this.#entries(word);
    if (entries.some((entry) => entry.word === word)) return true;
    const shape = caseShape(word);
    if (shape === 'lower' || shape === 'mixed') return false;
    // "Casa" and "CASA" are "casa"; "MADRID" is "Madrid".
    const lower = word.toLowerCase();
    return entries.some((entry) => entry.word === lower || (shape === 'upper' && entry.word.toLowerCase() === lower));
  }

  #isHost = (form: string): boolean => this.#entries(form).some((entry) => entry.host && entry.word === form);

  /** Checks one word made of letters only. */
  check(word: string): WordVerdict {
    if (this.#inList(word)) return { correct: true };
    const shape = caseShape(word);
    if (shape === 'mixed') return { correct: false };

    const reading = readEnclitic(word.toLowerCase(), this.#isHost);
    if (!reading) return { correct: false };
    return reading.correct ? { correct: true } : { correct: false, expected: applyCase(reading.expected, shape) };
  }

  /** True when the word is spelled correctly. */
  isCorrect(word: string): boolean {
    return this.check(word).correct;
  }

  /**
   * Returns up to five corrections for a misspelled word, the most likely first.
   * The last SUGGESTION_CACHE_SIZE results are kept, because the composer checks
   * the same draft again on every keystroke and its typos stay the same.
   */
  suggest(word: string, limit: number = MAX_SUGGESTIONS): string[] {
    const cacheKey = `${limit}:${word}`;
    const cached = this.#suggestions.get(cacheKey);
    if (cached) return [...cached];
    const result = this.#rankSuggestions(word, limit);
    if (this.#suggestions.size >= SUGGESTION_CACHE_SIZE) this.#suggestions.delete(this.#suggestions.keys().next().value!);
    this.#suggestions.set(cacheKey, result);
    return [...result];
  }

  /** Drops the cached suggestions, so a bench can measure them from scratch. */
  clearSuggestionCache(): void {
    this.#suggestions.clear();
  }

  #rankSuggestions(word: string, limit: number): string[] {
    const shape = caseShape(word);
    const typed = word.toLowerCase();
    const key = soundKey(typed);
    const scored = new Map<string, number>();

    const enclitic = readEnclitic(typed, this.#isHost);
    if (enclitic && !enclitic.correct) scored.set(enclitic.expected, 0);

    // Candidates: words that sound alike (same key or one key edit away), and words one
    // letter edit away whose key differs more ("experienca" → "experiencia").
    const entries: WordEntry[] = [];
    const keysSeen = keysWithinOneEdit(key);
    for (const candidateKey of keysSeen) entries.push(...this.#list.wordsWithKey(candidateKey));
    for (const spelling of spellingsWithinOneEdit(typed)) {
      const spellingKey = soundKey(spelling);
      if (keysSeen.has(spellingKey) || spellingKey.length === 0) continue;
      keysSeen.add(spellingKey);
      for (const entry of this.#list.wordsWithKey(spellingKey)) if (entry.word.toLowerCase() === spelling) entries.push(entry);
    }

    for (const entry of entries) {
      {
        if (scored.has(entry.word)) continue;
        const candidate = entry.word;
        const lowerCandidate = candidate.toLowerCase();
        let cost = spellingDistance(typed, lowerCandidate);
        // A name or acronym is a worse guess for a word typed in lowercase.
        if (candidate !== lowerCandidate && shape === 'lower') cost += 0.3;
        const rank = this.#list.rank(lowerCandidate);
        if (rank !== undefined) cost -= FREQUENCY_WEIGHT * (1 - Math.log(rank) / Math.log(10_000));
        if (cost <= MAX_COST) scored.set(candidate, cost);
      }
    }

    const ranked = [...scored.entries()]
      .sort((left, right) => left[1] - right[1] || left[0].localeCompare(right[0]))
      .map(([candidate]) => (candidate === candidate.toLowerCase() ? applyCase(candidate, shape) : candidate));
    // "Grande" and "grande" both become "Grande" at the start of a sentence.
    return [...new Set(ranked)].filter((candidate) => candidate !== word).slice(0, limit);
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzáéíóúñü';

/** Lists the text and every string one insertion, deletion, substitution or transposition away, over an alphabet. */
function singleEdits(text: string, alphabet: string): Set<string> {
  const edits = new Set<string>([text]);
  for (let index = 0; index <= text.length; index += 1) {
    const head = text.slice(0, index);
    const tail = text.slice(index);
    if (tail.length > 0) edits.add(head + tail.slice(1));
    if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of alphabet) {
      edits.add(head + letter + tail);
      if (tail.length > 0) edits.add(head + letter + tail.slice(1));
    }
  }
  edits.delete('');
  return edits;
}

/** Lists every spelling one letter edit away from a lowercase word. */
export function spellingsWithinOneEdit(word: string): Set<string> {
  const spellings = singleEdits(word, LETTERS);
  spellings.delete(word);
  return spellings;
}

/** Lists a sound key and every key one edit away. */
export function keysWithinOneEdit(key: string): Set<string> {
  return singleEdits(key, KEY_ALPHABET);
}
