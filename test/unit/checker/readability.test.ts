import { describe, expect, it } from 'vitest';
import { readability, infleszBand } from '../../../shared/checker/readability';
import { countSyllables, stressedNucleus } from '../../../shared/checker/syllables';

describe('syllables', () => {
  it.each([
    ['casa', 2],
    ['ciudadano', 4],
    ['ciudad', 2],
    ['información', 4],
    ['día', 2],
    ['país', 2],
    ['poeta', 3],
    ['teatro', 3],
    ['cuidado', 3],
    ['buey', 1],
    ['guion', 1],
    ['averigüéis', 4],
    ['muy', 1],
    ['hoy', 1],
    ['y', 1],
    // The h does not break the diphthong, which is why "prohíbe" needs its accent.
    ['prohibir', 2],
    ['leí', 2],
    ['Colombia', 3],
    ['electrónico', 5],
    ['aéreo', 4],
  ])('%s has %i', (word, count) => {
    expect(countSyllables(word)).toBe(count);
  });

  it('finds the stressed syllable', () => {
    expect(stressedNucleus('informe')).toBe(1);
    expect(stressedNucleus('informar')).toBe(2);
    expect(stressedNucleus('teléfono')).toBe(1);
    expect(stressedNucleus('canción')).toBe(1);
    expect(stressedNucleus('joven')).toBe(0);
  });
});

describe('readability', () => {
  it('scores short plain sentences as easy', () => {
    const result = readability('El trámite es gratis. Lo puede hacer hoy. Solo necesita su cédula.');
    expect(result.words).toBe(12);
    expect(result.sentences).toBe(3);
    expect(result.syllables).toBe(23);
    // 206.84 - 0.60 * (100 * 23 / 12) - 1.02 * (12 / 3)
    expect(result.score).toBeCloseTo(87.76, 2);
    expect(result.band).toBe('very-easy');
    expect(result.bandKey).toBe('checker.readability.veryEasy');
  });

  it('scores long technical sentences as difficult', () => {
    const result = readability(
      'La documentación correspondiente a la certificación administrativa deberá presentarse acompañada de la identificación institucional y de la autorización notarial correspondiente, conforme a la reglamentación establecida por la superintendencia.',
    );
    expect(result.band).toBe('very-difficult');
    expect(result.score).toBeLessThan(40);
  });

  it('uses the INFLESZ bands', () => {
    expect(infleszBand(39.9)).toBe('very-difficult');
    expect(infleszBand(40)).toBe('somewhat-difficult');
    expect(infleszBand(55)).toBe('normal');
    expect(infleszBand(65)).toBe('quite-easy');
    expect(infleszBand(80)).toBe('quite-easy');
    expect(infleszBand(80.1)).toBe('very-easy');
  });

  it('returns no score for a text without words', () => {
    const result = readability(' 123 … ');
    expect(result.score).toBeNaN();
    expect(result.band).toBeUndefined();
  });
});
