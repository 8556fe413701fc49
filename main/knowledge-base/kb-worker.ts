/**
 * The knowledge base's worker thread: it restores the persisted index at once,
 * rescans the source folder in the background, runs searches, and persists the
 * index after every rebuild, so that none of this work runs on the main thread.
 *
 * Changes on disk are found two ways. fs.watch gives a rescan a moment after an
 * edit (debounced, because an editor's save is several events). A slow poll also
 * rescans, because fs.watch is silent on network shares (SMB, NFS), where entities
 * often keep their material. A rescan only reads files whose size or modification
 * time changed, so the poll costs one stat per file.
 */
import { watch, type FSWatcher } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { KnowledgeBaseEngine } from './engine';
import type { WorkerMessage, WorkerOptions, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('kb-worker must run in a worker thread');
const options = workerData as WorkerOptions;

const post = (message: WorkerMessage) => port.postMessage(message);
const log = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string) => post({ type: 'log', level, fields, message });

const engine = new KnowledgeBaseEngine({
  folder: options.folder,
  maxAgeDays: options.maxAgeDays,
  onProblem: (problem) => log('warn', { ...problem.params, path: problem.path, problem: problem.key }, 'knowledge base file skipped or indexed in part'),
});

let refreshing: Promise<void> | null = null;
let refreshAgain = false;

/** Rescans the folder; a rescan asked for while one runs is done once after it, not in parallel. */
function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const started = performance.now();
      let changed: boolean;
      try {
        changed = await engine.refresh();
      } catch (error) {
        // An unexpected failure (out of file handles, say) keeps the previous index; the next event or poll retries.
        log('error', { folder: options.folder, error: error instanceof Error ? error.message : String(error) }, 'knowledge base rescan failed');
        continue;
      }
      if (!changed) continue;

      const status = engine.status();
      if (status.state === 'failed') log('error', { folder: options.folder, reason: status.failure }, 'knowledge base folder unavailable');
      else log('info', { articles: status.articles, problems: status.problemCount, durationMs: Math.round(performance.now() - started) }, 'knowledge base indexed');
      post({ type: 'changed', status });
      await persist();
    } while (refreshAgain);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function persist(): Promise<void> {
  const snapshot = engine.snapshot();
  if (!snapshot) return;
  try {
    await writeFileAtomic(options.indexFile, JSON.stringify(snapshot));
  } catch (error) {
    log('error', { file: options.indexFile, code: (error as NodeJS.ErrnoException).code ?? String(error) }, 'knowledge base index not saved');
  }
}

async function restore(): Promise<void> {
  try {
    if (engine.restore(await readJsonFile(options.indexFile))) {
      log('info', { articles: engine.status().articles }, 'knowledge base index restored');
      post({ type: 'changed', status: engine.status() });
    }
  } catch (error) {
    log('warn', { file: options.indexFile, error: String(error) }, 'knowledge base index unreadable; rebuilding it');
  }
}

let watcher: FSWatcher | null = null;
let debounce: NodeJS.Timeout | undefined;

function startWatching(): void {
  const onEvent = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void refresh(), options.debounceMs);
  };
  try {
    watcher = watch(options.folder, { recursive: true, persistent: false }, onEvent);
  } catch {
    try {
      watcher = watch(options.folder, { persistent: false }, onEvent);
    } catch (error) {
      log('warn', { folder: options.folder, code: (error as NodeJS.ErrnoException).code }, 'knowledge base folder not watched; polling only');
    }
  }
  watcher?.on('error', (error) => {
    log('warn', { folder: options.folder, code: (error as NodeJS.ErrnoException).code }, 'knowledge base folder watch stopped; polling only');
    watcher?.close();
    watcher = null;
  });
  setInterval(() => void refresh(), options.pollIntervalMs).unref();
}

// Searches wait for the restored index or, without one, for the first build.
const firstIndex = restore().then(async () => {
  const initial = refresh();
  if (!engine.ready) await initial;
});
void firstIndex.then(() => {
  if (options.watch) startWatching();
});

async function answer(request: WorkerRequest): Promise<unknown> {
  switch (request.method) {
    case 'search':
      await firstIndex;
      return engine.search(request.params.query, request.params.limit);
    case 'suggest':
      await firstIndex;
      return engine.suggest(request.params.message, request.params.limit);
    case 'article':
      await firstIndex;
      return engine.getArticle(request.params.path);
    case 'status':
      return engine.status();
    case 'summary':
      await firstIndex;
      return engine.summary();
    case 'refresh':
      await firstIndex;
      await refresh();
      return engine.status();
  }
}

port.on('message', (request: WorkerRequest) => {
  answer(request).then(
    (result) => post({ type: 'response', id: request.id, ok: true, result }),
    (error: unknown) => {
      log('error', { method: request.method, error: error instanceof Error ? error.message : String(error) }, 'knowledge base request failed');
      post({ type: 'response', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    },
  );
});
