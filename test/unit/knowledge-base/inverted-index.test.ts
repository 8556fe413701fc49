import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../main/knowledge-base/extract';
import { SearchIndex } from '../../../main/knowledge-base/search-index';
import { analyzeWord, tokenize, typoToleranceFor } from '../../../shared/knowledge-base/analysis';
import { generateArticles, generateQueries } from '../../bench/kb-corpus';

const { articles: corpus, vocabulary } = generateArticles(600, 42);
const articles: Article[] = corpus.map((article, index) => ({
  ...article,
  format: 'markdown',
  tags: index % 3 === 0 ? [vocabulary[index]!, 'trámite'] : [],
  owner: null,
  updatedAt: null,
}));
const queries = generateQueries(vocabulary, 150, 3);

/** The configuration the knowledge base had on MiniSearch 7.2, which its own index must rank like. */
function miniSearchSearcher(documents: readonly Article[]): (query: string, kind: 'typed' | 'message') => { path: string; score: number }[] {
  const vocabularyTerms = new Set<string>();
  const miniSearch = new MiniSearch<{ path: string; title: string; tags: string; text: string }>({
    idField: 'path',
    fields: ['title', 'tags', 'text'],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => {
      const analyzed = analyzeWord(term);
      if (analyzed !== null) vocabularyTerms.add(analyzed);
      return analyzed;
    },
  });
  miniSearch.addAll(documents.map((article) => ({ path: article.path, title: article.title, tags: article.tags.join(' '), text: article.text })));
  return (query, kind) =>
    miniSearch
      .search(query, {
        boost: { title: 3, tags: 2, text: 1 },
        combineWith: 'OR',
        processTerm: (term) => analyzeWord(term),
        fuzzy: (term) => (vocabularyTerms.has(term) ? false : typoToleranceFor(term) || false),
        prefix: (term, index, terms) => kind === 'typed' && index === terms.length - 1 && term.length >= 4 && !vocabularyTerms.has(term),
      })
      .map((result) => ({ path: String(result.id), score: result.score }));
}

function expectSameRanking(actual: { path: string; score: number }[], expected: { path: string; score: number }[]) {
  expect(actual.map((hit) => hit.path)).toEqual(expected.map((hit) => hit.path));
  actual.forEach((hit, index) => expect(hit.score).toBeCloseTo(expected[index]!.score, 6));
}

describe('SearchIndex ranking', () => {
  it('ranks like MiniSearch with the same analysis', async () => {
    const index = await SearchIndex.build(articles);
    const reference = miniSearchSearcher(articles);
    let found = 0;
    for (const query of queries) {
      for (const kind of ['typed', 'message'] as const) {
        const expected = reference(query, kind).slice(0, 8);
        expectSameRanking(index.search(query, 8, kind), expected);
        if (expected.length > 0) found++;
      }
    }
    // The comparison means something only when most queries find articles.
    expect(found).toBeGreaterThan(queries.length);
  });

  it('ranks after updates like a fresh build', async () => {
    const index = await SearchIndex.build(articles);
    const edited = { ...articles[5]!, title: 'Artículo editado', text: 'Texto nuevo del artículo editado.' };
    const removed = articles.slice(10, 40).map((article) => article.path);
    index.update([...removed, edited.path], [edited]);

    const remaining = articles.filter((article) => !removed.includes(article.path)).map((article) => (article.path === edited.path ? edited : article));
    const fresh = await SearchIndex.build(remaining);
    expect(index.size).toBe(remaining.length);
    for (const query of [...queries.slice(0, 40), 'editado']) expectSameRanking(index.search(query, 8), fresh.search(query, 8));
    expect(index.search('editado', 1)[0]?.path).toBe(edited.path);
    for (const query of queries) expect(index.search(query, 50).map((hit) => hit.path)).not.toContain(removed[0]);
  });

  it('ranks alike after serialization', async () => {
    const index = await SearchIndex.build(articles);
    index.update([articles[0]!.path], []);
    const restored = SearchIndex.load(JSON.parse(JSON.stringify(index.serialize())));
    expect(restored.size).toBe(articles.length - 1);
    for (const query of queries.slice(0, 40)) expectSameRanking(restored.search(query, 8), index.search(query, 8));

    // The restored index takes new articles and finds them.
    restored.update([], [{ ...articles[0]!, path: 'nuevo.md', title: 'Horario extendido de diciembre' }]);
    expect(restored.search('horario extendido', 1)[0]?.path).toBe('nuevo.md');
  });

  it('rejects a saved index of another format', () => {
    expect(() => SearchIndex.load({ documentCount: 3, index: [] } as never)).toThrow('another format');
  });

  it('adds again an article removed earlier', async () => {
    const index = await SearchIndex.build(articles.slice(0, 3));
    index.update([articles[1]!.path], []);
    index.update([], [articles[1]!]);
    expect(index.size).toBe(3);
    const fresh = await SearchIndex.build(articles.slice(0, 3));
    expectSameRanking(index.search(articles[1]!.title, 3), fresh.search(articles[1]!.title, 3));
  });
});
