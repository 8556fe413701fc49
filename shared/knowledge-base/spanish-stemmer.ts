/**
 * The Snowball Spanish stemmer (snowballstem.org/algorithms/spanish/stemmer.html),
 * applied to words that are already lower case and without accents; "ñ" is kept and
 * counts as a consonant. Because the input has no accents, the algorithm's accented
 * suffixes ("ación", "ía", "ó") are written here without them, so "tramite" and
 * "trámite" reach the same stem.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

const isVowel = (word: string, index: number) => VOWELS.has(word[index] ?? '');

/** Returns the start of the region after the first non-vowel that follows a vowel, searching from `from`. */
function regionAfterVowelConsonant(word: string, from: number): number {
  for (let index = from + 1; index < word.length; index++) {
    if (!isVowel(word, index) && isVowel(word, index - 1)) return index + 1;
  }
  return word.length;
}

/** Returns the start of RV, the region the verb and residual steps work in. */
function regionRv(word: string): number {
  if (word.length < 2) return word.length;
  if (!isVowel(word, 1)) {
    for (let index = 2; index < word.length; index++) if (isVowel(word, index)) return index + 1;
    return word.length;
  }
  if (isVowel(word, 0)) {
    for (let index = 2; index < word.length; index++) if (!isVowel(word, index)) return index + 1;
    return word.length;
  }
  return Math.min(3, word.length);
}

/** Sorts suffixes longest first, so that the first match is the longest one the algorithm asks for. */
const longestFirst = (suffixes: string[]) => [...suffixes].sort((a, b) => b.length - a.length);

const PRONOUNS = longestFirst(['me', 'se', 'sela', 'selo', 'selas', 'selos', 'la', 'le', 'lo', 'las', 'les', 'los', 'nos']);
const PRONOUN_HOSTS = longestFirst(['iendo', 'ando', 'ar', 'er', 'ir']);

const STEP1_DELETE = longestFirst([
  'anza', 'anzas', 'ico', 'ica', 'icos', 'icas', 'ismo', 'ismos', 'able', 'ables', 'ible', 'ibles', 'ista', 'istas',
  'oso', 'osa', 'osos', 'osas', 'amiento', 'amientos', 'imiento', 'imientos',
]);
const STEP1_IC = longestFirst(['adora', 'ador', 'acion', 'adoras', 'adores', 'aciones', 'ante', 'antes', 'ancia', 'ancias']);

const STEP2A = longestFirst(['ya', 'ye', 'yan', 'yen', 'yeron', 'yendo', 'yo', 'yas', 'yes', 'yais', 'yamos']);
const STEP2B_GU = longestFirst(['en', 'es', 'eis', 'emos']);
const STEP2B = longestFirst([
  'arian', 'arias', 'aran', 'aras', 'ariais', 'aria', 'areis', 'ariamos', 'aremos', 'ara', 'are',
  'erian', 'erias', 'eran', 'eras', 'eriais', 'eria', 'ereis', 'eriamos', 'eremos', 'era', 'ere',
  'irian', 'irias', 'iran', 'iras', 'iriais', 'iria', 'ireis', 'iriamos', 'iremos', 'ira', 'ire',
  'aba', 'ada', 'ida', 'ia', 'iera', 'ad', 'ed', 'id', 'ase', 'iese', 'aste', 'iste', 'an', 'aban', 'ian', 'aran', 'ieran',
  'asen', 'iesen', 'aron', 'ieron', 'ado', 'ido', 'ando', 'iendo', 'io', 'ar', 'er', 'ir', 'as', 'abas', 'adas', 'idas',
  'ias', 'aras', 'ieras', 'ases', 'ieses', 'is', 'ais', 'abais', 'iais', 'arais', 'ierais', 'aseis', 'ieseis', 'asteis',
  'isteis', 'ados', 'idos', 'amos', 'abamos', 'iamos', 'imos', 'aramos', 'ieramos', 'iesemos', 'asemos',
]);
const STEP2B_ALL = longestFirst([...STEP2B, ...STEP2B_GU]);
const STEP3 = longestFirst(['os', 'a', 'o', 'i']);

const findSuffix = (word: string, suffixes: readonly string[]) => suffixes.find((suffix) => word.endsWith(suffix));

/** Removes `suffix` when it starts at or after `region`; returns null when it does not. */
function removeIn(word: string, suffix: string, region: number): string | null {
  return word.length - suffix.length >= region ? word.slice(0, word.length - suffix.length) : null;
}

/** Removes one of the optional preceding suffixes in R2, for the step-1 rules that allow it. */
function removePreceding(stem: string, options: readonly string[], r2: number): string {
  const preceding = findSuffix(stem, options);
  return preceding ? (removeIn(stem, preceding, r2) ?? stem) : stem;
}

/** A step-1 rule: the stem left after removing a suffix is rewritten, or null when the suffix is outside its region. */
interface StandardRule {
  suffixes: string[];
  apply: (stem: string, r1: number, r2: number) => string | null;
}

const STEP1_RULES: StandardRule[] = [
  { suffixes: STEP1_DELETE, apply: (stem, _r1, r2) => (stem.length >= r2 ? stem : null) },
  { suffixes: STEP1_IC, apply: (stem, _r1, r2) => (stem.length >= r2 ? removePreceding(stem, ['ic'], r2) : null) },
  { suffixes: ['logia', 'logias'], apply: (stem, _r1, r2) => (stem.length >= r2 ? `${stem}log` : null) },
  { suffixes: ['ucion', 'uciones'], apply: (stem, _r1, r2) => (stem.length >= r2 ? `${stem}u` : null) },
  { suffixes: ['encia', 'encias'], apply: (stem, _r1, r2) => (stem.length >= r2 ? `${stem}ente` : null) },
  {
    suffixes: ['amente'],
    apply: (stem, r1, r2) => {
      if (stem.length < r1) return null;
      if (stem.endsWith('iv') && stem.length - 2 >= r2) return removePreceding(stem.slice(0, -2), ['at'], r2);
      return removePreceding(stem, ['os', 'ic', 'ad'], r2);
    },
  },
  { suffixes: ['mente'], apply: (stem, _r1, r2) => (stem.length >= r2 ? removePreceding(stem, ['ante', 'able', 'ible'], r2) : null) },
  { suffixes: ['idad', 'idades'], apply: (stem, _r1, r2) => (stem.length >= r2 ? removePreceding(stem, ['abil', 'ic', 'iv'], r2) : null) },
  { suffixes: ['iva', 'ivo', 'ivas', 'ivos'], apply: (stem, _r1, r2) => (stem.length >= r2 ? removePreceding(stem, ['at'], r2) : null) },
];

/** Step 0: removes an attached pronoun ("entregarlo", "diciendoselo") after a gerund or infinitive in RV. */
function removePronoun(word: string, rv: number): string {
  const pronoun = findSuffix(word, PRONOUNS);
  if (!pronoun) return word;
  const before = word.slice(0, -pronoun.length);
  if (before.endsWith('yendo') && before.length - 5 >= rv && before.at(-6) === 'u') return removeIn(word, pronoun, rv) ?? word;
  const host = findSuffix(before, PRONOUN_HOSTS);
  if (!host || before.length - host.length < rv) return word;
  return removeIn(word, pronoun, rv) ?? word;
}

/** Step 1: the standard suffixes; returns null when none of them applied. */
function removeStandardSuffix(word: string, r1: number, r2: number): string | null {
  let best: { suffix: string; rule: StandardRule } | null = null;
  for (const rule of STEP1_RULES) {
    const suffix = findSuffix(word, rule.suffixes);
    if (suffix && (!best || suffix.length > best.suffix.length)) best = { suffix, rule };
  }
  if (!best) return null;
  return best.rule.apply(word.slice(0, -best.suffix.length), r1, r2);
}

/** Step 2: the verb suffixes, those starting with "y" after "u" first. */
function removeVerbSuffix(word: string, rv: number): string {
  const ySuffix = findSuffix(word, STEP2A);
  if (ySuffix && word.length - ySuffix.length >= rv && word.at(-ySuffix.length - 1) === 'u') return word.slice(0, -ySuffix.length);

  const suffix = findSuffix(word, STEP2B_ALL);
  if (!suffix || word.length - suffix.length < rv) return word;
  const stem = word.slice(0, -suffix.length);
  if (STEP2B_GU.includes(suffix) && stem.endsWith('gu')) return stem.slice(0, -1);
  return stem;
}

/** Step 3: the residual vowels. */
function removeResidualSuffix(word: string, rv: number): string {
  const suffix = findSuffix(word, STEP3);
  if (suffix) return removeIn(word, suffix, rv) ?? word;
  if (word.endsWith('e') && word.length - 1 >= rv) {
    const stem = word.slice(0, -1);
    return stem.endsWith('gu') && stem.length - 1 >= rv ? stem.slice(0, -1) : stem;
  }
  return word;
}

/** Returns the stem of a lower-case word without accents, for example "certificados" → "certific". */
export function stemSpanish(word: string): string {
  if (word.length < 3) return word;

  let stem = removePronoun(word, regionRv(word));
  const r1 = regionAfterVowelConsonant(stem, 0);
  const r2 = regionAfterVowelConsonant(stem, r1);

  const standard = removeStandardSuffix(stem, r1, r2);
  if (standard !== null) stem = standard;
  else stem = removeVerbSuffix(stem, regionRv(stem));

  return removeResidualSuffix(stem, regionRv(stem));
}
