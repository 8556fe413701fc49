/**
 * The spelling engine: checks whether a word is Spanish and ranks corrections.
 * It is built from the text of the generated word list (shared/ reads no files,
 * so the host process loads the text and passes it in).
 */
import { spellingDistance } from './distance';
import { attachPronouns, readEnclitic, splitPronouns } from './enclitics';
import { foldAccents, soundKey } from './key';
import { stressedNucleus, syllableNuclei } from '../syllables';
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
/**
 * Preference for a frequent word over a rare one at the same distance. The bonus is
 * FREQUENCY_WEIGHT · (1 − ln rank / ln FREQUENCY_SCALE): the most frequent word gets
 * the whole weight, the 1,000th about 0.87, the last ranked (about the 28,000th) 0.32,
 * and a word without a rank none. This weight and the costs below were set on one
 * half of a list of learner misspellings. The spelling quality bench reports the
 * other half apart.
 */
const FREQUENCY_WEIGHT = 2;
const FREQUENCY_SCALE = 200_000;
/**
 * Bonus for a candidate that differs from the typed word only in accents or ñ, so
 * that a missing accent stays the first fix even against a more frequent word one
 * letter away ("comio" → "comió", not "como").
 */
const ACCENT_ONLY_BONUS = 0.6;
/**
 * Cost of a candidate that moves the stress away from a written accent on the last
 * syllable. Such a candidate gets no ACCENT_ONLY_BONUS either, because a final
 * accent is rarely a slip: "recibó" means a stressed ending ("recibió"), not "recibo".
 */
const FINAL_STRESS_MOVED = 0.7;
/**
 * A verb form with enclitic pronouns has no frequency rank of its own, so it gets
 * ENCLITIC_HOST_SHARE of its host's bonus, less ENCLITIC_PENALTY. Such forms are
 * rarer than the plain words they compete with, so "originale" is "original", not
 * "origínale". "informele" is still "infórmele", because nothing else is close.
 */
const ENCLITIC_HOST_SHARE = 0.5;
const ENCLITIC_PENALTY = 0.3;
const SUGGESTION_CACHE_SIZE = 1000;
const MAX_SUGGESTION_LENGTH = 30;
/** The far search runs for words of this length or more when no candidate costs less than FAR_SEARCH_BELOW. */
const FAR_SEARCH_MIN_LENGTH = 7;
const FAR_SEARCH_BELOW = 1.2;
/** Sound-key letters the far search keeps, and how many keys it reads at most. */
const FAR_SEARCH_PREFIX = 4;
const FAR_SEARCH_MAX_KEYS = 3000;

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
    // Text pasted from other programs may carry decomposed accents ("o" + U+0301); the list is NFC.
    word = word.normalize('NFC');
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
    word = word.normalize('NFC');
    // The longest word in the list has 23 letters; candidate generation grows with the length, so stop here.
    if (word.length > MAX_SUGGESTION_LENGTH) return [];
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
    const scored = new Map<string, number>();
    const score = (candidate: string, extraCost = 0): void => {
      if (scored.has(candidate)) return;
      const cost = this.#cost(typed, candidate, shape) + extraCost;
      if (cost <= MAX_COST) scored.set(candidate, cost);
    };

    // The same letters with the accent where the rules put it ("informele" → "infórmele").
    const enclitic = readEnclitic(typed, this.#isHost);
    if (enclitic && !enclitic.correct) scored.set(enclitic.expected, this.#encliticCost(typed, enclitic.expected, enclitic.host));

    for (const entry of this.#nearbyEntries(typed)) score(entry.word);
    // A stem change takes two letter edits, so the search above misses "encuentramos" → "encontramos".
    for (const variant of stemChangeVariants(typed)) for (const entry of this.#list.wordsWithKey(soundKey(variant))) score(entry.word);

    // Far misspellings of long words ("desafortunamente"): every word that shares the
    // start of the sound key, when nothing near was good enough.
    const best = Math.min(...scored.values());
    if (!(best <= FAR_SEARCH_BELOW) && typed.length >= FAR_SEARCH_MIN_LENGTH) {
      for (const entry of this.#list.wordsWithKeyPrefix(soundKey(typed).slice(0, FAR_SEARCH_PREFIX), FAR_SEARCH_MAX_KEYS)) score(entry.word);
    }

    // A misspelled verb with pronouns ("hecharle"): correct the verb, then attach the
    // pronouns. The verb's frequency counts, as for any enclitic form.
    for (const { base, pronouns } of splitPronouns(typed)) {
      if (base.length < 4 || !/(?:[aeiouáéíóú]|r|ndo)$/.test(base)) continue;
      for (const entry of this.#nearbyEntries(base)) {
        // Preterites such as "envié" are listed as hosts, but took pronouns only in old Spanish.
        if (!entry.host || hasFinalAccent(entry.word)) continue;
        const candidate = attachPronouns(entry.word, pronouns);
        if (scored.has(candidate)) continue;
        const cost = this.#encliticCost(typed, candidate, entry.word);
        if (cost <= MAX_COST) scored.set(candidate, cost);
      }
    }

    const ranked = [...scored.entries()]
      .sort((left, right) => left[1] - right[1] || left[0].localeCompare(right[0]))
      .map(([candidate]) => (candidate === candidate.toLowerCase() ? applyCase(candidate, shape) : candidate));
    // "Grande" and "grande" both become "Grande" at the start of a sentence.
    return [...new Set(ranked)].filter((candidate) => candidate !== word).slice(0, limit);
  }

  /**
   * Lists the words that sound alike (the same sound key or one key edit away) and
   * the words one letter edit away whose key differs more ("experienca" → "experiencia").
   */
  #nearbyEntries(typed: string): WordEntry[] {
    const entries: WordEntry[] = [];
    const nearKeys = keysWithinOneEdit(soundKey(typed));
    for (const candidateKey of nearKeys) entries.push(...this.#list.wordsWithKey(candidateKey));
    // Several spellings share a key ("chihuauha", "chihuahua"), so each key is read once and matched against each.
    const farKeys = new Map<string, WordEntry[]>();
    for (const spelling of spellingsWithinOneEdit(typed)) {
      const spellingKey = soundKey(spelling);
      if (nearKeys.has(spellingKey) || spellingKey.length === 0) continue;
      let keyEntries = farKeys.get(spellingKey);
      if (!keyEntries) {
        keyEntries = this.#list.wordsWithKey(spellingKey);
        farKeys.set(spellingKey, keyEntries);
      }
      for (const entry of keyEntries) if (entry.word.toLowerCase() === spelling) entries.push(entry);
    }
    return entries;
  }

  /** Returns how unlikely a candidate is as the intended word: the edit cost, less a bonus for frequent words. */
  #cost(typed: string, candidate: string, shape: CaseShape): number {
    const lowerCandidate = candidate.toLowerCase();
    let cost = spellingDistance(typed, lowerCandidate);
    // A name or acronym is a worse guess for a word typed in lowercase.
    if (candidate !== lowerCandidate && shape === 'lower') cost += 0.3;
    if (hasFinalAccent(typed) && !hasFinalStress(lowerCandidate)) cost += FINAL_STRESS_MOVED;
    else if (foldAccents(typed) === foldAccents(lowerCandidate)) cost -= ACCENT_ONLY_BONUS;
    return cost - this.#frequencyBonus(lowerCandidate);
  }

  /** Returns the cost of an enclitic form: its edit cost, with a share of its host's frequency bonus. */
  #encliticCost(typed: string, candidate: string, host: string): number {
    return spellingDistance(typed, candidate) + ENCLITIC_PENALTY - ENCLITIC_HOST_SHARE * this.#frequencyBonus(host);
  }

  #frequencyBonus(word: string): number {
    const rank = this.#list.rank(word);
    return rank === undefined ? 0 : FREQUENCY_WEIGHT * (1 - Math.log(rank) / Math.log(FREQUENCY_SCALE));
  }
}

/** True when a word of two or more syllables ends in an accented vowel ("recibó", "comí", or "llegò" with a grave accent). */
function hasFinalAccent(word: string): boolean {
  if (!/[áéíóúàèìòù]$/.test(word)) return false;
  const acute = word.normalize('NFD').replace(/\u0300/g, '\u0301').normalize('NFC');
  return syllableNuclei(acute).length > 1;
}

/** True when the stress, written or by the rules, falls on the last syllable. */
function hasFinalStress(word: string): boolean {
  const nuclei = syllableNuclei(word);
  return stressedNucleus(word, nuclei) === nuclei.length - 1;
}

/** The diphthongs of the stem-changing verbs and the vowels they alternate with ("cuento", "contamos"). */
const STEM_CHANGES: ReadonlyArray<readonly [string, string]> = [
  ['ue', 'o'],
  ['ue', 'u'],
  ['ie', 'e'],
  ['ie', 'i'],
];

/** Lists the spellings with one stem change undone or applied: "encuentramos" → "encontramos", "forte" → "fuerte". */
export function stemChangeVariants(word: string): Set<string> {
  const variants = new Set<string>();
  for (const [diphthong, vowel] of STEM_CHANGES) {
    for (let index = word.indexOf(diphthong); index >= 0; index = word.indexOf(diphthong, index + 1)) {
      variants.add(word.slice(0, index) + vowel + word.slice(index + diphthong.length));
    }
    for (let index = word.indexOf(vowel); index >= 0; index = word.indexOf(vowel, index + 1)) {
      // A vowel that is already part of a diphthong ("cuesta") does not split into another.
      if (/[iu]e/.test(word.slice(Math.max(0, index - 1), index + 1)) || /[iu]e/.test(word.slice(index, index + 2))) continue;
      variants.add(word.slice(0, index) + diphthong + word.slice(index + 1));
    }
  }
  return variants;
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
