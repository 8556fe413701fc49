/**
 * The knowledge base's inverted index. For each term and field it keeps a flat
 * array of (document slot, term frequency) pairs, and it ranks with BM25+ using
 * MiniSearch 7.2's parameters, so results rank as they did when MiniSearch held
 * the whole index. MiniSearch updates a Map per term and field on every word, so
 * 10,000 articles took over 5 s to index on the 2-core test machine. Here each
 * field's terms are counted once and appended as pairs. The term dictionary is
 * MiniSearch's SearchableMap, a radix tree that gives prefix and edit-distance lookups.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { decodePostings, encodePostings } from './posting-codec';

/** BM25+ parameters, MiniSearch 7.2's defaults: frequency saturation k, length normalization b, lower bound d. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Splits a field's text into words and turns a word into its index term (null for a stop word). */
export interface Analyzer {
  tokenize(text: string): string[];
  term(word: string): string | null;
}

/** A document's accumulated match while a query runs. */
export interface DocumentMatch {
  score: number;
  /** The query terms that matched, by exact, prefix or fuzzy match. */
  queryTerms: string[];
  /** The index terms that matched. */
  terms: string[];
}

export interface SerializedInvertedIndex {
  version: 2;
  fieldCount: number;
  paths: string[];
  /** Per field, each document's number of distinct words, by slot. */
  fieldLengths: number[][];
  terms: string[];
  /** The postings by term id × fieldCount + field, as encodePostings() writes them. */
  postings: string;
}

export class InvertedIndex {
  /** Document paths by slot; a removed document's slot is null until compact() drops it. */
  private paths: (string | null)[] = [];
  private readonly slots = new Map<string, number>();
  private fieldLengths: number[][];
  private readonly totalFieldLengths: number[];
  private readonly terms: string[] = [];
  private readonly termIds = new SearchableMap<number>();
  /** By term id × fieldCount + field: slots and term frequencies, alternating, slots ascending. */
  private readonly postings: number[][] = [];
  /**
   * Numbers of the words already analyzed, and by number the word's term id (-1 for a
   * stop word): a corpus repeats a few thousand words millions of times.
   */
  private readonly wordNumbers = new Map<string, number>();
  private readonly wordTerms: number[] = [];
  private removed = 0;

  // Scratch space for counting one field's term frequencies (by term id) and distinct words (by word number).
  private counts = new Int32Array(4096);
  private readonly touched: number[] = [];
  private wordStamps = new Int32Array(4096);
  private stamp = 0;

  constructor(
    private readonly fieldCount: number,
    private readonly analyzer: Analyzer,
  ) {
    this.fieldLengths = Array.from({ length: fieldCount }, () => []);
    this.totalFieldLengths = new Array<number>(fieldCount).fill(0);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Returns the path of the document in `slot`, or null when it was removed. */
  path(slot: number): string | null {
    return this.paths[slot] ?? null;
  }

  /** Adds a document's fields, in the order of the field boosts given to collect(); replaces a document of the same path. */
  add(path: string, fields: readonly string[]): void {
    if (this.slots.has(path)) this.remove(path);
    const slot = this.paths.length;
    this.paths.push(path);
    this.slots.set(path, slot);

    for (let field = 0; field < this.fieldCount; field++) {
      // A field's length is its number of distinct words, as MiniSearch 7.2 counts it, so that scores stay the same.
      this.stamp++;
      let distinctWords = 0;
      for (const word of this.analyzer.tokenize(fields[field] ?? '')) {
        const wordNumber = this.wordNumber(word);
        if (this.wordStamps[wordNumber] !== this.stamp) {
          this.wordStamps[wordNumber] = this.stamp;
          distinctWords++;
        }
        const id = this.wordTerms[wordNumber]!;
        if (id < 0) continue;
        const count = this.counts[id]!;
        if (count === 0) this.touched.push(id);
        this.counts[id] = count + 1;
      }
      this.fieldLengths[field]!.push(distinctWords);
      this.totalFieldLengths[field]! += distinctWords;

      for (const id of this.touched) {
        this.postingsOf(id, field).push(slot, this.counts[id]!);
        this.counts[id] = 0;
      }
      this.touched.length = 0;
    }
  }

  /** Marks a document removed; its postings stay until compact(). */
  remove(path: string): void {
    const slot = this.slots.get(path);
    if (slot === undefined) return;
    this.slots.delete(path);
    this.paths[slot] = null;
    for (let field = 0; field < this.fieldCount; field++) this.totalFieldLengths[field]! -= this.fieldLengths[field]![slot]!;
    this.removed++;
  }

  /** Drops removed documents from the postings and renumbers the slots; linear in the size of the index. */
  compact(): void {
    if (this.removed === 0) return;
    const remap = new Int32Array(this.paths.length).fill(-1);
    const paths: string[] = [];
    for (let slot = 0; slot < this.paths.length; slot++) {
      const path = this.paths[slot];
      if (path === null || path === undefined) continue;
      remap[slot] = paths.length;
      this.slots.set(path, paths.length);
      paths.push(path);
    }
    this.fieldLengths = this.fieldLengths.map((lengths) => lengths.filter((_, slot) => remap[slot]! >= 0));

    for (const list of this.postings) {
      if (!list) continue;
      let written = 0;
      for (let at = 0; at < list.length; at += 2) {
        const slot = remap[list[at]!]!;
        if (slot < 0) continue;
        list[written++] = slot;
        list[written++] = list[at + 1]!;
      }
      list.length = written;
    }
    this.paths = paths;
    this.removed = 0;
  }

  /** Tells whether some document contains `term`. */
  hasTerm(term: string): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    for (let field = 0; field < this.fieldCount; field++) if ((this.postings[id * this.fieldCount + field]?.length ?? 0) > 0) return true;
    return false;
  }

  /** Returns the index terms that start with `prefix`, `prefix` itself included when present. */
  termsWithPrefix(prefix: string): string[] {
    return [...this.termIds.atPrefix(prefix).keys()];
  }

  /** Returns the index terms within `maxDistance` edits of `term` (Levenshtein), with their distance. */
  termsNear(term: string, maxDistance: number): Map<string, number> {
    const near = new Map<string, number>();
    for (const [candidate, [, distance]] of this.termIds.fuzzyGet(term, maxDistance)) near.set(candidate, distance);
    return near;
  }

  /**
   * Adds the BM25+ score of every document containing `term` to `matches`, as a match
   * of `queryTerm` weighted by `weight` (1 for an exact match, less for prefix and
   * fuzzy ones) and by each field's boost.
   */
  collect(matches: Map<number, DocumentMatch>, queryTerm: string, term: string, weight: number, fieldBoosts: readonly number[]): void {
    const id = this.termIds.get(term);
    const documents = this.slots.size;
    if (id === undefined || documents === 0) return;

    for (let field = 0; field < this.fieldCount; field++) {
      const list = this.postings[id * this.fieldCount + field];
      if (!list || list.length === 0) continue;
      const frequency = list.length / 2;
      const inverseFrequency = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
      const averageLength = this.totalFieldLengths[field]! / documents;
      const lengths = this.fieldLengths[field]!;
      const fieldWeight = weight * (fieldBoosts[field] ?? 1);

      for (let at = 0; at < list.length; at += 2) {
        const slot = list[at]!;
        if (this.paths[slot] === null) continue;
        const termFrequency = list[at + 1]!;
        const lengthFactor = 1 - BM25.b + (BM25.b * lengths[slot]!) / averageLength;
        const score = fieldWeight * inverseFrequency * (BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + BM25.k * lengthFactor));

        let match = matches.get(slot);
        if (!match) {
          match = { score: 0, queryTerms: [], terms: [] };
          matches.set(slot, match);
        }
        match.score += score;
        if (!match.queryTerms.includes(queryTerm)) match.queryTerms.push(queryTerm);
        if (!match.terms.includes(term)) match.terms.push(term);
      }
    }
  }

  serialize(): SerializedInvertedIndex {
    this.compact();
    // Every term gets all its fields' lists, empty ones included, so that load() knows where each starts.
    const postings = encodePostings(Array.from({ length: this.terms.length * this.fieldCount }, (_, at) => this.postings[at] ?? []));
    return { version: 2, fieldCount: this.fieldCount, paths: this.paths as string[], fieldLengths: this.fieldLengths, terms: this.terms, postings };
  }

  /** Rebuilds an index from serialize()'s output; throws when the data has another shape. */
  static load(serialized: SerializedInvertedIndex, analyzer: Analyzer): InvertedIndex {
    const { version, fieldCount, paths, fieldLengths, terms, postings } = serialized;
    if (version !== 2 || !Array.isArray(paths) || !Array.isArray(terms) || typeof postings !== 'string' || fieldLengths?.length !== fieldCount) {
      throw new Error('the saved knowledge base index has another format');
    }
    const index = new InvertedIndex(fieldCount, analyzer);
    index.paths = paths;
    paths.forEach((path, slot) => index.slots.set(path, slot));
    index.fieldLengths = fieldLengths;
    fieldLengths.forEach((lengths, field) => (index.totalFieldLengths[field] = lengths.reduce((sum, length) => sum + length, 0)));
    terms.forEach((term, id) => {
      index.terms.push(term);
      index.termIds.set(term, id);
    });
    for (const list of decodePostings(postings, terms.length * fieldCount)) index.postings.push(list);
    return index;
  }

  private wordNumber(word: string): number {
    const known = this.wordNumbers.get(word);
    if (known !== undefined) return known;
    const term = this.analyzer.term(word);
    const number = this.wordTerms.length;
    this.wordTerms.push(term === null ? -1 : this.termIdOf(term));
    this.wordNumbers.set(word, number);
    if (number >= this.wordStamps.length) this.wordStamps = grown(this.wordStamps);
    return number;
  }

  private termIdOf(term: string): number {
    const known = this.termIds.get(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.terms.push(term);
    this.termIds.set(term, id);
    if (id >= this.counts.length) this.counts = grown(this.counts);
    return id;
  }

  private postingsOf(id: number, field: number): number[] {
    const at = id * this.fieldCount + field;
    let list = this.postings[at];
    if (!list) {
      list = [];
      // Filling the gap keeps the array dense, which V8 stores and iterates faster than a sparse one.
      while (this.postings.length < at) this.postings.push([]);
      this.postings[at] = list;
    }
    return list;
  }
}

/** Returns a copy of `array` twice as long, the new half zeroed. */
function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(array.length * 2);
  copy.set(array);
  return copy;
}
