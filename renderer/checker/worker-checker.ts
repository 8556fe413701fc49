/** The workbench's reply checker: a module worker that Vite bundles, with the word list served beside the renderer. */
import type { CheckOutcome, LiveCheckOptions, ReplyChecker } from './run-check';
import type { CheckerWorkerRequest } from './checker.worker';

/** Path of the word list under the renderer's origin; scripts/build.mjs copies it there. */
export const WORD_LIST_PATH = 'spelling/es-words.txt';

export function createWorkerChecker(baseUrl: string = document.baseURI): ReplyChecker {
  const worker = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, (outcome: CheckOutcome) => void>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<{ id: number; outcome: CheckOutcome }>) => {
    pending.get(event.data.id)?.(event.data.outcome);
    pending.delete(event.data.id);
  };
  const post = (request: CheckerWorkerRequest) => worker.postMessage(request);
  post({ type: 'init', wordListUrl: new URL(WORD_LIST_PATH, baseUrl).href });

  return {
    check(text: string, options: LiveCheckOptions) {
      const id = nextId++;
      return new Promise<CheckOutcome>((resolve) => {
        pending.set(id, resolve);
        post({ type: 'check', id, text, options });
      });
    },
  };
}
