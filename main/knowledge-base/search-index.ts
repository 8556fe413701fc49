/**
 * The search index, with MiniSearch kept behind this module so that the rest of the
 * knowledge base (and shared/) does not depend on the library. MiniSearch is
 * configured with the Spanish analysis of shared/knowledge-base: the same tokenizer,
 * normalization, stop words and stemmer for articles and queries, typo tolerance by
 * term length, and prefix matching on the word being typed.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import { analyzeWord, tokenize, typoToleranceFor } from '../../shared/knowledge-base/analysis';
import type { Article } from './extract';

export interface SearchHit {
  path: string;
  score: number;
  /** The index terms that matched, for marking the snippet. */
  terms: string[];
}

export type SerializedIndex = AsPlainObject;

type IndexedDocument = Pick<Article, 'path' | 'title' | 'text'> & { tags: string };

/** Relative weight of a match in each field: a word of the title weighs more than one in the text. */
const FIELD_BOOST = { title: 3, tags: 2, text: 1 };

const OPTIONS: Options<IndexedDocument> = {
  idField: 'path',
  fields: ['title', 'tags', 'text'],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => analyzeWord(term) ?? null,
};

/** Search options for a query typed in the search field, whose last word may be unfinished. */
const TYPED_QUERY: SearchOptions = {
  boost: FIELD_BOOST,
  combineWith: 'OR',
  fuzzy: (term) => typoToleranceFor(term) || false,
  // From four letters: a shorter prefix matches thousands of terms and slows every keystroke.
  prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 4,
};

/** Search options for a whole message (the citizen's, for suggestions), whose words are all complete. */
const MESSAGE_QUERY: SearchOptions = { ...TYPED_QUERY, prefix: false };

const toDocument = (article: Article): IndexedDocument => ({ path: article.path, title: article.title, text: article.text, tags: article.tags.join(' ') });

export class SearchIndex {
  private constructor(private readonly miniSearch: MiniSearch<IndexedDocument>) {}

  static create(): SearchIndex {
    return new SearchIndex(new MiniSearch(OPTIONS));
  }

  /** Builds an index of `articles`, yielding to the event loop between chunks so that searches still run meanwhile. */
  static async build(articles: readonly Article[]): Promise<SearchIndex> {
    const miniSearch = new MiniSearch(OPTIONS);
    await miniSearch.addAllAsync(articles.map(toDocument), { chunkSize: 250 });
    return new SearchIndex(miniSearch);
  }

  static load(serialized: SerializedIndex): SearchIndex {
    return new SearchIndex(MiniSearch.loadJS(serialized, OPTIONS));
  }

  serialize(): SerializedIndex {
    return this.miniSearch.toJSON();
  }

  get size(): number {
    return this.miniSearch.documentCount;
  }

  /** Returns the best matches of a query, best first; `kind` "message" turns off prefix matching. */
  search(query: string, limit: number, kind: 'typed' | 'message' = 'typed'): SearchHit[] {
    const results = this.miniSearch.search(query, kind === 'typed' ? TYPED_QUERY : MESSAGE_QUERY);
    return results.slice(0, limit).map((result) => ({ path: String(result.id), score: result.score, terms: result.terms }));
  }
}
