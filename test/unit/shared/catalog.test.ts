import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { es } from '../../../shared/i18n/es';
import { translate } from '../../../shared/i18n/catalog';

describe('message catalog', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('has no empty text', () => {
    for (const [key, text] of Object.entries(es)) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both locales', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(es) as (keyof typeof es)[]) expect(placeholders(en[key]), key).toEqual(placeholders(es[key]));
  });

  it('fills placeholders', () => {
    expect(translate('es', 'cli.serve.workstation', { url: 'http://127.0.0.1:1/' })).toBe('Puesto de trabajo: http://127.0.0.1:1/');
  });

  it('leaves an unknown placeholder visible', () => {
    expect(translate('es', 'queue.waiting')).toBe('En espera {time}');
  });

  it('returns an unknown key as it is', () => {
    expect(translate('es', 'no.such.key')).toBe('no.such.key');
  });

  it('writes no exclamation marks in Spanish texts', () => {
    for (const [key, text] of Object.entries(es)) expect(text, key).not.toMatch(/[!¡]/);
  });
});
