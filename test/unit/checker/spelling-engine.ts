/**
 * Loads the spelling engine from the real generated word list for the checker's
 * tests. The list is generated on first use (about 3 s) and cached in dist/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SpellingEngine } from '../../../shared/checker/spelling/engine';
import { generateWordList } from '../../../scripts/spelling/generate-word-list';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const PROTOCOL_PATH = resolve(ROOT, '../shared/domain/protocolo-chat.es.txt');

let engine: SpellingEngine | undefined;

/** Returns the engine built from dist/spelling/es-words.txt, generating the list when it is missing or stale. */
export function loadTestEngine(): SpellingEngine {
  if (!engine) {
    const { path } = generateWordList(ROOT);
    engine = SpellingEngine.fromText(readFileSync(path, 'utf8'));
  }
  return engine;
}

/** Returns the sentences of the chat protocol, one per entry, as the protocol text splits them. */
export function protocolText(): string {
  return readFileSync(PROTOCOL_PATH, 'utf8');
}
