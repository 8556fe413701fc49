/**
 * Starts the knowledge base's worker thread and calls it. The worker is a bundle
 * of its own beside the running bundle: dist/node/kb-worker.js for the command line
 * (ESM) and dist/electron/kb-worker.cjs for Electron's main process (CommonJS).
 * From the TypeScript sources (tests, benchmarks) the worker runs through tsx's loader.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KbStatus } from '../../shared/knowledge-base/model';
import type { Logger } from '../../shared/log/logger';
import { unpackedPath } from './unpacked-path';
import type { WorkerMessage, WorkerMethod, WorkerMethods, WorkerOptions } from './worker-protocol';

/** Maximum wait for one reply of the worker. The first build of 10,000 articles took under 25 s on the loaded 2-core test machine. */
const CALL_TIMEOUT_MS = 60_000;
/** Unexpected exits after which the worker is no longer restarted. */
const MAX_RESTARTS = 3;

export class KnowledgeBaseUnavailableError extends Error {
  constructor(reason: string) {
    super(`knowledge base worker unavailable: ${reason}`);
  }
}

/**
 * Returns how to start the worker: its bundle beside this module, or, when this
 * module runs from the TypeScript sources, a small script that registers tsx's
 * loader in the worker and then imports kb-worker.ts. (Node 20 does not apply
 * `--import tsx` from a worker's execArgv to the worker's own entry file.)
 */
export function workerEntry(): { script: string; eval: boolean } {
  // The Electron main bundle is CommonJS, where import.meta is empty but __filename is set.
  const modulePath = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const folder = dirname(modulePath);
  if (modulePath.endsWith('.ts')) {
    // The ESM build of tsx's API, beside the CommonJS one that require.resolve finds.
    const tsx = createRequire(modulePath).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
    const entry = pathToFileURL(join(folder, 'kb-worker.ts')).href;
    return { script: `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
  }
  // NOTE: the packaged Electron app (worker in app.asar.unpacked) has not been run here, where no Electron binary can be downloaded.
  const file = unpackedPath(join(folder, modulePath.endsWith('.cjs') ? 'kb-worker.cjs' : 'kb-worker.js'));
  if (!existsSync(file)) throw new KnowledgeBaseUnavailableError(`${file} not found; run "npm run build"`);
  return { script: file, eval: false };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class KnowledgeBaseWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly changeListeners = new Set<(status: KbStatus) => void>();
  private nextId = 1;
  private restarts = 0;
  private closed = false;

  constructor(
    private readonly options: WorkerOptions,
    private readonly logger: Logger,
  ) {
    this.start();
  }

  private start(): void {
    const entry = workerEntry();
    const worker = new Worker(entry.script, { eval: entry.eval, workerData: this.options });
    this.worker = worker;
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.logger.error({ err: error }, 'knowledge base worker failed'));
    worker.on('exit', (code) => {
      this.worker = null;
      this.failPending(`exit code ${code}`);
      if (this.closed) return;
      if (this.restarts >= MAX_RESTARTS) {
        this.logger.error({ code, restarts: this.restarts }, 'knowledge base worker stopped; not restarting');
        return;
      }
      this.restarts++;
      this.logger.warn({ code, restarts: this.restarts }, 'knowledge base worker exited; restarting');
      this.start();
    });
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'log') {
      this.logger[message.level](message.fields, message.message);
      return;
    }
    if (message.type === 'changed') {
      for (const listener of this.changeListeners) listener(message.status);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
  }

  private failPending(reason: string): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new KnowledgeBaseUnavailableError(reason));
    }
    this.pending.clear();
  }

  call<M extends WorkerMethod>(method: M, params: WorkerMethods[M]['params']): Promise<WorkerMethods[M]['result']> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new KnowledgeBaseUnavailableError(this.closed ? 'closed' : 'stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new KnowledgeBaseUnavailableError(`${method} timed out after ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ id, method, params });
    });
  }

  /** Subscribes to the status sent after each rebuild; returns the function that unsubscribes. */
  onChanged(listener: (status: KbStatus) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changeListeners.clear();
    const worker = this.worker;
    this.worker = null;
    this.failPending('closed');
    await worker?.terminate();
  }
}
