/**
 * A weighted edit distance for Spanish spelling mistakes. Mistakes that learners
 * and hurried writers make often cost little, so the intended word ranks first:
 * a missing or extra accent costs least, then letters that sound alike (b/v,
 * c/s/z, g/j, ll/y, i/y), a silent h, and a doubled letter. Anything else costs 1.
 */
import { foldAccents } from './key';

export const COST = {
  accent: 0.1,
  accentDirection: 0.02,
  diphthong: 0.6,
  soundAlike: 0.35,
  silentH: 0.35,
  doubled: 0.4,
  transposition: 0.85,
  pluralE: 0.3,
  vowel: 0.8,
  other: 1,
} as const;

const SOUND_ALIKE = ['bv', 'sz', 'iy', 'kq', 'mn', 'sx'];
/** Pairs that sound alike only before e or i: "ce"/"se", "ge"/"je". */
const SOUND_ALIKE_BEFORE_FRONT_VOWEL = ['cs', 'cz', 'gj'];
const VOWELS = 'aeiou';
/** Accents that Spanish does not use, with the acute accent meant ("ò" for "ó"). */
const ACUTE_OF: Record<string, string> = { à: 'á', è: 'é', ì: 'í', ò: 'ó', ù: 'ú', â: 'á', ê: 'é', î: 'í', ô: 'ó', û: 'ú' };

function substitutionCost(from: string, to: string, next: string): number {
  if (from === to) return 0;
  const plainFrom = foldAccents(from);
  const plainTo = foldAccents(to);
  if (plainFrom === plainTo) return ACUTE_OF[from] === to ? COST.accentDirection : COST.accent;
  const accent = plainFrom === from && plainTo === to ? 0 : COST.accent;
  const pair = plainFrom < plainTo ? plainFrom + plainTo : plainTo + plainFrom;
  if (SOUND_ALIKE.includes(pair)) return COST.soundAlike + accent;
  if (SOUND_ALIKE_BEFORE_FRONT_VOWEL.includes(pair)) return (/[eiéí]/.test(next) ? COST.soundAlike : COST.other) + accent;
  // "ca"/"ka", "co"/"ko": c before a, o, u sounds as k.
  if (pair === 'ck') return (/[eiéí]/.test(next) ? COST.other : COST.soundAlike) + accent;
  if (VOWELS.includes(plainFrom) && VOWELS.includes(plainTo)) return COST.vowel + accent;
  return COST.other;
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
  if ((char === 'i' || char === 'u') && /[aeo]/.test(word[index + 1] ?? '')) return COST.diphthong;
  return COST.other;
}

/** Returns the weighted Damerau-Levenshtein distance between two lowercase words. */
export function spellingDistance(typed: string, candidate: string): number {
  const rows = typed.length + 1;
  const columns = candidate.length + 1;
  const table = new Float64Array(rows * columns);
  for (let i = 1; i < rows; i += 1) table[i * columns] = table[(i - 1) * columns]! + indelCost(typed, i - 1);
  for (let j = 1; j < columns; j += 1) table[j] = table[j - 1]! + indelCost(candidate, j - 1);

  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const a = typed[i - 1]!;
      const b = candidate[j - 1]!;
      let best = Math.min(
        table[(i - 1) * columns + j]! + indelCost(typed, i - 1),
        table[i * columns + j - 1]! + indelCost(candidate, j - 1),
        table[(i - 1) * columns + j - 1]! + substitutionCost(a, b, candidate[j] ?? ''),
      );
      if (i > 1 && j > 1 && a === candidate[j - 2] && typed[i - 2] === b) {
        best = Math.min(best, table[(i - 2) * columns + j - 2]! + COST.transposition);
      }
      // "ll" and "y" sound alike.
      if (i > 1 && a === 'l' && typed[i - 2] === 'l' && b === 'y') best = Math.min(best, table[(i - 2) * columns + j - 1]! + COST.soundAlike);
      if (j > 1 && b === 'l' && candidate[j - 2] === 'l' && a === 'y') best = Math.min(best, table[(i - 1) * columns + j - 2]! + COST.soundAlike);
      table[i * columns + j] = best;
    }
  }
  return table[rows * columns - 1]!;
}
