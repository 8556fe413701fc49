/**
 * The knowledge base service of the workstation and the command line: it reads the
 * settings, starts the worker thread that owns the index, and offers search,
 * articles, suggestions for a citizen's message, the status and the self-test's
 * summary. The index lives in <data>/knowledge-base/, one file per source folder.
 *
 * Settings come from <data>/knowledge-base/settings.json when it exists:
 * { "folder": "/ruta/al/material", "maxAgeDays": 365 }. Without a folder, the
 * sample material shipped with the application (kb-sample/) is used.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ApiError } from '../../shared/api/result';
import type { KbArticle, KbSearchResult, KbStatus } from '../../shared/knowledge-base/model';
import type { Logger } from '../../shared/log/logger';
import { findPackageRoot } from '../host/package-root';
import type { KnowledgeBaseSummary } from './engine';
import { KnowledgeBaseUnavailableError, KnowledgeBaseWorker } from './worker-client';

export const DEFAULT_MAX_AGE_DAYS = 365;

export const knowledgeBaseSettingsSchema = z.object({
  folder: z.string().min(1).optional(),
  maxAgeDays: z.number().int().positive().max(36_500).default(DEFAULT_MAX_AGE_DAYS),
});
export type KnowledgeBaseSettings = z.infer<typeof knowledgeBaseSettingsSchema>;

export interface KnowledgeBaseOptions {
  dataDir: string;
  logger: Logger;
  /** Overrides the folder of the settings file. */
  folder?: string;
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
  return join(findPackageRoot(pathToFileURL(modulePath).href), 'kb-sample');
}

/** Reads <data>/knowledge-base/settings.json; a missing file gives the defaults, an invalid one is logged and ignored. */
export async function readKnowledgeBaseSettings(dataDir: string, logger: Logger): Promise<KnowledgeBaseSettings> {
  const path = join(dataDir, 'knowledge-base', 'settings.json');
  let stored: unknown = {};
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file: path, error: String(error) }, 'knowledge base settings unreadable; using the defaults');
  }
  const parsed = knowledgeBaseSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  logger.warn({ file: path, field: parsed.error.issues[0]?.path.join('.') }, 'knowledge base settings invalid; using the defaults');
  return knowledgeBaseSettingsSchema.parse({});
}

/** Returns the persisted index file of a source folder: one per folder, so that switching folders never mixes them. */
export function indexFileFor(dataDir: string, folder: string): string {
  const key = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  return join(dataDir, 'knowledge-base', `index-${key}.json`);
}

export async function openKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const logger = options.logger.child({ module: 'knowledge-base' });
  const settings = await readKnowledgeBaseSettings(options.dataDir, logger);
  const folder = resolve(options.folder ?? settings.folder ?? sampleFolder());
  const maxAgeDays = options.maxAgeDays ?? settings.maxAgeDays;

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
