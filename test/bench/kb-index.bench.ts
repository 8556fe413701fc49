/**
 * Knowledge base indexing: 10,000 generated Spanish articles (Markdown files with
 * front matter, about 250 words each) indexed by the worker thread, from the folder
 * scan to the index ready. Budget: 5 s, off the main thread; the longest stall of
 * the main thread's event loop meanwhile shows that it stayed free.
 *
 * References in the same run: the same articles indexed in memory, with the
 * Spanish analysis and with MiniSearch's plain default configuration. Also the
 * restart from the persisted index, the rescan after one edited file (saving the
 * index included), and the process's RSS growth (worker and index included).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { openKnowledgeBase } from '../../main/knowledge-base/knowledge-base';
import { SearchIndex } from '../../main/knowledge-base/search-index';
import { silentLogger, type Logger } from '../../shared/log/logger';
import type { Figure } from './figure';
import { generateArticles, writeCorpus } from './kb-corpus';

const ARTICLES = 10_000;
const INDEX_BUDGET_S = 5;

/** Returns a logger that records the worker's "indexed" duration, measured inside the worker. */
function durationLogger(durations: number[]): Logger {
  const logger: Logger = {
    ...silentLogger,
    info(fields, message) {
      if (message === 'knowledge base indexed' && typeof fields.durationMs === 'number') durations.push(fields.durationMs);
    },
    child: () => logger,
  };
  return logger;
}

export default async function (): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'atiende-bench-kb-'));
  const folder = join(root, 'material');
  const dataDir = join(root, 'data');
  try {
    const { articles } = generateArticles(ARTICLES);
    await writeCorpus(folder, articles);

    const durations: number[] = [];
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    const rssBefore = process.memoryUsage().rss;
    stalls.enable();
    const started = performance.now();
    const knowledgeBase = await openKnowledgeBase({ dataDir, folder, logger: durationLogger(durations), watch: false });
    const status = await knowledgeBase.refresh();
    const firstAnswerSeconds = (performance.now() - started) / 1000;
    stalls.disable();
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;

    // One article edited: the rescan reads that file and updates the index in place.
    await writeFile(join(folder, articles[0]!.path), '---\ntitle: Artículo editado\n---\n\nTexto nuevo del artículo editado.\n');
    const updateStarted = performance.now();
    await knowledgeBase.refresh();
    const updateSeconds = (performance.now() - updateStarted) / 1000;
    if ((await knowledgeBase.search('editado', 1))[0]?.path !== articles[0]!.path) throw new Error('the edited article was not reindexed');
    await knowledgeBase.close();
    if (status.articles !== ARTICLES || durations.length === 0) throw new Error(`indexed ${status.articles} of ${ARTICLES} articles`);

    const restarted = performance.now();
    const reopened = await openKnowledgeBase({ dataDir, folder, logger: silentLogger, watch: false });
    await reopened.search('certificado', 1);
    const restartSeconds = (performance.now() - restarted) / 1000;
    await reopened.close();

    const documents = articles.map((article) => ({ ...article, format: 'markdown' as const, tags: [], owner: null, updatedAt: null }));
    let inMemoryStarted = performance.now();
    await SearchIndex.build(documents);
    const spanishSeconds = (performance.now() - inMemoryStarted) / 1000;
    inMemoryStarted = performance.now();
    new MiniSearch({ idField: 'path', fields: ['title', 'text'] }).addAll(articles);
    const defaultSeconds = (performance.now() - inMemoryStarted) / 1000;

    return [
      { name: 'kb: index 10,000 articles (worker)', value: durations[0]! / 1000, unit: 's', budget: INDEX_BUDGET_S, better: 'lower' },
      { name: 'kb: open to first answer, no index', value: firstAnswerSeconds, unit: 's', budget: null, better: 'lower' },
      { name: 'kb: main-thread stall while indexing', value: stalls.max / 1e6, unit: 'ms', budget: null, better: 'lower' },
      { name: 'kb: open to first answer, saved index', value: restartSeconds, unit: 's', budget: null, better: 'lower' },
      { name: 'kb: rescan after one file edited', value: updateSeconds, unit: 's', budget: null, better: 'lower' },
      { name: 'kb: RSS growth, 10,000 articles', value: rssGrowthMb, unit: 'MB', budget: null, better: 'lower' },
      { name: 'kb: in memory, Spanish analysis', value: spanishSeconds, unit: 's', budget: null, better: 'lower' },
      { name: 'kb: in memory, MiniSearch defaults', value: defaultSeconds, unit: 's', budget: null, better: 'lower' },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
