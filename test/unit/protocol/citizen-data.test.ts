import { describe, expect, it } from 'vitest';
import { detectCitizenData, findEmail, proposeName } from '../../../shared/protocol/citizen-data';

describe('findEmail', () => {
  it('finds and lowercases an address', () => {
    expect(findEmail('Mi correo es Juan.Gomez@Example.COM, gracias.')).toBe('juan.gomez@example.com');
  });

  it('skips an invalid address', () => {
    expect(findEmail('escriba a juan@@example.com o a juan@localhost')).toBeNull();
    expect(findEmail('sin correo')).toBeNull();
  });

  it('drops a trailing period', () => {
    expect(findEmail('Es maria@correo.gov.co.')).toBe('maria@correo.gov.co');
  });
});

describe('proposeName', () => {
  it.each([
    ['Me llamo Juan Gómez y mi correo es juan@example.com', 'Juan Gómez'],
    ['mi nombre es maría de los ángeles pérez', 'María de los Ángeles Pérez'],
    ['Buenas tardes, soy Carlos Ruiz.', 'Carlos Ruiz'],
    ['Juan Gómez, juan@example.com', 'Juan Gómez'],
    ['Luisa Fernanda Ríos juan@example.com', 'Luisa Fernanda Ríos'],
  ])('reads %s', (text, name) => {
    expect(proposeName(text)).toBe(name);
  });

  it.each([['Necesito un certificado de residencia'], ['juan@example.com'], ['Hola, necesito ayuda'], ['soy 123']])('finds no name in %s', (text) => {
    expect(proposeName(text)).toBeNull();
  });
});

describe('detectCitizenData', () => {
  it('takes name and email from separate messages', () => {
    expect(detectCitizenData(['Necesito un certificado', 'Me llamo Juan Gómez', 'juan@example.com'])).toEqual({ name: 'Juan Gómez', email: 'juan@example.com' });
  });

  it('prefers the newest email', () => {
    expect(detectCitizenData(['viejo@example.com', 'Perdón, es nuevo@example.com']).email).toBe('nuevo@example.com');
  });
});
