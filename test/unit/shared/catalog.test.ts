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
    const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((match) => match[1]))].sort();
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

  it('writes one and many of a count with their own words', () => {
    expect(translate('es', 'outbox.status', { pending: 1, failed: 0 })).toBe('Correos: 1 pendiente, 0 fallidos');
    expect(translate('es', 'outbox.status', { pending: 2, failed: 1 })).toBe('Correos: 2 pendientes, 1 fallido');
    expect(translate('es', 'offline.delivered', { count: 1 })).toBe('Se entregó 1 mensaje.');
    expect(translate('en', 'offline.delivered', { count: 3 })).toBe('3 messages were delivered.');
  });

  it('fills placeholders inside the chosen plural option', () => {
    expect(translate('es', 'selftest.internet.pass', { count: 1, ms: 12 })).toBe('Se llegó a la dirección configurada; respondió en 12 ms.');
    expect(translate('es', 'selftest.internet.pass', { count: 3, ms: 7.8 })).toBe('Se llegó a 3 direcciones configuradas; la más lenta respondió en 7,8 ms.');
  });

  it('writes decimals with a comma in Spanish and a point in English', () => {
    expect(translate('es', 'selftest.duration', { seconds: 0.8 })).toBe('La verificación tomó 0,8 s.');
    expect(translate('en', 'selftest.duration', { seconds: 0.8 })).toBe('The check took 0.8 s.');
  });

  it('keeps long whole numbers such as ports without separators', () => {
    expect(translate('es', 'queue.count', { count: 12345 })).toBe('12345 en cola');
  });

  it('leaves a plural visible when its count is missing', () => {
    expect(translate('es', 'offline.delivered')).toContain('{count, plural,');
  });

  it('has every plural with an other option', () => {
    for (const [key, text] of Object.entries(es)) {
      for (const match of text.matchAll(/\{\w+, plural,/g)) expect(text.slice(match.index), key).toMatch(/^\{\w+, plural,.*other \{/);
    }
  });

  it('writes no exclamation marks in Spanish texts', () => {
    for (const [key, text] of Object.entries(es)) expect(text, key).not.toMatch(/[!¡]/);
  });
});
