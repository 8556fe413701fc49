import { describe, expect, it } from 'vitest';
import { suggestionQuery } from '../../../main/knowledge-base/suggestion-query';

const REQUEST = 'cuanto demora el sertificado de residensia';
/** The query of a chat whose only request is REQUEST: the first request counts twice. */
const REQUEST_QUERY = `${REQUEST} ${REQUEST}`;

describe('suggestionQuery', () => {
  it('counts the first request twice', () => {
    expect(suggestionQuery([REQUEST])).toBe(REQUEST_QUERY);
    expect(suggestionQuery(['Hola', REQUEST])).toBe(REQUEST_QUERY);
  });

  it('adds the new words of later requests', () => {
    expect(suggestionQuery([REQUEST, 'Vivo en el barrio San Antonio', 'el sertificado es para el colegio'])).toBe(`${REQUEST_QUERY} es para colegio Vivo en barrio San Antonio`);
  });

  it('keeps the query within 60 words', () => {
    const long = Array.from({ length: 80 }, (_, index) => `palabra${index}`).join(' ');
    const query = suggestionQuery([REQUEST, long])!;
    expect(query.split(' ')).toHaveLength(60);
    expect(query.startsWith(REQUEST_QUERY)).toBe(true);
  });

  it.each([
    'Me llamo Marta Lucía Gómez y mi correo es marta.gomez@example.org.',
    'Juan Pérez, juan.perez@example.org',
    'mi correo es ana@example.org',
    'Muchas gracias',
    'Muchas gracias por la información.',
    'Le agradezco mucho su ayuda',
    'ok',
    'Buenas tardes, soy la señora Martha Ruiz',
  ])('skips "%s" for the request before it', (reply) => {
    expect(suggestionQuery([REQUEST, reply])).toBe(REQUEST_QUERY);
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
    expect(suggestionQuery(['no me llegó la respuesta al correo'])).toBe('no me llegó la respuesta al correo no me llegó la respuesta al correo');
    expect(suggestionQuery(['gracias, pero no me llegó la respuesta'])).not.toBeNull();
  });
});
