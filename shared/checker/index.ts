/** The reply checker's public surface, for the command line and the composer's worker. */
export { checkReply, groupFindings, renderFinding } from './check';
export * from './options';
export { readability, type Readability, type ReadabilityBand } from './readability';
export { countSyllables } from './syllables';
export { SpellingEngine } from './spelling/engine';
