import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../main/knowledge-base/search-index';
import { analyzeText, analyzeWord, normalizeWord, tokenizeWithOffsets, typoToleranceFor } from '../../../shared/knowledge-base/analysis';
import { stemSpanish } from '../../../shared/knowledge-base/spanish-stemmer';

describe('normalizeWord', () => {
  it('folds case and accents', () => {
    expect(normalizeWord('Trámite')).toBe('tramite');
    expect(normalizeWord('INFORMACIÓN')).toBe('informacion');
    expect(normalizeWord('pingüino')).toBe('pinguino');
  });

  it('keeps ñ distinct from n', () => {
    expect(normalizeWord('AÑO')).toBe('año');
    expect(normalizeWord('año')).not.toBe(normalizeWord('ano'));
    // A decomposed ñ (n + combining tilde) is the same letter.
    expect(normalizeWord('an\u0303o')).toBe('año');
  });
});

describe('tokenizeWithOffsets', () => {
  it('keeps word positions', () => {
    const text = '¿Cuánto demora el «certificado»?';
    const tokens = tokenizeWithOffsets(text);
    expect(tokens.map((token) => token.word)).toEqual(['Cuánto', 'demora', 'el', 'certificado']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.word);
  });

  it('keeps decomposed accents in the word', () => {
    expect(tokenizeWithOffsets('tra\u0301mite n.º 10-20').map((token) => token.word)).toEqual(['tra\u0301mite', 'n', 'º', '10', '20']);
  });
});

describe('analyzeWord', () => {
  it('drops stop words', () => {
    for (const word of ['de', 'el', 'La', 'para', 'qué', 'Buenas', 'usted']) expect(analyzeWord(word), word).toBeNull();
  });

  it('stems word families alike', () => {
    const families = [
      ['certificado', 'certificados', 'Certificado', 'certificar'],
      ['residencia', 'residencias', 'Residencia'],
      ['trámite', 'tramite', 'trámites', 'tramites'],
      ['notificación', 'notificaciones', 'notificacion'],
      ['radicar', 'radicación', 'radicado', 'radicada'],
      ['atención', 'atencion', 'ATENCIÓN'],
      ['pagar', 'pagando', 'pagado', 'pago'],
    ];
    for (const family of families) {
      const stems = new Set(family.map((word) => analyzeWord(word)));
      expect(stems.size, family.join(', ')).toBe(1);
    }
  });

  it('keeps numbers as they are', () => {
    expect(analyzeWord('1755')).toBe('1755');
  });

  it('stems words the way Snowball does', () => {
    expect(stemSpanish('certificado')).toBe('certific');
    expect(stemSpanish('residencia')).toBe('resident');
    expect(stemSpanish('entregarlo')).toBe('entreg');
    expect(stemSpanish('rapidamente')).toBe('rapid');
    expect(stemSpanish('personales')).toBe('personal');
  });
});

describe('analyzeText', () => {
  it('returns distinct terms in order', () => {
    expect(analyzeText('Cuánto demora el certificado, el CERTIFICADO')).toEqual(['cuant', 'demor', 'certific']);
  });
});

describe('typoToleranceFor', () => {
  it('grows with term length', () => {
    expect(typoToleranceFor('año')).toBe(0);
    expect(typoToleranceFor('cita')).toBe(1);
    expect(typoToleranceFor('certific')).toBe(2);
  });
});

describe('SearchIndex with the analysis', () => {
  const articles = [
    { path: 'anio.md', title: 'Vigencia', text: 'El certificado vale un año.' },
    { path: 'ano.md', title: 'Salud', text: 'Campaña de prevención del cáncer de ano.' },
    { path: 'predial.md', title: 'Impuesto predial', text: 'Pague el impuesto predial con descuento.' },
  ].map((article) => ({ ...article, format: 'markdown' as const, tags: [], owner: null, updatedAt: null }));

  it('never matches ano for año', async () => {
    const index = await SearchIndex.build(articles);
    expect(index.search('año', 5).map((hit) => hit.path)).toEqual(['anio.md']);
    expect(index.search('ano', 5).map((hit) => hit.path)).toEqual(['ano.md']);
  });

  it('matches the word being typed by prefix', async () => {
    const index = await SearchIndex.build(articles);
    expect(index.search('impuesto pred', 5).map((hit) => hit.path)).toEqual(['predial.md']);
    expect(index.search('pred', 5, 'message')).toEqual([]);
  });

  it('tolerates typos in long words', async () => {
    const index = await SearchIndex.build(articles);
    expect(index.search('sertificado', 5).map((hit) => hit.path)).toEqual(['anio.md']);
    expect(index.search('impuezto', 5).map((hit) => hit.path)).toEqual(['predial.md']);
  });

  it('survives serialization', async () => {
    const index = await SearchIndex.build(articles);
    const restored = SearchIndex.load(JSON.parse(JSON.stringify(index.serialize())));
    expect(restored.search('predial', 5)).toEqual(index.search('predial', 5));
    expect(restored.size).toBe(3);
  });
});
