/** Loads the spelling engine for the checker's benches from the generated word list (generated when missing). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SpellingEngine } from '../../shared/checker/spelling/engine';
import { generateWordList } from '../../scripts/spelling/generate-word-list';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function loadBenchEngine(): { engine: SpellingEngine; wordListPath: string } {
  const { path } = generateWordList(ROOT);
  return { engine: SpellingEngine.fromText(readFileSync(path, 'utf8')), wordListPath: path };
}
