import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpellingEngine } from '../../../shared/checker/spelling/engine';
import { encliticFlags, generateWordList } from '../../../scripts/spelling/generate-word-list';
import { expandEntry, parseAffixFile } from '../../../scripts/spelling/hunspell-expand';
import { loadTestEngine, ROOT } from './spelling-engine';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = loadTestEngine();
}, 60_000);

const DICTIONARY = join(ROOT, 'node_modules/dictionary-es');

describe('word list generation', () => {
  it('reuses the cached list when nothing changed', () => {
    const result = generateWordList(ROOT);
    expect(result.cached).toBe(true);
    const header = readFileSync(result.path, 'utf8').slice(0, 1000);
    expect(header).toMatch(/^#atiende-spelling 1\n/);
    expect(header).toContain('dictionary-es 4.0.0');
    expect(header).toContain('MPL-1.1');
    expect(header).toMatch(/#build [0-9a-f]{32}\n/);
  });

  it('expands continuation and cross-product affixes', () => {
    const affixes = parseAffixFile('SET UTF-8\nFLAG UTF-8\nPFX p Y 1\nPFX p 0 re .\nSFX s Y 1\nSFX s 0 s [aeiou]\nSFX d Y 1\nSFX d r dura/s [aei]r\n');
    const forms = expandEntry(affixes, 'casa/ps', new Set()).map((form) => form.word);
    expect(forms.sort()).toEqual(['casa', 'casas', 'recasa', 'recasas']);
    expect(expandEntry(affixes, 'cerrar/d', new Set()).map((form) => form.word)).toEqual(['cerrar', 'cerradura', 'cerraduras']);
  });

  it('accepts the enclitic forms that dictionary-es lists', () => {
    const affixes = parseAffixFile(readFileSync(join(DICTIONARY, 'index.aff'), 'utf8'));
    const enclitic = encliticFlags(affixes);
    const others = new Set([...affixes.classes.keys()].filter((flag) => !enclitic.has(flag)));
    expect(enclitic.size).toBeGreaterThan(40);

    let total = 0;
    let accepted = 0;
    for (const line of readFileSync(join(DICTIONARY, 'index.dic'), 'utf8').split('\n')) {
      const slash = line.indexOf('/');
      if (slash < 0 || ![...line.slice(slash + 1)].some((flag) => enclitic.has(flag))) continue;
      for (const form of expandEntry(affixes, line, others)) {
        if (!enclitic.has(form.suffixFlag)) continue;
        total += 1;
        if (spelling.isCorrect(form.word)) accepted += 1;
      }
    }
    // The rest are dictionary oddities such as "abstraiéndola" for "abstrayéndola".
    expect(total).toBeGreaterThan(40_000);
    expect(accepted / total).toBeGreaterThan(0.998);
  }, 60_000);

  it('keeps common misspellings of pronoun groups flagged', () => {
    expect(spelling.isCorrect('sele')).toBe(false);
    expect(spelling.isCorrect('informele')).toBe(false);
    expect(spelling.isCorrect('componte')).toBe(true);
    expect(spelling.isCorrect('decidíos')).toBe(true);
  });
});
