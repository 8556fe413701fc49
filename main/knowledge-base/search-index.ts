/**
 * The search index: the inverted index with the Spanish analysis of
 * shared/knowledge-base (tokenizer, normalization, stop words, stemmer), applied
 * alike to articles and queries. Queries get typo tolerance by term length for
 * words the index lacks, and prefix matching on the word being typed.
 */
import { analyzeWord, tokenize, typoToleranceFor } from '../../shared/knowledge-base/analysis';
import type { Article } from './extract';
import { InvertedIndex, type Analyzer, type DocumentMatch, type SerializedInvertedIndex } from './inverted-index';

export interface SearchHit {
  path: string;
  score: number;
  /** The index terms that matched, for marking the snippet. */
  terms: string[];
}

export type SerializedIndex = SerializedInvertedIndex;

/** Relative weight of a match in each field, in the order articleFields() gives them: title, tags, text. */
const FIELD_BOOSTS = [3, 2, 1];

/** Weights of prefix and fuzzy matches against an exact one (1), as in MiniSearch 7.2. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** Articles added between two yields to the event loop while building, so that searches still run meanwhile. */
const BUILD_CHUNK = 250;

const SPANISH: Analyzer = { tokenize, term: analyzeWord };

const articleFields = (article: Article): string[] => [article.title, article.tags.join(' '), article.text];

export class SearchIndex {
  private constructor(private readonly index: InvertedIndex) {}

  /** Builds an index of `articles`, yielding to the event loop between chunks. */
  static async build(articles: readonly Article[]): Promise<SearchIndex> {
    const index = new InvertedIndex(FIELD_BOOSTS.length, SPANISH);
    for (let start = 0; start < articles.length; start += BUILD_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const article of articles.slice(start, start + BUILD_CHUNK)) index.add(article.path, articleFields(article));
    }
    return new SearchIndex(index);
  }

  /** Restores serialize()'s output; throws when it has another format. */
  static load(serialized: SerializedIndex): SearchIndex {
    return new SearchIndex(InvertedIndex.load(serialized, SPANISH));
  }

  /** Removes the articles at `removed` and adds `added` in place; a changed article is in both. */
  update(removed: readonly string[], added: readonly Article[]): void {
    for (const path of removed) this.index.remove(path);
    for (const article of added) this.index.add(article.path, articleFields(article));
    this.index.compact();
  }

  serialize(): SerializedIndex {
    return this.index.serialize();
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * Returns the best matches of a query, best first; `kind` "message" turns off prefix
   * matching. Any query word may match (OR), and a document's score is multiplied by
   * how many query words it matched, which favors documents that match more of them.
   */
  search(query: string, limit: number, kind: 'typed' | 'message' = 'typed'): SearchHit[] {
    const terms = tokenize(query)
      .map((word) => analyzeWord(word))
      .filter((term): term is string => term !== null);
    const matches = new Map<number, DocumentMatch>();
    terms.forEach((term, position) => this.collectTerm(matches, term, kind === 'typed' && position === terms.length - 1));

    const hits: SearchHit[] = [];
    for (const [slot, match] of matches) {
      const path = this.index.path(slot);
      if (path !== null) hits.push({ path, score: match.score * match.queryTerms.length, terms: match.terms });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /**
   * Adds one query term's matches. A term the index contains matches only exactly:
   * it is spelled right, and looking up its neighbours would cost more than the
   * search. Otherwise it also matches within typoToleranceFor() edits, and, when it
   * is the word being typed, from four letters on, as a prefix (a shorter prefix matches thousands of terms).
   */
  private collectTerm(matches: Map<number, DocumentMatch>, term: string, typing: boolean): void {
    this.index.collect(matches, term, term, 1, FIELD_BOOSTS);
    if (this.index.hasTerm(term)) return;

    const maxDistance = typoToleranceFor(term);
    const near = maxDistance > 0 ? this.index.termsNear(term, maxDistance) : new Map<string, number>();
    if (typing && term.length >= 4) {
      for (const longer of this.index.termsWithPrefix(term)) {
        if (longer === term) continue;
        // A prefix match is scored as one even when it is also within the typo tolerance.
        near.delete(longer);
        const weight = (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * (longer.length - term.length));
        this.index.collect(matches, term, longer, weight, FIELD_BOOSTS);
      }
    }
    for (const [other, distance] of near) {
      if (distance === 0) continue;
      this.index.collect(matches, term, other, (FUZZY_WEIGHT * other.length) / (other.length + distance), FIELD_BOOSTS);
    }
  }
}
