/**
 * The compact word list of the spelling engine, as text: one line per sound key,
 * sorted by key, each line holding the key (front-coded against the line before)
 * and every word with that key. Loading only indexes the first key of each block
 * of lines, so the engine is ready in milliseconds and keeps the list as one
 * string; a lookup is one binary search over those block keys.
 *
 * Layout (lines end in "\n"):
 *   #... header lines (source, license, build hash)
 *   @words
 *   <prefix><key suffix>|<word>[*]|<word>[*]...   prefix: shared key length as a char from "0"
 *   @ranks
 *   <word>                                       most frequent first
 * A "*" after a word marks a verb form that can take enclitic pronouns
 * (infinitive, gerund, imperative), for example "informe" in "infórmele".
 */

export const WORD_LIST_MAGIC = '#atiende-spelling 1';
const BLOCK_SIZE = 16;
const PREFIX_BASE = 0x30;
export const HOST_MARK = '*';

/** One entry of the list as the generator hands it to the encoder. */
export interface WordListGroup {
  key: string;
  /** Words with this key; hosts of enclitic pronouns carry HOST_MARK at the end. */
  words: string[];
}

/** Encodes sorted groups and the frequency ranking into the text layout above. */
export function encodeWordList(header: string[], groups: readonly WordListGroup[], ranked: readonly string[]): string {
  const lines = [WORD_LIST_MAGIC, ...header.map((line) => `#${line}`), '@words'];
  let previous = '';

  groups.forEach((group, index) => {
    let shared = 0;
    if (index % BLOCK_SIZE !== 0) {
      const limit = Math.min(previous.length, group.key.length, 60);
      while (shared < limit && previous[shared] === group.key[shared]) shared += 1;
    }
    lines.push(String.fromCharCode(PREFIX_BASE + shared) + group.key.slice(shared) + '|' + group.words.join('|'));
    previous = group.key;
  });

  lines.push('@ranks', ...ranked);
  return lines.join('\n') + '\n';
}

/** A word found in the list, with whether it can host enclitic pronouns. */
export interface WordEntry {
  word: string;
  host: boolean;
}

/** The decoded list: lookups by sound key and frequency ranks. */
export class WordList {
  readonly #text: string;
  readonly #blockStarts: Int32Array;
  readonly #blockKeys: string[];
  readonly #wordsEnd: number;
  readonly #ranks: Map<string, number>;

  private constructor(text: string, blockStarts: Int32Array, blockKeys: string[], wordsEnd: number, ranks: Map<string, number>) {
    this.#text = text;
    this.#blockStarts = blockStarts;
    this.#blockKeys = blockKeys;
    this.#wordsEnd = wordsEnd;
    this.#ranks = ranks;
  }

  /** Parses a list produced by encodeWordList; throws on any other text. */
  static parse(text: string): WordList {
    if (!text.startsWith(WORD_LIST_MAGIC)) throw new Error('The spelling word list is invalid: its first line is not the expected header.');
    const wordsStart = text.indexOf('\n@words\n');
    const ranksStart = text.indexOf('\n@ranks\n');
    if (wordsStart < 0 || ranksStart < wordsStart) throw new Error('The spelling word list is invalid: a section is missing.');

    // Index the first line of every block; only those lines hold a whole key.
    const starts: number[] = [];
    const keys: string[] = [];
    let lineStart = wordsStart + '\n@words\n'.length;
    let line = 0;
    while (lineStart < ranksStart + 1) {
      const lineEnd = text.indexOf('\n', lineStart);
      if (line % BLOCK_SIZE === 0) {
        starts.push(lineStart);
        keys.push(text.slice(lineStart + 1, text.indexOf('|', lineStart)));
      }
      line += 1;
      lineStart = lineEnd + 1;
    }

    const ranks = new Map<string, number>();
    const rankedWords = text.slice(ranksStart + '\n@ranks\n'.length).split('\n');
    rankedWords.forEach((word, index) => {
      if (word !== '' && !ranks.has(word)) ranks.set(word, index + 1);
    });

    return new WordList(text, Int32Array.from(starts), keys, ranksStart + 1, ranks);
  }

  /** Number of distinct sound keys, for diagnostics. */
  get blockCount(): number {
    return this.#blockStarts.length;
  }

  /** Returns the words stored under a sound key, or an empty array. */
  wordsWithKey(key: string): WordEntry[] {
    // A key is on a line of its block, so at most one block is decoded. Every lookup
    // passes here, which is why this stays a plain loop and not the generator below.
    const text = this.#text;
    let position = this.#blockStarts[this.#blockOf(key)] ?? this.#wordsEnd;
    let previous = '';
    for (let line = 0; line < BLOCK_SIZE && position < this.#wordsEnd; line += 1) {
      const lineEnd = text.indexOf('\n', position);
      const bar = text.indexOf('|', position);
      const current = previous.slice(0, text.charCodeAt(position) - PREFIX_BASE) + text.slice(position + 1, bar);
      if (current === key) return decodeWords(text.slice(bar + 1, lineEnd));
      if (current > key) return [];
      previous = current;
      position = lineEnd + 1;
    }
    return [];
  }

  /**
   * Returns the words whose sound key starts with prefix, reading at most maxKeys
   * keys, for suggestions far from the typed word ("desafortunamente").
   */
  wordsWithKeyPrefix(prefix: string, maxKeys: number): WordEntry[] {
    const entries: WordEntry[] = [];
    let keys = 0;
    for (const line of this.#linesFrom(prefix)) {
      if (line.key < prefix) continue;
      if (!line.key.startsWith(prefix) || keys >= maxKeys) break;
      entries.push(...decodeWords(line.words));
      keys += 1;
    }
    return entries;
  }

  /** Returns the last block whose first key is not greater than key (0 when none is). */
  #blockOf(key: string): number {
    const keys = this.#blockKeys;
    let low = 0;
    let high = keys.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (keys[middle]! <= key) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Yields the lines from the block that may hold key onward, decoding the front-coded keys. */
  *#linesFrom(key: string): Generator<{ key: string; words: string }> {
    const text = this.#text;
    let position = this.#blockStarts[this.#blockOf(key)] ?? this.#wordsEnd;
    let previous = '';
    while (position < this.#wordsEnd) {
      const lineEnd = text.indexOf('\n', position);
      const bar = text.indexOf('|', position);
      const shared = text.charCodeAt(position) - PREFIX_BASE;
      const current = previous.slice(0, shared) + text.slice(position + 1, bar);
      yield { key: current, words: text.slice(bar + 1, lineEnd) };
      previous = current;
      position = lineEnd + 1;
    }
  }

  /** Returns the word's rank among the most frequent words (1 = most frequent), or undefined. */
  rank(word: string): number | undefined {
    return this.#ranks.get(word);
  }
}

function decodeWords(field: string): WordEntry[] {
  return field.split('|').map((word) =>
    word.endsWith(HOST_MARK) ? { word: word.slice(0, -1), host: true } : { word, host: false },
  );
}
