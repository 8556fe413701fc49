/** The workbench's reply checker: a module worker that Vite bundles, with the word list served beside the renderer. */
import type { CheckOutcome, LiveCheckOptions, ReplyChecker } from './run-check';
import type { CheckerWorkerRequest } from './checker.worker';
import { loadWordList } from './word-list';

/** Path of the word list under the renderer's origin; scripts/build.mjs copies it there. */
export const WORD_LIST_PATH = 'spelling/es-words.txt';
/** How long a check may take, the word list's first load included, before it fails. */
export const CHECK_TIMEOUT_MS = 10_000;

export function createWorkerChecker(baseUrl: string = document.baseURI): ReplyChecker {
  const worker = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (outcome: CheckOutcome) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<{ id: number; outcome: CheckOutcome }>) => {
    pending.get(event.data.id)?.resolve(event.data.outcome);
    pending.delete(event.data.id);
  };
  // A worker that failed to load or crashed fails every waiting check and every later one, so no send waits for it.
  let failure: Error | null = null;
  worker.onerror = (event) => {
    failure = new Error(`reply checker worker failed: ${event.message || 'the script did not load'}`);
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  const post = (request: CheckerWorkerRequest) => worker.postMessage(request);
  const wordListUrl = new URL(WORD_LIST_PATH, baseUrl).href;
  post({ type: 'init', wordListUrl });

  return {
    loadSpelling: () => loadWordList(wordListUrl),
    check(text: string, options: LiveCheckOptions) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<CheckOutcome>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`reply check timed out after ${CHECK_TIMEOUT_MS} ms`));
        }, CHECK_TIMEOUT_MS);
        pending.set(id, {
          resolve(outcome) {
            clearTimeout(timer);
            resolve(outcome);
          },
          reject(error) {
            clearTimeout(timer);
            reject(error);
          },
        });
        post({ type: 'check', id, text, options });
      });
    },
  };
}
