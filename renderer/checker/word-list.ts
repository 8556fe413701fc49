/** Loads the spelling engine from the word list the renderer serves, in the checker's worker or, as a fallback, on the main thread. */
import { SpellingEngine } from '../../shared/checker/index';

/** Returns the engine, or undefined when the list cannot be loaded: every other rule still runs, and the panel shows that spelling is not checked. */
export async function loadWordList(url: string): Promise<SpellingEngine | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return SpellingEngine.fromText(await response.text());
  } catch (error) {
    console.warn('reply checker: word list not loaded', error instanceof Error ? error.message : error);
    return undefined;
  }
}
