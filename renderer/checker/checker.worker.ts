/**
 * The reply checker's Web Worker: loads the word list once, then checks each
 * draft the composer sends, so the checking runs off the UI thread.
 */
import { SpellingEngine } from '../../shared/checker/index';
import { runCheck, type LiveCheckOptions } from './run-check';

export type CheckerWorkerRequest = { type: 'init'; wordListUrl: string } | { type: 'check'; id: number; text: string; options: LiveCheckOptions };

interface WorkerScope {
  onmessage: ((event: MessageEvent<CheckerWorkerRequest>) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

let spelling: Promise<SpellingEngine | undefined> = Promise.resolve(undefined);

async function loadWordList(url: string): Promise<SpellingEngine | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return SpellingEngine.fromText(await response.text());
  } catch (error) {
    // Without the list every other rule still runs; the panel shows that spelling is not checked.
    console.warn('reply checker: word list not loaded', error instanceof Error ? error.message : error);
    return undefined;
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    spelling = loadWordList(request.wordListUrl);
    return;
  }
  void spelling.then((engine) => scope.postMessage({ id: request.id, outcome: runCheck(request.text, request.options, engine) }));
};
