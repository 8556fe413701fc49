import { describe, expect, it } from 'vitest';
import { suggestionQuery } from '../../../main/knowledge-base/suggestion-query';

const REQUEST = 'cuanto demora el sertificado de residensia';

describe('suggestionQuery', () => {
  it('searches the latest request', () => {
    expect(suggestionQuery([REQUEST])).toBe('cuanto demora el sertificado de residensia');
    expect(suggestionQuery(['Hola', REQUEST])).toBe('cuanto demora el sertificado de residensia');
  });

  it.each([
    'Me llamo Marta Lucía Gómez y mi correo es marta.gomez@example.org.',
    'Juan Pérez, juan.perez@example.org',
    'mi correo es ana@example.org',
    'Muchas gracias',
    'ok',
    'Buenas tardes, soy la señora Martha Ruiz',
  ])('skips "%s" for the request before it', (reply) => {
    expect(suggestionQuery([REQUEST, reply])).toBe('cuanto demora el sertificado de residensia');
  });

  it('returns null without any request', () => {
    expect(suggestionQuery([])).toBeNull();
    expect(suggestionQuery(['Buenas tardes', 'Juan Pérez, juan.perez@example.org'])).toBeNull();
  });

  it('leaves out names and emails', () => {
    const query = suggestionQuery(['Soy Marta Ruiz y necesito el paz y salvo, escríbame a marta.ruiz@example.org']);
    expect(query).toContain('paz y salvo');
    expect(query).not.toMatch(/Marta|Ruiz|example|@/);
  });

  it('keeps a request about email', () => {
    expect(suggestionQuery(['no me llegó la respuesta al correo'])).toBe('no me llegó la respuesta al correo');
  });
});
