/**
 * A weighted edit distance for Spanish spelling mistakes. Common mistakes cost
 * little, so the intended word ranks first, in this order: a missing or extra
 * accent, then b/v, c/s/z, a silent h, ll/y, g/j, and a doubled letter. Four
 * learners' patterns cost less than 1 too. They are a preterite ending of the wrong
 * conjugation ("comé" for "comí"), a stem-change diphthong in the wrong place
 * ("encuentramos" for "encontramos"), a liquid or nasal dropped from a consonant
 * cluster ("habo" for "hablo"), and an English cognate without its final vowel
 * ("present" for "presente"). Anything else costs about 1.
 */
import { foldAccents } from './key';

export const COST = {
  accent: 0.1,
  accentDirection: 0.02,
  diphthong: 0.6,
  stemChange: 0.6,
  preteriteEnding: 0.3,
  clusterConsonant: 0.6,
  cognateFinalVowel: 0.5,
  bv: 0.3,
  csz: 0.32,
  silentH: 0.34,
  lly: 0.36,
  gj: 0.38,
  soundAlike: 0.38,
  doubled: 0.4,
  transposition: 0.85,
  pluralE: 0.3,
  vowel: 0.8,
  adjacentKey: 0.85,
  other: 1,
} as const;

/** Letter pairs that sound alike anywhere, with their cost. */
const SOUND_ALIKE: Record<string, number> = { bv: COST.bv, sz: COST.csz, iy: COST.soundAlike, kq: COST.soundAlike, mn: COST.soundAlike, sx: COST.soundAlike };
/** Pairs that sound alike only before e or i: "ce"/"se", "ge"/"je". */
const SOUND_ALIKE_BEFORE_FRONT_VOWEL: Record<string, number> = { cs: COST.csz, cz: COST.csz, gj: COST.gj };
const VOWELS = 'aeiou';
/** Accents that Spanish does not use, with the acute accent meant ("ò" for "ó"). */
const ACUTE_OF: Record<string, string> = { à: 'á', è: 'é', ì: 'í', ò: 'ó', ù: 'ú', â: 'á', ê: 'é', î: 'í', ô: 'ó', û: 'ú' };

/**
 * Rows of the Latin American QWERTY keyboard: a letter typed for its neighbor is a
 * common slip when typing fast. The learner essays of the quality bench barely show
 * it, so its cost stays close to any other substitution.
 */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjklñ', 'zxcvbnm'];
const ADJACENT_KEYS = new Set<string>();
for (const row of KEYBOARD_ROWS) {
  for (let index = 1; index < row.length; index += 1) {
    ADJACENT_KEYS.add(row[index - 1]! + row[index]!);
    ADJACENT_KEYS.add(row[index]! + row[index - 1]!);
  }
}

function substitutionCost(from: string, to: string, next: string): number {
  if (from === to) return 0;
  const plainFrom = foldAccents(from);
  const plainTo = foldAccents(to);
  if (plainFrom === plainTo) return ACUTE_OF[from] === to ? COST.accentDirection : COST.accent;
  const accent = plainFrom === from && plainTo === to ? 0 : COST.accent;
  const pair = plainFrom < plainTo ? plainFrom + plainTo : plainTo + plainFrom;
  const alike = SOUND_ALIKE[pair];
  if (alike !== undefined) return alike + accent;
  const alikeBeforeFrontVowel = SOUND_ALIKE_BEFORE_FRONT_VOWEL[pair];
  if (alikeBeforeFrontVowel !== undefined) return (/[eiéí]/.test(next) ? alikeBeforeFrontVowel : COST.other) + accent;
  // "ca"/"ka", "co"/"ko": c before a, o, u sounds as k.
  if (pair === 'ck') return (/[eiéí]/.test(next) ? COST.other : COST.soundAlike) + accent;
  if (VOWELS.includes(plainFrom) && VOWELS.includes(plainTo)) return COST.vowel + accent;
  if (ADJACENT_KEYS.has(plainFrom + plainTo)) return COST.adjacentKey + accent;
  return COST.other;
}

const CONSONANTS = 'bcdfgjklmnñpqrstvwxyz';

/** Cost of leaving out the letter at index of the intended word. A letter written where it does not belong costs indelCost. */
function missingCost(word: string, index: number): number {
  const char = word[index]!;
  const previous = word[index - 1] ?? '';
  const next = word[index + 1] ?? '';
  // Learners simplify consonant clusters. They drop an l or r after a consonant ("habo"
  // for "hablo", "ofecer" for "ofrecer") and an r or nasal before one ("otogar",
  // "cantate"). An l before a consonant ("algo") is seldom dropped, so it keeps full price.
  // Speakers from the Colombian coasts, who aspirate an s before a consonant, drop it
  // in writing too ("ete" for "este").
  const afterConsonant = CONSONANTS.includes(previous);
  const beforeConsonant = next !== '' && CONSONANTS.includes(next);
  if (index > 0 && previous !== char && next !== char && ((char === 'l' && afterConsonant) || ('rnm'.includes(char) && (afterConsonant || beforeConsonant)) || (char === 's' && beforeConsonant))) {
    return COST.clusterConsonant;
  }
  // "recibó" for "recibió": the -ar ending written on an -er or -ir verb.
  if (char === 'i' && index === word.length - 2 && next === 'ó') return COST.preteriteEnding;
  // "present" for "presente", "product" for "producto": English cognates end in the consonant.
  if (index === word.length - 1 && 'aeo'.includes(char) && previous !== '' && CONSONANTS.includes(previous)) return COST.cognateFinalVowel;
  return indelCost(word, index);
}

/** Cost of writing the letter at index of word where it does not belong, or of leaving it out. */
function indelCost(word: string, index: number): number {
  const char = word[index]!;
  if (char === 'h') return COST.silentH;
  // "ll" is a letter of its own, so l is not treated as a doubled letter.
  if (char !== 'l' && (word[index - 1] === char || word[index + 1] === char)) return COST.doubled;
  // Plurals of words ending in a consonant take "es": "actors" → "actores".
  if (char === 'e' && index === word.length - 2 && word[index + 1] === 's' && !VOWELS.includes(foldAccents(word[index - 1] ?? 'a'))) return COST.pluralE;
  // The u of "gue", "gui", "que", "qui" is silent, and so easy to drop or add.
  if (char === 'u' && /[gq]/.test(word[index - 1] ?? '')) return COST.soundAlike;
  // The i and u of diphthongs are often missed in stem-changing verbs ("pienso", "cuento").
  if ((char === 'i' || char === 'u') && /[aeoáéó]/.test(word[index + 1] ?? '')) return COST.diphthong;
  return COST.other;
}

/**
 * True when the diphthong ending at index of one word stands for the vowel of the
 * other: "ie" for e or i, "ue" for o or u, as in the stem-changing verbs ("pienso",
 * "pensé", "sirvió"). Both words are without accents.
 */
function isStemChange(word: string, index: number, vowel: string): boolean {
  if (index < 1 || word[index] !== 'e') return false;
  const glide = word[index - 1];
  return (glide === 'i' && (vowel === 'e' || vowel === 'i')) || (glide === 'u' && (vowel === 'o' || vowel === 'u'));
}

/** Returns the weighted Damerau-Levenshtein distance between two lowercase words. */
export function spellingDistance(typed: string, candidate: string): number {
  const plainTyped = foldAccents(typed);
  const plainCandidate = foldAccents(candidate);
  const rows = typed.length + 1;
  const columns = candidate.length + 1;
  const table = new Float64Array(rows * columns);
  for (let i = 1; i < rows; i += 1) table[i * columns] = table[(i - 1) * columns]! + indelCost(typed, i - 1);
  for (let j = 1; j < columns; j += 1) table[j] = table[j - 1]! + missingCost(candidate, j - 1);

  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const a = typed[i - 1]!;
      const b = candidate[j - 1]!;
      let best = Math.min(
        table[(i - 1) * columns + j]! + indelCost(typed, i - 1),
        table[i * columns + j - 1]! + missingCost(candidate, j - 1),
        table[(i - 1) * columns + j - 1]! + substitutionCost(a, b, candidate[j] ?? ''),
      );
      if (i > 1 && j > 1 && a === candidate[j - 2] && typed[i - 2] === b) {
        best = Math.min(best, table[(i - 2) * columns + j - 2]! + COST.transposition);
      }
      // "comé" for "comí": the -ar preterite ending on an -er or -ir verb.
      if (i === rows - 1 && j === columns - 1 && a === 'é' && b === 'í') best = Math.min(best, table[(i - 1) * columns + j - 1]! + COST.preteriteEnding);
      if (isStemChange(plainTyped, i - 1, plainCandidate[j - 1]!)) best = Math.min(best, table[(i - 2) * columns + j - 1]! + COST.stemChange);
      if (isStemChange(plainCandidate, j - 1, plainTyped[i - 1]!)) best = Math.min(best, table[(i - 1) * columns + j - 2]! + COST.stemChange);
      // "ll" and "y" sound alike.
      if (i > 1 && a === 'l' && typed[i - 2] === 'l' && b === 'y') best = Math.min(best, table[(i - 2) * columns + j - 1]! + COST.lly);
      if (j > 1 && b === 'l' && candidate[j - 2] === 'l' && a === 'y') best = Math.min(best, table[(i - 1) * columns + j - 2]! + COST.lly);
      table[i * columns + j] = best;
    }
  }
  return table[rows * columns - 1]!;
}
