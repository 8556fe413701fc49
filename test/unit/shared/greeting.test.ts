import { describe, expect, it } from 'vitest';
import { composeGreeting, dayPartAt, DEFAULT_DATA_REQUEST } from '../../../shared/protocol/greeting';

describe('dayPartAt', () => {
  it.each([
    [0, 'evening'],
    [4, 'evening'],
    [5, 'morning'],
    [11, 'morning'],
    [12, 'afternoon'],
    [18, 'afternoon'],
    [19, 'evening'],
    [23, 'evening'],
  ] as const)('hour %i is %s', (hour, part) => {
    expect(dayPartAt(hour)).toBe(part);
  });
});

describe('composeGreeting', () => {
  it('uses the morning salutation at 05:00', () => {
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 5, 0))).toBe(`Buenos días, soy Ana Pérez. ${DEFAULT_DATA_REQUEST}`);
  });

  it('switches to the afternoon at noon', () => {
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 11, 59))).toMatch(/^Buenos días,/);
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 12, 0))).toMatch(/^Buenas tardes,/);
  });

  it('switches to the evening at 19:00', () => {
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 18, 59))).toMatch(/^Buenas tardes,/);
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 19, 0))).toMatch(/^Buenas noches,/);
  });

  it('asks for the name and the email after the agent name', () => {
    const greeting = composeGreeting('  Luis Gómez ', new Date(2026, 11, 4, 9, 30));
    expect(greeting).toContain(', soy Luis Gómez.');
    expect(greeting).toContain('nombre');
    expect(greeting).toContain('correo electrónico');
  });

  it('uses a data request the entity configured', () => {
    expect(composeGreeting('Ana Pérez', new Date(2026, 11, 4, 9), '¿Cuál es su nombre?')).toBe('Buenos días, soy Ana Pérez. ¿Cuál es su nombre?');
  });
});
