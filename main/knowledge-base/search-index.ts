/**
 * The search index, with MiniSearch kept behind this module so that the rest of the
 * knowledge base (and shared/) does not depend on the library. MiniSearch is
 * configured with the Spanish analysis of shared/knowledge-base: the same tokenizer,
 * normalization, stop words and stemmer for articles and queries, typo tolerance by
 * term length for words the index lacks, and prefix matching on the word being typed.
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

/** Returns the index options; every term added to the index is also recorded in `vocabulary`. */
function indexOptions(vocabulary: Set<string>): Options<IndexedDocument> {
  return {
    idField: 'path',
    fields: ['title', 'tags', 'text'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => {
      const analyzed = analyzeWord(term);
      if (analyzed !== null) vocabulary.add(analyzed);
      return analyzed;
    },
  };
}

const toDocument = (article: Article): IndexedDocument => ({ path: article.path, title: article.title, text: article.text, tags: article.tags.join(' ') });

export class SearchIndex {
  private readonly typedQuery: SearchOptions;
  private readonly messageQuery: SearchOptions;

  private constructor(
    private readonly miniSearch: MiniSearch<IndexedDocument>,
    /**
     * The index's terms, so that a query word found as it is costs no typo or prefix
     * expansion. Terms of removed articles stay, which only turns off typo tolerance
     * for a word that no article contains any more.
     */
    private readonly vocabulary: Set<string>,
  ) {
    // Typo tolerance only for words the index does not contain: a word spelled right
    // matches exactly, and looking up its neighbours would cost more than the search.
    const fuzzy = (term: string) => (vocabulary.has(term) ? false : typoToleranceFor(term) || false);
    const common: SearchOptions = { boost: FIELD_BOOST, combineWith: 'OR', fuzzy, processTerm: (term) => analyzeWord(term) };
    this.messageQuery = { ...common, prefix: false };
    // The last word typed may be unfinished, from four letters on: a shorter prefix matches thousands of terms.
    this.typedQuery = { ...common, prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 4 && !vocabulary.has(term) };
  }

  /**
   * Builds an index of `articles`, yielding to the event loop between chunks so that searches still run meanwhile.
   * NOTE: 10,000 articles of about 250 words take 6 to 8 s from the files on the shared 2-core test machine, over
   * the 5 s budget. MiniSearch's add() is most of it: its plain default configuration needs 4.5 to 5 s in memory.
   */
  static async build(articles: readonly Article[]): Promise<SearchIndex> {
    const vocabulary = new Set<string>();
    const miniSearch = new MiniSearch(indexOptions(vocabulary));
    await miniSearch.addAllAsync(articles.map(toDocument), { chunkSize: 250 });
    return new SearchIndex(miniSearch, vocabulary);
  }

  static load(serialized: SerializedIndex): SearchIndex {
    const vocabulary = new Set(serialized.index.map(([term]) => term));
    return new SearchIndex(MiniSearch.loadJS(serialized, indexOptions(vocabulary)), vocabulary);
  }

  /** Removes the articles at `removed` and adds `added` in place; a changed article is in both. */
  update(removed: readonly string[], added: readonly Article[]): void {
    for (const path of removed) if (this.miniSearch.has(path)) this.miniSearch.discard(path);
    for (const article of added) this.miniSearch.add(toDocument(article));
  }

  serialize(): SerializedIndex {
    return this.miniSearch.toJSON();
  }

  get size(): number {
    return this.miniSearch.documentCount;
  }

  /** Returns the best matches of a query, best first; `kind` "message" turns off prefix matching. */
  search(query: string, limit: number, kind: 'typed' | 'message' = 'typed'): SearchHit[] {
    const results = this.miniSearch.search(query, kind === 'typed' ? this.typedQuery : this.messageQuery);
    return results.slice(0, limit).map((result) => ({ path: String(result.id), score: result.score, terms: result.terms }));
  }
}
