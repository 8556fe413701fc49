/**
 * The knowledge base itself: the articles of one source folder, the problems of the
 * files it skipped, and the search index over them. It runs inside the worker
 * thread (kb-worker.ts) and has no thread code of its own, so tests and the
 * command line can drive it directly.
 */
import { ANALYSIS_VERSION } from '../../shared/knowledge-base/analysis';
import { isStale, MAX_LISTED_PROBLEMS, type KbArticle, type KbProblem, type KbSearchResult, type KbState, type KbStatus } from '../../shared/knowledge-base/model';
import { buildSnippet } from '../../shared/knowledge-base/snippet';
import { extractArticle, type Article, type Extraction, type SourceFile } from './extract';
import { SearchIndex, type SerializedIndex } from './search-index';
import { scanSourceFolder, SourceFolderError } from './sources';

/** Version of the persisted snapshot's layout; a snapshot of another version is rebuilt. */
export const SNAPSHOT_FORMAT = 2;

/** Files read at once: reading is mostly waiting on the disk, so overlapping reads shortens a rebuild. */
const READ_CONCURRENCY = 16;

/**
 * Changed articles up to which a rescan updates the index in place instead of
 * rebuilding it, or a tenth of the index when that is more. Adding one article in
 * place takes about a millisecond, while rebuilding 10,000 takes seconds.
 */
const INCREMENTAL_LIMIT = 200;

/** Maximum length of a citizen's message used to suggest articles, in words: the first sentences carry the request. */
const SUGGESTION_QUERY_WORDS = 60;

export interface KnowledgeBaseEngineOptions {
  folder: string;
  maxAgeDays: number;
  now?: () => number;
  /** Called once for each new problem (a file skipped or indexed in part), not again while the file is unchanged. */
  onProblem?: (problem: KbProblem) => void;
  /** Runs before each file is read; tests use it to change the folder in the middle of indexing. */
  beforeExtract?: (file: SourceFile) => Promise<void>;
}

interface Entry {
  size: number;
  mtimeMs: number;
  extraction: Extraction;
}

export interface Snapshot {
  format: number;
  analysisVersion: number;
  folder: string;
  indexedAt: number;
  entries: ({ path: string } & Entry)[];
  index: SerializedIndex;
}

export interface KnowledgeBaseSummary {
  articles: number;
  oldestUpdatedAt: number | null;
}

export class KnowledgeBaseEngine {
  private entries = new Map<string, Entry>();
  private index: SearchIndex | null = null;
  private indexedAt: number | null = null;
  private state: KbState = 'loading';
  private failure: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: KnowledgeBaseEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  get ready(): boolean {
    return this.index !== null;
  }

  /** Restores a persisted snapshot of the same folder and analysis; returns false (and changes nothing) otherwise. */
  restore(snapshot: unknown): boolean {
    const candidate = snapshot as Partial<Snapshot> | undefined;
    if (
      candidate?.format !== SNAPSHOT_FORMAT ||
      candidate.analysisVersion !== ANALYSIS_VERSION ||
      candidate.folder !== this.options.folder ||
      !Array.isArray(candidate.entries) ||
      typeof candidate.index !== 'object' ||
      candidate.index === null
    ) {
      return false;
    }
    try {
      this.index = SearchIndex.load(candidate.index);
    } catch {
      return false;
    }
    this.entries = new Map(candidate.entries.map(({ path, ...entry }) => [path, entry]));
    this.indexedAt = candidate.indexedAt ?? null;
    this.state = 'ready';
    return true;
  }

  snapshot(): Snapshot | null {
    if (!this.index || this.indexedAt === null) return null;
    return {
      format: SNAPSHOT_FORMAT,
      analysisVersion: ANALYSIS_VERSION,
      folder: this.options.folder,
      indexedAt: this.indexedAt,
      entries: [...this.entries].map(([path, entry]) => ({ path, ...entry })),
      index: this.index.serialize(),
    };
  }

  /**
   * Rescans the folder, reads new and changed files, drops removed ones and
   * updates or rebuilds the index when anything changed. Returns true when the
   * articles or the problems changed. While it runs, searches use the previous index.
   */
  async refresh(): Promise<boolean> {
    let files: SourceFile[];
    try {
      files = await scanSourceFolder(this.options.folder);
    } catch (error) {
      if (!(error instanceof SourceFolderError)) throw error;
      const changed = this.state !== 'failed' || this.failure !== error.key;
      this.state = 'failed';
      this.failure = error.key;
      return changed;
    }

    const wasFailed = this.state === 'failed';
    if (this.state !== 'loading') this.state = 'indexing';
    const next = new Map<string, Entry>();
    let changed = this.index === null || wasFailed || files.length !== this.entries.size;

    const unchanged = (file: SourceFile) => {
      const known = this.entries.get(file.path);
      return known && known.size === file.size && known.mtimeMs === file.mtimeMs ? known : null;
    };
    const toRead = files.filter((file) => unchanged(file) === null);
    const read = await mapConcurrently(toRead, READ_CONCURRENCY, async (file) => {
      await this.options.beforeExtract?.(file);
      return { size: file.size, mtimeMs: file.mtimeMs, extraction: await extractArticle(file) };
    });

    // Entries keep the folder's sorted order, so that problems are listed alike on every run.
    const readByPath = new Map(toRead.map((file, index) => [file.path, read[index]!]));
    for (const file of files) {
      const entry = unchanged(file) ?? readByPath.get(file.path)!;
      next.set(file.path, entry);
    }
    for (const entry of read) for (const problem of problemsOf(entry.extraction)) this.options.onProblem?.(problem);
    if (toRead.length > 0) changed = true;
    if (!changed) changed = [...this.entries.keys()].some((path) => !next.has(path));

    if (changed) {
      const removed = [...this.entries.keys()].filter((path) => !next.has(path) || readByPath.has(path));
      const added = read.flatMap(({ extraction }) => ('article' in extraction ? [extraction.article] : []));
      if (this.index && !wasFailed && removed.length + added.length <= Math.max(INCREMENTAL_LIMIT, this.index.size / 10)) {
        this.index.update(removed, added);
      } else {
        this.index = await SearchIndex.build([...next.values()].flatMap(({ extraction }) => ('article' in extraction ? [extraction.article] : [])));
      }
      this.entries = next;
      this.indexedAt = this.now();
    }
    this.state = 'ready';
    this.failure = null;
    return changed;
  }

  private article(path: string): Article | null {
    const extraction = this.entries.get(path)?.extraction;
    return extraction && 'article' in extraction ? extraction.article : null;
  }

  private stale(article: Article): boolean {
    return isStale(article.updatedAt, this.options.maxAgeDays, this.now());
  }

  /** Returns the best articles for a query typed by the agent, best first. */
  search(query: string, limit: number): KbSearchResult[] {
    return this.toResults(this.index?.search(query, limit, 'typed') ?? []);
  }

  /** Returns the articles that best match a citizen's message. */
  suggest(message: string, limit: number): KbSearchResult[] {
    const words = message.split(/\s+/).slice(0, SUGGESTION_QUERY_WORDS).join(' ');
    return this.toResults(this.index?.search(words, limit, 'message') ?? []);
  }

  private toResults(hits: ReturnType<SearchIndex['search']>): KbSearchResult[] {
    return hits.flatMap((hit) => {
      const article = this.article(hit.path);
      if (!article) return [];
      const { path, title, format, tags, updatedAt } = article;
      return [{ path, title, format, tags, updatedAt, stale: this.stale(article), snippet: buildSnippet(article.text, hit.terms), score: hit.score }];
    });
  }

  /** Returns a whole article, or null when the path is not an indexed article. */
  getArticle(path: string): KbArticle | null {
    const article = this.article(path);
    if (!article) return null;
    const { title, format, tags, updatedAt, owner, text } = article;
    return { path, title, format, tags, updatedAt, owner, text, stale: this.stale(article) };
  }

  status(): KbStatus {
    const problems = [...this.entries.values()].flatMap(({ extraction }) => problemsOf(extraction));
    const articles = [...this.entries.keys()].map((path) => this.article(path)).filter((article): article is Article => article !== null);
    return {
      state: this.state,
      folder: this.options.folder,
      articles: articles.length,
      staleArticles: articles.filter((article) => this.stale(article)).length,
      maxAgeDays: this.options.maxAgeDays,
      indexedAt: this.indexedAt,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: problems.length,
      failure: this.failure,
    };
  }

  /** Counts the articles and finds the oldest update time, for the self-test. */
  summary(): KnowledgeBaseSummary {
    let articles = 0;
    let oldestUpdatedAt: number | null = null;
    for (const path of this.entries.keys()) {
      const article = this.article(path);
      if (!article) continue;
      articles++;
      if (article.updatedAt !== null && (oldestUpdatedAt === null || article.updatedAt < oldestUpdatedAt)) oldestUpdatedAt = article.updatedAt;
    }
    return { articles, oldestUpdatedAt };
  }
}

/** Maps items with at most `limit` calls in flight, keeping the results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function problemsOf(extraction: Extraction): KbProblem[] {
  return 'problem' in extraction ? [extraction.problem] : extraction.warnings;
}
