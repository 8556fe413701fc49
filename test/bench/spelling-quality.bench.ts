/**
 * Spelling quality bench on the COWS-L2H learner misspellings: pairs of a learner's
 * misspelling and its correction, derived by aligning the essays of the COWS-L2H
 * corpus of learner Spanish (UC Davis, Apache License 2.0) with their gold
 * corrections. The lists are read from the data folder beside the repository. For each list:
 * the share of errors flagged, and the share whose first suggestion is the
 * correction, counted once per pair, beside nspell with dictionary-es in the same
 * run. The engine's costs were tuned on the even rows of the misspellings list
 * (rows 2, 4, 6, … counted after the header); the odd rows are reported apart as
 * the held-out half. NOTE: one early look at the kinds of misses covered the whole
 * list, so the odd half is held out from the tuning runs but not entirely unseen. The accent-pairs list holds real words ("mi" for "mí"), which a
 * check of isolated words cannot flag; its figures are references.
 * Goals: 98 % flagged and 80 % first suggestion on the misspellings list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dictionary from 'dictionary-es';
import nspell from 'nspell';
import type { Figure } from './figure';
import { loadBenchEngine, ROOT } from './spelling-bench-engine';

const DATA = join(ROOT, '../shared/data');

interface Pair {
  error: string;
  correction: string;
  row: number;
}

interface Checker {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

function readPairs(file: string): Pair[] {
  return readFileSync(join(DATA, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line, index) => {
      const [error = '', correction = ''] = line.split('\t');
      return { error, correction, row: index + 1 };
    });
}

/**
 * Scores a checker on pairs. firstIgnoringCase also counts a first suggestion that
 * differs from the correction only in case ("Español" where the essay's correction
 * lowercased a capitalized "Espanol"), because only the sentence decides those.
 */
function score(checker: Checker, pairs: readonly Pair[]): { flagged: number; first: number; firstIgnoringCase: number } {
  let flagged = 0;
  let first = 0;
  let firstIgnoringCase = 0;
  for (const pair of pairs) {
    if (checker.correct(pair.error)) continue;
    flagged += 1;
    const suggestion = checker.suggest(pair.error)[0];
    if (suggestion === pair.correction) first += 1;
    if (suggestion?.toLowerCase() === pair.correction.toLowerCase()) firstIgnoringCase += 1;
  }
  const share = (count: number) => (100 * count) / pairs.length;
  return { flagged: share(flagged), first: share(first), firstIgnoringCase: share(firstIgnoringCase) };
}

export default async function (): Promise<Figure[]> {
  const { engine } = loadBenchEngine();
  const ours: Checker = { correct: (word) => engine.isCorrect(word), suggest: (word) => engine.suggest(word) };
  // dictionary-es types its files as Uint8Array; at run time they are Buffers, which nspell reads.
  const reference = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic) });
  const theirs: Checker = { correct: (word) => reference.correct(word), suggest: (word) => reference.suggest(word) };

  const misspellings = readPairs('cows-l2h-misspellings.tsv');
  const accentPairs = readPairs('cows-l2h-accent-pairs.tsv');
  const tuned = misspellings.filter((pair) => pair.row % 2 === 0);
  const heldOut = misspellings.filter((pair) => pair.row % 2 === 1);

  const all = score(ours, misspellings);
  const tunedHalf = score(ours, tuned);
  const heldOutHalf = score(ours, heldOut);
  const accents = score(ours, accentPairs);
  const nspellAll = score(theirs, misspellings);
  const nspellAccents = score(theirs, accentPairs);
  const n = misspellings.length;

  return [
    { name: `misspellings (${n}) flagged`, value: all.flagged, unit: '%', budget: 98, better: 'higher' },
    { name: `misspellings (${n}) first suggestion right`, value: all.first, unit: '%', budget: 80, better: 'higher' },
    { name: `  first right ignoring case`, value: all.firstIgnoringCase, unit: '%', budget: null, better: 'higher' },
    { name: `  tuned half (${tuned.length}) first right`, value: tunedHalf.first, unit: '%', budget: null, better: 'higher' },
    { name: `  held-out half (${heldOut.length}) first right`, value: heldOutHalf.first, unit: '%', budget: null, better: 'higher' },
    { name: `  held-out half (${heldOut.length}) flagged`, value: heldOutHalf.flagged, unit: '%', budget: null, better: 'higher' },
    { name: `nspell misspellings flagged`, value: nspellAll.flagged, unit: '%', budget: null, better: 'higher' },
    { name: `nspell misspellings first suggestion right`, value: nspellAll.first, unit: '%', budget: null, better: 'higher' },
    { name: `accent pairs (${accentPairs.length}) flagged`, value: accents.flagged, unit: '%', budget: null, better: 'higher' },
    { name: `accent pairs (${accentPairs.length}) first right`, value: accents.first, unit: '%', budget: null, better: 'higher' },
    { name: `nspell accent pairs flagged`, value: nspellAccents.flagged, unit: '%', budget: null, better: 'higher' },
    { name: `nspell accent pairs first right`, value: nspellAccents.first, unit: '%', budget: null, better: 'higher' },
  ];
}
