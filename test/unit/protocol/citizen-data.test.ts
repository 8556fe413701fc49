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
  /** How citizens write their names in the chat, and the name the panel should propose (null: none). */
  const MESSAGES: Array<[string, string | null]> = [
    ['Me llamo Juan Gómez y mi correo es juan@example.com', 'Juan Gómez'],
    ['mi nombre es maría de los ángeles pérez', 'María de los Ángeles Pérez'],
    ['Buenas tardes, soy Carlos Ruiz.', 'Carlos Ruiz'],
    ['Juan Gómez, juan@example.com', 'Juan Gómez'],
    ['Juan Pérez, juan@x.co', 'Juan Pérez'],
    ['Luisa Fernanda Ríos juan@example.com', 'Luisa Fernanda Ríos'],
    ['soy juan carlos rodríguez martínez', 'Juan Carlos Rodríguez Martínez'],
    ['Hola buenas, me llamo Andrés Felipe Gómez Restrepo, necesito un certificado', 'Andrés Felipe Gómez Restrepo'],
    ['Buenos días. Mi nombre es JOSÉ LUIS MARTÍNEZ', 'José Luis Martínez'],
    ['Nombre: Ana María Torres Correo: ana@example.com', 'Ana María Torres'],
    ['mi nombre completo es sandra milena ospina cárdenas y necesito un paz y salvo', 'Sandra Milena Ospina Cárdenas'],
    ['Soy Ana, necesito ayuda con un trámite', 'Ana'],
    ['soy la señora Martha Ruiz', 'Martha Ruiz'],
    ['Le escribe el doctor Hernán Quintero', 'Hernán Quintero'],
    ['me llamo juan de dios castaño', 'Juan de Dios Castaño'],
    ['buenas tardes, pedro pablo díaz pedro.diaz@example.com', 'Pedro Pablo Díaz'],
    ['Hola, Diana López\ndiana.lopez@example.com', 'Diana López'],
    ['Soy Vicente Ortega y quiero pagar el predial', 'Vicente Ortega'],
    ['me llamo Ana María Gómez-Restrepo', 'Ana María Gómez-Restrepo'],
    ['Mi nombre es Juan y mi correo es juan@example.com', 'Juan'],
    ['Soy Rosario Ramírez', 'Rosario Ramírez'],
    ['soy de Bogotá', null],
    ['soy pensionado', null],
    ['Soy pensionada y necesito el certificado de supervivencia', null],
    ['soy desempleado y quiero saber del subsidio', null],
    ['soy comerciante del centro', null],
    ['soy el papá de Juan Gómez', null],
    ['Necesito un certificado de residencia', null],
    ['juan@example.com', null],
    ['Hola, necesito ayuda', null],
    ['buenas tardes, juan@example.com', null],
    ['mi correo es juan@example.com', null],
    ['soy 123', null],
    ['soy usuario del SISBÉN', null],
    ['Buenas noches, ¿con quién tengo el gusto?', null],
  ];

  it.each(MESSAGES)('reads %j as %j', (text, name) => {
    expect(proposeName(text)).toBe(name);
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
