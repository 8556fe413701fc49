/**
 * The knowledge base service of the workstation and the command line: it starts
 * the worker thread that owns the index, and offers search, articles, suggestions
 * for a citizen's message, the status and the self-test's summary. The index lives
 * in <data>/knowledge-base/, one file per source folder.
 *
 * The folder and the maximum age come from the caller: the workstation reads them
 * from the entity's settings (knowledgeBase.folder, knowledgeBase.maxAgeDays), the
 * command line from its arguments.
 */
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApiError } from '../../shared/api/result';
import type { KbArticle, KbSearchResult, KbStatus } from '../../shared/knowledge-base/model';
import type { Logger } from '../../shared/log/logger';
import { findPackageRoot } from '../host/package-root';
import type { KnowledgeBaseSummary } from './engine';
import { unpackedPath } from './unpacked-path';
import { KnowledgeBaseUnavailableError, KnowledgeBaseWorker } from './worker-client';

export const DEFAULT_MAX_AGE_DAYS = 365;

export interface KnowledgeBaseOptions {
  dataDir: string;
  logger: Logger;
  /** The source folder; without it, the sample material shipped with the application. */
  folder?: string;
  /** Articles older than this are marked stale; 365 without it. */
  maxAgeDays?: number;
  /** False for one-shot use such as the command line: no file watching or polling. */
  watch?: boolean;
  debounceMs?: number;
  pollIntervalMs?: number;
}

export interface KnowledgeBase {
  readonly folder: string;
  readonly maxAgeDays: number;
  search(query: string, limit: number): Promise<KbSearchResult[]>;
  suggest(message: string, limit: number): Promise<KbSearchResult[]>;
  article(path: string): Promise<KbArticle | null>;
  status(): Promise<KbStatus>;
  /** Rescans the folder now and returns the status after it. */
  refresh(): Promise<KbStatus>;
  summarize(): Promise<KnowledgeBaseSummary>;
  onChanged(listener: (status: KbStatus) => void): () => void;
  close(): Promise<void>;
}

/** Returns the sample material shipped with the application. */
export function sampleFolder(): string {
  // The Electron main bundle is CommonJS, where import.meta is empty but __filename is set.
  const modulePath = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return unpackedPath(join(findPackageRoot(pathToFileURL(modulePath).href), 'kb-sample'));
}

/** Returns the persisted index file of a source folder: one per folder, so that switching folders never mixes them. */
export function indexFileFor(dataDir: string, folder: string): string {
  const key = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  return join(dataDir, 'knowledge-base', `index-${key}.json`);
}

export async function openKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const logger = options.logger.child({ module: 'knowledge-base' });
  const folder = resolve(options.folder ?? sampleFolder());
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;

  const worker = new KnowledgeBaseWorker(
    {
      folder,
      indexFile: indexFileFor(options.dataDir, folder),
      maxAgeDays,
      watch: options.watch ?? true,
      debounceMs: options.debounceMs ?? 300,
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
    },
    logger,
  );
  logger.info({ folder, maxAgeDays, indexFolder: dirname(indexFileFor(options.dataDir, folder)) }, 'knowledge base started');

  // A worker that stopped or timed out is an expected failure, shown to the agent in Spanish.
  const call: KnowledgeBaseWorker['call'] = (method, params) =>
    worker.call(method, params).catch((error: unknown) => {
      if (error instanceof KnowledgeBaseUnavailableError) throw new ApiError('kb.error.unavailable');
      throw error;
    });

  return {
    folder,
    maxAgeDays,
    search: (query, limit) => call('search', { query, limit }),
    suggest: (message, limit) => call('suggest', { message, limit }),
    article: (path) => call('article', { path }),
    status: () => call('status', {}),
    refresh: () => call('refresh', {}),
    summarize: () => call('summary', {}),
    onChanged: (listener) => worker.onChanged(listener),
    async close() {
      await worker.close();
      logger.info({}, 'knowledge base stopped');
    },
  };
}
