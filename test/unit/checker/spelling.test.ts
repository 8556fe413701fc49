import { beforeAll, describe, expect, it } from 'vitest';
import { checkReply } from '../../../shared/checker/check';
import { spellingDistance } from '../../../shared/checker/spelling/distance';
import { attachPronouns } from '../../../shared/checker/spelling/enclitics';
import type { SpellingEngine } from '../../../shared/checker/spelling/engine';
import { soundKey } from '../../../shared/checker/spelling/key';
import { encodeWordList, WordList } from '../../../shared/checker/spelling/word-list';
import { loadTestEngine } from './spelling-engine';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = loadTestEngine();
}, 60_000);

function spellingFindings(text: string): Array<[string, string | undefined]> {
  return checkReply(text, { spelling })
    .filter((finding) => finding.rule === 'spelling')
    .map((finding) => [finding.text, finding.fixes?.[0]?.replacement]);
}

describe('spelling engine', () => {
  it.each(['precisarme', 'infórmele', 'envíenosla', 'permítame', 'indíqueme', 'dígame', 'comuníquese', 'escríbanos', 'hágalo', 'haciéndolo', 'enviándosela', 'pónganse', 'informémonos', 'sentaos', 'reírse', 'oírlo', 'dele', 'diciéndole'])(
    'accepts the enclitic form %s',
    (word) => {
      expect(spelling.check(word)).toEqual({ correct: true });
    },
  );

  it.each([
    ['informele', 'infórmele'],
    ['envienosla', 'envíenosla'],
    ['permitame', 'permítame'],
    ['indiqueme', 'indíqueme'],
    ['ponganse', 'pónganse'],
    ['precisárme', 'precisarme'],
  ])('corrects the accent of %s to %s', (word, expected) => {
    expect(spelling.check(word)).toEqual({ correct: false, expected });
    expect(spelling.suggest(word)[0]).toBe(expected);
  });

  it('rejects pronouns on words that are not verb forms', () => {
    expect(spelling.isCorrect('mesale')).toBe(false);
    expect(spelling.isCorrect('ciudadanole')).toBe(false);
  });

  it('places the accent as the stress rules require', () => {
    expect(attachPronouns('informe', ['le'])).toBe('infórmele');
    expect(attachPronouns('informar', ['le'])).toBe('informarle');
    expect(attachPronouns('informar', ['se', 'lo'])).toBe('informárselo');
    expect(attachPronouns('dé', ['me'])).toBe('deme');
    expect(attachPronouns('reír', ['se'])).toBe('reírse');
    expect(attachPronouns('informemos', ['nos'])).toBe('informémonos');
  });

  it('ranks common mistakes in order', () => {
    const costs = [
      spellingDistance('cancion', 'canción'),
      spellingDistance('vaca', 'baca'),
      spellingDistance('sena', 'cena'),
      spellingDistance('ora', 'hora'),
      spellingDistance('yave', 'llave'),
      spellingDistance('jente', 'gente'),
      spellingDistance('ocurir', 'ocurrir'),
      spellingDistance('mesa', 'masa'),
      spellingDistance('mesa', 'meta'),
    ];
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(new Set(costs).size).toBe(costs.length);
    expect(spellingDistance('gato', 'jato')).toBe(1);
    expect(spellingDistance('mesa', 'meda')).toBeLessThan(spellingDistance('mesa', 'mera'));
  });

  it('follows the case of the word', () => {
    expect(spelling.isCorrect('Casa')).toBe(true);
    expect(spelling.isCorrect('CASA')).toBe(true);
    expect(spelling.isCorrect('MADRID')).toBe(true);
    expect(spelling.isCorrect('madrid')).toBe(false);
    expect(spelling.suggest('madrid')[0]).toBe('Madrid');
    expect(spelling.suggest('Tambien')[0]).toBe('También');
  });

  it.each([
    ['tambien', 'también'],
    ['informacion', 'información'],
    ['aver', 'haber'],
    ['cedula', 'cédula'],
    ['nesecita', 'necesita'],
    ['ayer', undefined],
  ])('suggests for %s first %s', (word, expected) => {
    if (expected === undefined) {
      expect(spelling.isCorrect(word)).toBe(true);
      return;
    }
    expect(spelling.isCorrect(word)).toBe(false);
    expect(spelling.suggest(word)[0]).toBe(expected);
  });

  it('corrects a misspelled verb with pronouns', () => {
    expect(spelling.suggest('hecharle')[0]).toBe('echarle');
    expect(spelling.suggest('mostarle')[0]).toBe('mostrarle');
    expect(spelling.suggest('enviandole')[0]).toBe('enviándole');
  });

  it('finds corrections of long words two edits away', () => {
    expect(spelling.suggest('desafortunamente')[0]).toBe('desafortunadamente');
    expect(spelling.suggest('responsibildad')[0]).toBe('responsabilidad');
  });

  it('reads decomposed accents', () => {
    expect(spelling.isCorrect('informacio\u0301n')).toBe(true);
    expect(spelling.suggest('tambie\u0301m')[0]).toBe('también');
  });

  it('stays fast on a huge nonsense word', () => {
    const text = `${'a'.repeat(3000)} ${'xyz'.repeat(300)}.`;
    const started = performance.now();
    const findings = checkReply(text, { spelling });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(findings.filter((finding) => finding.rule === 'spelling')).toHaveLength(2);
    expect(findings.every((finding) => finding.fixes === undefined || finding.rule !== 'spelling')).toBe(true);
  });

  it('gives at most five suggestions and none for gibberish', () => {
    expect(spelling.suggest('tramte').length).toBeLessThanOrEqual(5);
    expect(spelling.suggest('xqzvwk')).toEqual([]);
  });

  it('rejects a word list that is not one', () => {
    expect(() => WordList.parse('hola\nmundo\n')).toThrow(/invalid/);
    expect(() => WordList.parse('#atiende-spelling 1\nno sections\n')).toThrow(/section is missing/);
  });

  it('finds every word of a small encoded list', () => {
    const words = ['casa', 'caza', 'haber', 'aver', 'ver', 'llave', 'yave'];
    const groups = new Map<string, string[]>();
    for (const word of words) groups.set(soundKey(word), [...(groups.get(soundKey(word)) ?? []), word]);
    const sorted = [...groups.keys()].sort().map((key) => ({ key, words: groups.get(key)!.sort() }));
    const list = WordList.parse(encodeWordList(['test'], sorted, ['casa']));
    for (const word of words) expect(list.wordsWithKey(soundKey(word)).map((entry) => entry.word)).toContain(word);
    expect(list.wordsWithKey('zzz')).toEqual([]);
    expect(list.rank('casa')).toBe(1);
  });
});

describe('spelling rule', () => {
  it('accepts acronyms, emails, URLs and abbreviations', () => {
    expect(spellingFindings('La DIAN y el ICETEX atienden en www.dian.gov.co y en icetex@icetex.gov.co de 8 a. m. a 5 p. m.')).toEqual([]);
  });

  it('flags interrogatives in questions only', () => {
    expect(spellingFindings('¿Cual es su número?')).toEqual([['Cual', 'Cuál']]);
    expect(spellingFindings('¿En que le puedo servir?')).toEqual([['que', 'qué']]);
    expect(spellingFindings('¿Porque no vino?')).toEqual([['Porque', 'Por qué']]);
    expect(spellingFindings('¿Y cual prefiere?')).toEqual([['cual', 'cuál']]);
    expect(spellingFindings('Buenos días, ¿en que le puedo servir?')).toEqual([['que', 'qué']]);
    expect(spellingFindings('¿Y para que lo necesita?')).toEqual([['que', 'qué']]);
    expect(spellingFindings('¿Usted sabe donde queda?')).toEqual([]);
    expect(spellingFindings('¿Sabe que el trámite es gratuito?')).toEqual([]);
    expect(spellingFindings('Le informo que el trámite es gratuito.')).toEqual([]);
    expect(spellingFindings('No sé que hacer.')).toEqual([['que', 'qué']]);
    expect(spellingFindings('No sé como pagar.')).toEqual([['como', 'cómo']]);
    expect(spellingFindings('Usted no sabe que el pago venció.')).toEqual([]);
    expect(spellingFindings('No tiene que pagar nada.')).toEqual([]);
  });

  it.each([
    ['Para mi es un gusto.', 'mi', 'mí'],
    ['Esto es para mi.', 'mi', 'mí'],
    ['Creo que si.', 'si', 'sí'],
    ['Si, con gusto.', 'Si', 'Sí'],
    ['Lo hizo por si mismo.', 'si', 'sí'],
    ['Le daré mas información.', 'mas', 'más'],
    ['Es lo mas rápido.', 'mas', 'más'],
    ['Hable con el.', 'el', 'él'],
    ['Ya el es el encargado.', 'el', 'él'],
    ['Escriba tú correo.', 'tú', 'tu'],
    ['Sé que tu puedes hacerlo.', 'tu', 'tú'],
    ['Él trámite es gratuito.', 'Él', 'El'],
  ])('flags the diacritic pair in %s', (text, word, expected) => {
    expect(spellingFindings(text)).toEqual([[word, expected]]);
  });

  it.each([
    'Mi compañera le ayudará.',
    'Para mi familia es importante.',
    'Si desea, le envío el formulario.',
    'Sí, el documento está listo.',
    'Usted sí puede hacerlo.',
    'El trámite es gratuito.',
    'Él le responderá mañana.',
    'Puede pagar en línea, mas no en efectivo.',
    'Más tarde le escribo.',
    'Tu solicitud fue recibida.',
    'Lo haré por si acaso.',
  ])('says nothing where the sentence does not decide: %s', (text) => {
    expect(spellingFindings(text)).toEqual([]);
  });
});
