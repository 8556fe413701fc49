/**
 * Spanish syllables by the spelling rules: each syllable has one vowel nucleus.
 * Two strong vowels (a, e, o) or an accented weak one (í, ú) next to another vowel
 * are in hiatus and belong to two syllables; a weak vowel (i, u, ü) next to any
 * other vowel forms a diphthong or triphthong with it. A silent h between vowels
 * does not break a diphthong ("ahu-mar"). Final "y" after a vowel ("hoy", "muy")
 * is part of the nucleus.
 */

const STRONG = 'aeoáéóíú';
const WEAK = 'iuü';
const ACCENTED = 'áéíóú';
const ACCENT_OF: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
const PLAIN_OF: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };

function isVowel(word: string, index: number): boolean {
  const char = word[index]!;
  if (STRONG.includes(char) || WEAK.includes(char)) return true;
  // "y" is a vowel at the end of a word or between consonants, never before a vowel.
  if (char === 'y') {
    const next = word[index + 1];
    return index > 0 && (next === undefined || !isVowelChar(next));
  }
  return false;
}

function isVowelChar(char: string): boolean {
  return STRONG.includes(char) || WEAK.includes(char);
}

function isStrong(char: string): boolean {
  return STRONG.includes(char);
}

/** A syllable nucleus: the UTF-16 range [start, end) of its vowels in the lowercased word. */
export interface Nucleus {
  start: number;
  end: number;
}

/** Returns the vowel nuclei of one word, one per syllable, left to right. */
export function syllableNuclei(word: string): Nucleus[] {
  const lower = word.toLowerCase();
  const nuclei: Nucleus[] = [];
  let index = 0;

  while (index < lower.length) {
    if (!isVowel(lower, index)) {
      index += 1;
      continue;
    }
    const start = index;
    let end = index + 1;
    let previous = lower[index]!;

    for (;;) {
      // A silent h between two vowels keeps them in one nucleus ("prohi-bir" counts "ohi" as one).
      const skipsH = lower[end] === 'h' && end + 1 < lower.length && isVowel(lower, end + 1);
      const nextIndex = skipsH ? end + 1 : end;
      if (nextIndex >= lower.length || !isVowel(lower, nextIndex)) break;

      const next = lower[nextIndex]!;
      const hiatus = (isStrong(previous) && isStrong(next)) || previous === 'í' || previous === 'ú' || next === 'í' || next === 'ú';
      if (hiatus) break;
      previous = next;
      end = nextIndex + 1;
    }

    nuclei.push({ start, end });
    index = end;
  }
  return nuclei;
}

/** Returns how many syllables a word has; a word without vowels ("y" alone counts) has at least one. */
export function countSyllables(word: string): number {
  return Math.max(1, syllableNuclei(word).length);
}

/**
 * Returns the index of the nucleus that carries the stress: the one with a written
 * accent, else the second to last when the word ends in a vowel, n or s, else the last.
 */
export function stressedNucleus(word: string, nuclei: Nucleus[] = syllableNuclei(word)): number {
  const lower = word.toLowerCase();
  for (let position = 0; position < nuclei.length; position += 1) {
    const { start, end } = nuclei[position]!;
    for (let index = start; index < end; index += 1) if (ACCENTED.includes(lower[index]!)) return position;
  }
  if (nuclei.length < 2) return 0;
  const last = lower[lower.length - 1]!;
  return isVowelChar(last) || last === 'n' || last === 's' ? nuclei.length - 2 : nuclei.length - 1;
}

/** Returns the index of the vowel that takes the written accent in a nucleus: the strong one, else the last. */
export function accentSlot(word: string, nucleus: Nucleus): number {
  const lower = word.toLowerCase();
  for (let index = nucleus.start; index < nucleus.end; index += 1) if (isStrong(lower[index]!)) return index;
  let slot = nucleus.end - 1;
  while (slot > nucleus.start && !isVowelChar(lower[slot]!)) slot -= 1;
  return slot;
}

/** Returns the word with an accent on the vowel at index. */
export function withAccentAt(word: string, index: number): string {
  const accented = ACCENT_OF[word[index]!];
  return accented === undefined ? word : word.slice(0, index) + accented + word.slice(index + 1);
}

/** Returns the word without written accents on a, e, i, o, u (ü and ñ stay). */
export function withoutAccents(word: string): string {
  let plain = '';
  for (const char of word) plain += PLAIN_OF[char] ?? char;
  return plain;
}
