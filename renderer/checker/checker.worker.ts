/**
 * The reply checker's Web Worker: loads the word list once, then checks each
 * draft the composer sends, so the checking runs off the UI thread.
 */
import type { SpellingEngine } from '../../shared/checker/index';
import { runCheck, type LiveCheckOptions } from './run-check';
import { loadWordList } from './word-list';

export type CheckerWorkerRequest = { type: 'init'; wordListUrl: string } | { type: 'check'; id: number; text: string; options: LiveCheckOptions };

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckerWorkerRequest>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

let spelling: Promise<SpellingEngine | undefined> = Promise.resolve(undefined);

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    spelling = loadWordList(request.wordListUrl);
    return;
  }
  void spelling.then((engine) => scope.postMessage({ id: request.id, outcome: runCheck(request.text, request.options, engine) }));
};
