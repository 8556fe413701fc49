/**
 * Readability of a reply, as guidance beside the findings (never a finding):
 * the Fernández-Huerta score read on the INFLESZ scale.
 *
 * Fernández-Huerta (1959) adapted Flesch's reading ease to Spanish:
 *   L = 206.84 − 0.60 · P − 1.02 · F
 * with P the syllables per 100 words. The published text calls F "sentences per
 * 100 words", but the coefficient only matches Flesch's with F as the mean words
 * per sentence, which is the corrected reading used here (G. Law, "Error in the
 * Fernandez Huerta Readability Formula", 2011).
 * INFLESZ bands (Barrio-Cantalejo et al., 2008): below 40 very difficult, 40–55
 * somewhat difficult, 55–65 normal, 65–80 quite easy, above 80 very easy.
 */
import type { MessageKey } from '../i18n/catalog';
import { countSyllables } from './syllables';
import { analyzeText } from './text';

export type ReadabilityBand = 'very-difficult' | 'somewhat-difficult' | 'normal' | 'quite-easy' | 'very-easy';

export interface Readability {
  /** Fernández-Huerta score; higher is easier. NaN for a text without words. */
  score: number;
  band: ReadabilityBand | undefined;
  /** Catalog key of the band's Spanish name. */
  bandKey: MessageKey | undefined;
  words: number;
  sentences: number;
  syllables: number;
}

const BAND_KEYS: Record<ReadabilityBand, MessageKey> = {
  'very-difficult': 'checker.readability.veryDifficult',
  'somewhat-difficult': 'checker.readability.somewhatDifficult',
  normal: 'checker.readability.normal',
  'quite-easy': 'checker.readability.quiteEasy',
  'very-easy': 'checker.readability.veryEasy',
};

/** Returns the INFLESZ band of a score. */
export function infleszBand(score: number): ReadabilityBand {
  if (score < 40) return 'very-difficult';
  if (score < 55) return 'somewhat-difficult';
  if (score < 65) return 'normal';
  if (score <= 80) return 'quite-easy';
  return 'very-easy';
}

/** Returns the Fernández-Huerta score and INFLESZ band of a text. */
export function readability(text: string): Readability {
  const analyzed = analyzeText(text);
  const words = analyzed.words.length;
  const sentences = analyzed.sentences.filter((sentence) => sentence.words.length > 0).length;
  const syllables = analyzed.words.reduce((total, word) => total + countSyllables(word.text), 0);
  if (words === 0) return { score: Number.NaN, band: undefined, bandKey: undefined, words, sentences, syllables };

  const syllablesPer100Words = (100 * syllables) / words;
  const wordsPerSentence = words / Math.max(1, sentences);
  const score = 206.84 - 0.6 * syllablesPer100Words - 1.02 * wordsPerSentence;
  const band = infleszBand(score);
  return { score, band, bandKey: BAND_KEYS[band], words, sentences, syllables };
}
