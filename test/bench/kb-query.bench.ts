/**
 * Knowledge base queries: a few hundred citizen-style queries (one to four words,
 * some with a typo, some cut short as while typing) against 10,000 generated
 * Spanish articles. Budget: p95 at most 10 ms for a search run by the worker
 * thread, as the panel requests it (the round trip between threads included).
 * References in the same run: the same queries on the index in memory, and on
 * MiniSearch's plain default configuration (no analysis, no typo tolerance, no prefix).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { openKnowledgeBase } from '../../main/knowledge-base/knowledge-base';
import { SearchIndex } from '../../main/knowledge-base/search-index';
import { silentLogger } from '../../shared/log/logger';
import { quantile, type Figure } from './figure';
import { generateArticles, generateQueries, writeCorpus } from './kb-corpus';

const ARTICLES = 10_000;
const QUERIES = 300;
const WARMUP_QUERIES = 30;
const P95_BUDGET_MS = 10;
const LIMIT = 8;

async function measure(queries: readonly string[], search: (query: string) => unknown): Promise<{ p50: number; p95: number }> {
  for (const query of queries.slice(0, WARMUP_QUERIES)) await search(query);
  const samples: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await search(query);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export default async function (): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'atiende-bench-kb-query-'));
  const folder = join(root, 'material');
  try {
    const { articles, vocabulary } = generateArticles(ARTICLES);
    const queries = generateQueries(vocabulary, QUERIES);
    await writeCorpus(folder, articles);

    const knowledgeBase = await openKnowledgeBase({ dataDir: join(root, 'data'), folder, logger: silentLogger, watch: false });
    let found = 0;
    const worker = await measure(queries, async (query) => {
      if ((await knowledgeBase.search(query, LIMIT)).length > 0) found++;
    });
    await knowledgeBase.close();
    if (found < QUERIES * 0.5) throw new Error(`only ${found} of ${QUERIES} queries found an article`);

    const documents = articles.map((article) => ({ ...article, format: 'markdown' as const, tags: [], owner: null, updatedAt: null }));
    const index = await SearchIndex.build(documents);
    const inMemory = await measure(queries, (query) => index.search(query, LIMIT));

    const plain = new MiniSearch({ idField: 'path', fields: ['title', 'text'] });
    plain.addAll(articles);
    const reference = await measure(queries, (query) => plain.search(query).slice(0, LIMIT));

    return [
      { name: 'kb: query p95 (worker)', value: worker.p95, unit: 'ms', budget: P95_BUDGET_MS, better: 'lower' },
      { name: 'kb: query p50 (worker)', value: worker.p50, unit: 'ms', budget: null, better: 'lower' },
      { name: 'kb: query p95, in memory', value: inMemory.p95, unit: 'ms', budget: null, better: 'lower' },
      { name: 'kb: query p50, in memory', value: inMemory.p50, unit: 'ms', budget: null, better: 'lower' },
      { name: 'kb: query p95, MiniSearch defaults', value: reference.p95, unit: 'ms', budget: null, better: 'lower' },
      { name: 'kb: query p50, MiniSearch defaults', value: reference.p50, unit: 'ms', budget: null, better: 'lower' },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
