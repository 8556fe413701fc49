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
  /** Switches to another folder or maximum age, restarting the worker; the same settings change nothing. */
  reconfigure(settings: Pick<KnowledgeBaseOptions, 'folder' | 'maxAgeDays'>): Promise<void>;
  close(): Promise<void>;
}

/** Returns the folder of the sample material shipped with the application. */
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
  const listeners = new Set<(status: KbStatus) => void>();
  let folder = resolve(options.folder ?? sampleFolder());
  let maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;

  function startWorker(): KnowledgeBaseWorker {
    const indexFile = indexFileFor(options.dataDir, folder);
    const started = new KnowledgeBaseWorker(
      { folder, indexFile, maxAgeDays, watch: options.watch ?? true, debounceMs: options.debounceMs ?? 300, pollIntervalMs: options.pollIntervalMs ?? 30_000 },
      logger,
    );
    started.onChanged((status) => {
      for (const listener of listeners) listener(status);
    });
    logger.info({ folder, maxAgeDays, indexFolder: dirname(indexFile) }, 'knowledge base started');
    return started;
  }
  let worker = startWorker();

  // A worker that stopped or timed out is an expected failure, shown to the agent in Spanish.
  const call: KnowledgeBaseWorker['call'] = (method, params) =>
    worker.call(method, params).catch((error: unknown) => {
      if (error instanceof KnowledgeBaseUnavailableError) throw new ApiError('kb.error.unavailable');
      throw error;
    });

  return {
    get folder() {
      return folder;
    },
    get maxAgeDays() {
      return maxAgeDays;
    },
    search: (query, limit) => call('search', { query, limit }),
    suggest: (message, limit) => call('suggest', { message, limit }),
    article: (path) => call('article', { path }),
    status: () => call('status', {}),
    refresh: () => call('refresh', {}),
    // The sample material is flagged, so the self-test can tell the agent it is not the entity's own.
    summarize: async () => ({ ...(await call('summary', {})), sample: folder === resolve(sampleFolder()) }),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async reconfigure(settings) {
      const nextFolder = resolve(settings.folder ?? sampleFolder());
      const nextMaxAgeDays = settings.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
      if (nextFolder === folder && nextMaxAgeDays === maxAgeDays) return;

      const previous = worker;
      folder = nextFolder;
      maxAgeDays = nextMaxAgeDays;
      worker = startWorker();
      await previous.close();
      logger.info({ folder, maxAgeDays }, 'knowledge base settings changed');
      // The new worker restores or builds its index, then reports it through onChanged.
    },
    async close() {
      listeners.clear();
      await worker.close();
      logger.info({}, 'knowledge base stopped');
    },
  };
}
