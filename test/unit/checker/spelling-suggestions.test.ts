/**
 * The ranking of spelling suggestions for the kinds of mistakes that Spanish
 * writers and learners make. Every misspelling here was written for this test, and
 * none is taken from the quality bench's learner list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkReply } from '../../../shared/checker/check';
import { COST, spellingDistance } from '../../../shared/checker/spelling/distance';
import { SpellingEngine, stemChangeVariants } from '../../../shared/checker/spelling/engine';
import { encodeWordList } from '../../../shared/checker/spelling/word-list';
import { soundKey } from '../../../shared/checker/spelling/key';
import { groupBySoundKey, parseRankedWords } from '../../../scripts/spelling/generate-word-list';
import { loadTestEngine, protocolText } from './spelling-engine';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = loadTestEngine();
}, 60_000);

function expectFirstSuggestion(word: string, expected: string): void {
  expect(spelling.isCorrect(word), `${word} is flagged`).toBe(false);
  expect(spelling.suggest(word)[0], `first suggestion for ${word}`).toBe(expected);
}

describe('spelling suggestions by kind of mistake', () => {
  it.each([
    ['decidé', 'decidí'],
    ['escribé', 'escribí'],
    ['recibó', 'recibió'],
    ['permitó', 'permitió'],
  ])('preterite ending of the wrong conjugation: %s → %s', expectFirstSuggestion);

  it.each([
    ['llegò', 'llegó'],
    ['cerrè', 'cerré'],
  ])('grave accent on a stressed ending: %s → %s', expectFirstSuggestion);

  it.each([
    ['encuentramos', 'encontramos'],
    ['muestraba', 'mostraba'],
    ['cuestó', 'costó'],
    ['duermimos', 'dormimos'],
    ['recuerdar', 'recordar'],
    ['dormo', 'duermo'],
  ])('stem-change diphthong in the wrong place: %s → %s', expectFirstSuggestion);

  it.each([
    ['otogar', 'otorgar'],
    ['entega', 'entrega'],
    ['abir', 'abrir'],
    ['cobar', 'cobrar'],
  ])('liquid dropped from a consonant cluster: %s → %s', expectFirstSuggestion);

  it.each([
    ['ecuela', 'escuela'],
    ['ete', 'este'],
    ['etado', 'estado'],
  ])('s dropped before a consonant: %s → %s', expectFirstSuggestion);

  it.each([
    ['present', 'presente'],
    ['constant', 'constante'],
  ])('English cognate without its final vowel: %s → %s', expectFirstSuggestion);

  it.each([
    ['trafic', 'tráfico'],
    ['politic', 'política'],
    ['electronic', 'electrónico'],
  ])('English cognate ending in c: %s → %s', expectFirstSuggestion);

  it.each([
    ['originale', 'original'],
    ['finale', 'final'],
    ['totale', 'total'],
    ['legale', 'legal'],
  ])('plain word before a rare enclitic form: %s → %s', expectFirstSuggestion);

  it('finds a word one letter away whose sound key another spelling shares', () => {
    // "desahcer" and "deshacer" share the key "desaser", and the first must not hide the second.
    expectFirstSuggestion('deshcer', 'deshacer');
  });

  it.each([
    ['pidio', 'pidió'],
    ['tramitacion', 'tramitación'],
    ['informele', 'infórmele'],
    ['envienosla', 'envíenosla'],
    ['indiqueme', 'indíqueme'],
  ])('missing accent stays the first fix: %s → %s', expectFirstSuggestion);
});

describe('spelling error model', () => {
  it('prices each learner pattern below an unrelated edit', () => {
    expect(spellingDistance('decidé', 'decidí')).toBe(COST.preteriteEnding);
    expect(spellingDistance('recibó', 'recibió')).toBe(COST.preteriteEnding);
    expect(spellingDistance('encuentramos', 'encontramos')).toBe(COST.stemChange);
    expect(spellingDistance('dormo', 'duermo')).toBe(COST.stemChange);
    expect(spellingDistance('otogar', 'otorgar')).toBe(COST.clusterConsonant);
    expect(spellingDistance('present', 'presente')).toBe(COST.cognateFinalVowel);
    for (const cost of [COST.preteriteEnding, COST.stemChange, COST.clusterConsonant, COST.cognateFinalVowel]) {
      expect(cost).toBeLessThan(COST.other);
      expect(cost).toBeGreaterThan(COST.accent);
    }
  });

  it('keeps an extra letter at full price', () => {
    // The cheap patterns are for letters the writer left out, not letters added.
    expect(spellingDistance('otorgar', 'otogar')).toBe(COST.other);
    expect(spellingDistance('presente', 'present')).toBe(COST.other);
  });

  it('does not treat a doubled letter as a cluster', () => {
    expect(spellingDistance('caro', 'carro')).toBe(COST.doubled);
  });

  it('prices a dropped l before a consonant in full', () => {
    expect(spellingDistance('ato', 'alto')).toBe(COST.other);
    expect(spellingDistance('habo', 'hablo')).toBe(COST.clusterConsonant);
  });

  it('keys a final c or g as before a, o, u', () => {
    expect(soundKey('plastic')).toBe('plastik');
    expect(soundKey('plástico')).toBe('plastiko');
    expect(soundKey('zigzag')).toBe('sigsag');
    expect(soundKey('hace')).toBe('ase');
    expect(soundKey('gente')).toBe('jente');
  });

  it('lists stem changes undone and applied', () => {
    expect(stemChangeVariants('cuesta')).toEqual(new Set(['costa', 'custa']));
    expect(stemChangeVariants('porta')).toContain('puerta');
    expect(stemChangeVariants('pensar')).toContain('piensar');
    expect(stemChangeVariants('')).toEqual(new Set());
  });
});

describe('spelling frequency prior', () => {
  /** Builds an engine over a few words, ranked at the given positions among filler words. */
  function engineWithRanks(ranks: Record<string, number>): SpellingEngine {
    const words = new Map(Object.keys(ranks).map((word) => [word, false]));
    const ranked: string[] = [];
    for (const [word, rank] of Object.entries(ranks)) ranked[rank - 1] = word;
    for (let index = 0; index < ranked.length; index += 1) ranked[index] ??= `relleno${index}`;
    return SpellingEngine.fromText(encodeWordList(['test'], groupBySoundKey(words), ranked));
  }

  it('keeps an accent fix ahead of a far more frequent word', () => {
    // Ranks like those of "como" (31st) and "comió" (4,189th) in the generated word list.
    const engine = engineWithRanks({ bebo: 31, bebió: 4189 });
    expect(engine.suggest('bebio')).toEqual(['bebió', 'bebo']);
  });

  it('lets frequency decide between two equal edits', () => {
    const engine = engineWithRanks({ pato: 100, peto: 50 });
    expect(engine.suggest('pito')).toEqual(['peto', 'pato']);
    expect(engineWithRanks({ pato: 50, peto: 100 }).suggest('pito')).toEqual(['pato', 'peto']);
  });
});

describe('spelling guards', () => {
  it.each(['precisarme', 'envíenosla', 'infórmele', 'comuníquese', 'permítame', 'indíqueme', 'escríbanos'])('accepts the enclitic verb %s', (word) => {
    expect(spelling.isCorrect(word)).toBe(true);
  });

  it.each(['bistec', 'coñac', 'zigzag', 'iceberg', 'cómic'])('still finds %s, which ends in c or g', (word) => {
    expect(spelling.isCorrect(word)).toBe(true);
  });

  it('flags no word of the chat protocol', () => {
    const findings = checkReply(protocolText(), { spelling }).filter((finding) => finding.rule === 'spelling');
    expect(findings.map((finding) => finding.text)).toEqual([]);
  });

  it('leaves a correct reply with enclitic verbs clean', () => {
    const reply = '¿Puede por favor precisarme con más detalle su solicitud? Con gusto se la envío; envíenosla por correo electrónico.';
    expect(checkReply(reply, { spelling }).filter((finding) => finding.rule === 'spelling')).toEqual([]);
  });

  it('rejects a frequency list that is not a JSON array of words', () => {
    expect(parseRankedWords('["de","la","que"]')).toEqual(['de', 'la', 'que']);
    expect(() => parseRankedWords('{"de":1}')).toThrow(/invalid/);
    expect(() => parseRankedWords('[1,2]')).toThrow(/invalid/);
    expect(() => parseRankedWords('de\nla\n')).toThrow();
  });
});
