/**
 * The sound key of a Spanish word: letters that learners confuse because they sound
 * alike collapse to one symbol, so "aver", "haber" and "abér" share the key "aber".
 * The word list is sorted by this key, which makes a lookup and the search for
 * suggestions the same binary search.
 */

const ACCENTLESS: Record<string, string> = {
  á: 'a', à: 'a', â: 'a', ä: 'a', é: 'e', è: 'e', ê: 'e', ë: 'e', í: 'i', ì: 'i', î: 'i', ï: 'i',
  ó: 'o', ò: 'o', ô: 'o', ö: 'o', ú: 'u', ù: 'u', û: 'u', ü: 'u', ñ: 'n', ń: 'n', ç: 's',
};

/** Lowercases a word and removes its accents and diaeresis; ñ becomes n. */
export function foldAccents(word: string): string {
  let folded = '';
  for (const char of word.toLowerCase()) folded += ACCENTLESS[char] ?? char;
  return folded;
}

/** True when the letter is e or i, which turn "c" into s and "g" into j. The end of the word (undefined) is neither. */
function isFrontVowel(letter: string | undefined): boolean {
  return letter === 'e' || letter === 'i';
}

/** Returns the sound key of a word, for example "hacer" → "aser", "llave" → "yabe". */
export function soundKey(word: string): string {
  const letters = foldAccents(word);
  let key = '';

  for (let index = 0; index < letters.length; index += 1) {
    const char = letters[index]!;
    const next = letters[index + 1] ?? '';
    let symbol: string;

    switch (char) {
      case 'h':
        // "ch" keeps a sound of its own; any other h is silent.
        symbol = '';
        if (letters[index - 1] === 'c' && key.endsWith('k')) key = `${key.slice(0, -1)}C`;
        break;
      case 'v':
      case 'w':
        symbol = 'b';
        break;
      case 'z':
      case 'x':
        symbol = 's';
        break;
      case 'c':
        symbol = isFrontVowel(next) ? 's' : 'k';
        break;
      case 'q':
        symbol = 'k';
        // "qu" before e or i is a plain k sound.
        if (next === 'u' && isFrontVowel(letters[index + 2])) index += 1;
        break;
      case 'g':
        symbol = isFrontVowel(next) ? 'j' : 'g';
        if (next === 'u' && isFrontVowel(letters[index + 2])) index += 1;
        break;
      case 'l':
        symbol = next === 'l' ? 'y' : 'l';
        if (next === 'l') index += 1;
        break;
      case 'y':
        symbol = 'aeiou'.includes(next) && next !== '' ? 'y' : 'i';
        break;
      case 'm':
        symbol = next === 'b' || next === 'p' ? 'n' : 'm';
        break;
      default:
        symbol = char;
    }

    // Doubled letters sound as one ("acción" keeps its two sounds as k + s).
    if (symbol !== '' && !key.endsWith(symbol)) key += symbol;
  }
  return key;
}
