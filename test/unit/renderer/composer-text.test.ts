import { describe, expect, it } from 'vitest';
import { checkReply, type Finding } from '../../../shared/checker/index';
import { insertAtSelection, insertParagraphAtSelection, replaceRange } from '../../../renderer/chat/draft-insertion';
import { blockingFindings, currentFindings } from '../../../renderer/checker/checker-slice';
import { segmentsOf } from '../../../renderer/checker/text-segments';
import type { CheckOutcome } from '../../../renderer/checker/run-check';

function outcome(text: string): CheckOutcome {
  return { text, findings: checkReply(text), readability: { score: 0, band: 'normal', bandKey: 'checker.readability.normal', words: 0, sentences: 0, syllables: 0 }, spellingChecked: false };
}

describe('insertAtSelection', () => {
  it('appends without a selection', () => {
    expect(insertAtSelection('Hola.', undefined, '¿Cómo está?')).toEqual({ draft: 'Hola. ¿Cómo está?', caret: 17 });
  });

  it('fills an empty draft as is', () => {
    expect(insertAtSelection('', { start: 0, end: 0 }, 'Texto.')).toEqual({ draft: 'Texto.', caret: 6 });
  });

  it('spaces the text from neighbouring words', () => {
    expect(insertAtSelection('ab', { start: 1, end: 1 }, 'X')).toEqual({ draft: 'a X b', caret: 3 });
    expect(insertAtSelection('a b', { start: 2, end: 2 }, 'X')).toEqual({ draft: 'a X b', caret: 3 });
  });

  it('keeps a selected range', () => {
    expect(insertAtSelection('uno dos', { start: 0, end: 3 }, 'X').draft).toBe('uno X dos');
  });

  it('clamps a stale selection', () => {
    expect(insertAtSelection('ab', { start: 10, end: 10 }, 'X').draft).toBe('ab X');
  });
});

describe('replaceRange', () => {
  it('puts the caret after the replacement', () => {
    expect(replaceRange('Hola!! :)', 4, 6, '.')).toEqual({ draft: 'Hola. :)', caret: 5 });
  });
});

describe('currentFindings', () => {
  it('keeps findings before the edit', () => {
    const checked = outcome('Hola!! :)');
    expect(currentFindings(checked, 'Hola!! :)').map((finding) => finding.rule)).toEqual(['exclamation', 'emoticon']);
    expect(currentFindings(checked, 'Hola!! :) y')).toEqual(checked.findings);
    expect(currentFindings(checked, 'Hola!! ;)').map((finding) => finding.rule)).toEqual(['exclamation']);
    expect(currentFindings(checked, 'Hol')).toEqual([]);
    expect(currentFindings(undefined, 'x')).toEqual([]);
  });
});

describe('blockingFindings', () => {
  it('leaves advice out', () => {
    const advice = { rule: 'unanswered-question', severity: 'advice' } as Finding;
    const problem = { rule: 'emoji', severity: 'problem' } as Finding;
    expect(blockingFindings([advice, problem])).toEqual([problem]);
  });
});

describe('segmentsOf', () => {
  it('splits flagged and plain text', () => {
    const text = 'Hola!! :)';
    const segments = segmentsOf(text, checkReply(text));
    expect(segments.map((segment) => [segment.text, segment.finding?.rule ?? null])).toEqual([
      ['Hola', null],
      ['!!', 'exclamation'],
      [' ', null],
      [':)', 'emoticon'],
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });

  it('prefers the shorter of overlapping findings', () => {
    const base = { rule: 'symbol', severity: 'problem', text: '', messageKey: 'checker.symbol', params: {} } as const;
    const segments = segmentsOf('abcdef', [
      { ...base, start: 1, end: 4 },
      { ...base, start: 2, end: 3 },
      { ...base, start: 5, end: 9 },
    ]);
    expect(segments.map((segment) => [segment.text, segment.finding?.start ?? null])).toEqual([
      ['ab', null],
      ['c', 2],
      ['def', null],
    ]);
  });
});

describe('insertParagraphAtSelection', () => {
  const passage = 'El trámite no tiene costo.';
  it.each([
    ['', undefined, passage],
    ['Con gusto.', undefined, `Con gusto.\n\n${passage}`],
    ['Con gusto. ', undefined, `Con gusto.\n\n${passage}`],
    ['Con gusto.\n', undefined, `Con gusto.\n\n${passage}`],
    ['Con gusto.\n\nSaludos.', { start: 10, end: 10 }, `Con gusto.\n\n${passage}\n\nSaludos.`],
    ['Saludos.', { start: 0, end: 0 }, `${passage}\n\nSaludos.`],
    ['Con gusto. Saludos.', { start: 11, end: 11 }, `Con gusto.\n\n${passage}\n\nSaludos.`],
    ['Corto.', { start: 40, end: 40 }, `Corto.\n\n${passage}`],
  ])('inserts into %j at %j', (draft, selection, expected) => {
    const edit = insertParagraphAtSelection(draft, selection, passage);
    expect(edit.draft).toBe(expected);
    expect(edit.draft.slice(edit.caret - passage.length, edit.caret)).toBe(passage);
  });
});
