import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../shared/checker/check';

function rulesOf(text: string): string[] {
  return checkReply(text).map((finding) => finding.rule);
}

describe('emoji, faces and symbols', () => {
  it.each([
    ['El valor es $ 50.000.', 'money'],
    ['El valor es US$20 o 20 € según el caso.', 'currency after the amount'],
    ['Tiene un descuento del 15 % en junio.', 'percentage'],
    ['Su cita es el 12/05/2025 a las 8:30 a. m.', 'date and time'],
    ['La cita es el 2025-05-12 a las 14:00.', 'ISO date'],
    ['Llame al +57 601 555 0000, extensión 12.', 'phone number'],
    ['Consulte el punto #3 del formulario.', 'numbering with #'],
    ['Vea el artículo 1.º y el N.° 5.', 'ordinal marks'],
    ['Escriba a soporte_tecnico@entidad.gov.co para más información.', 'email with underscore'],
    ['Ingrese a https://www.entidad.gov.co/tramites?tipo=a&b=2 y elija una opción.', 'URL with symbols'],
    ['Traiga la cédula (original y copia) y el formulario «A».', 'brackets and quotes'],
    ['La temperatura en la sede es de 20 °C.', 'degrees'],
    ['Ana responde a las 10:30 y Luis a las 11:00.', 'times are not faces'],
  ])('allows %s (%s)', (text) => {
    expect(rulesOf(text)).toEqual([]);
  });

  it.each([
    ['Gracias 😊.', 'emoji', '😊'],
    ['Listo 👍🏽.', 'emoji', '👍🏽'],
    ['Bienvenido 🇨🇴.', 'emoji', '🇨🇴'],
    ['Con gusto 👨‍👩‍👧.', 'emoji', '👨‍👩‍👧'],
    ['Con gusto :D.', 'emoticon', ':D'],
    ['Con gusto ;-).', 'emoticon', ';-)'],
    ['Con gusto :(.', 'emoticon', ':('],
    ['Con gusto XD.', 'emoticon', 'XD'],
    ['Con gusto ^_^.', 'emoticon', '^_^'],
    ['Con gusto <3.', 'emoticon', '<3'],
    ['Marca registrada ®.', 'symbol', '®'],
    ['Hecho ✓.', 'symbol', '✓'],
    ['Siga las instrucciones → en pantalla.', 'symbol', '→'],
    ['Costo: $$$.', 'symbol', '$'],
    ['Use el formulario • rápido.', 'symbol', '•'],
    ['Es fácil ~ rápido.', 'symbol', '~'],
    ['Responda = sí.', 'symbol', '='],
  ])('flags %s as %s', (text, rule, flagged) => {
    const findings = checkReply(text).filter((finding) => finding.rule === rule);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.text).toBe(flagged);
    expect(findings[0]!.fixes).toMatchObject([{ replacement: '', labelKey: 'checker.fix.remove' }]);
  });

  /** Applies the first fix of the first finding of `rule`, as the composer does. */
  function applyFirstFix(text: string, rule: string): string {
    const finding = checkReply(text).find((candidate) => candidate.rule === rule)!;
    const fix = finding.fixes![0]!;
    const { start, end, text: replaced } = fix.range ?? finding;
    expect(text.slice(start, end)).toBe(replaced);
    return `${text.slice(0, start)}${fix.replacement}${text.slice(end)}`;
  }

  it.each([
    ['Con gusto, Marta 😊 el certificado llega hoy.', 'emoji', 'Con gusto, Marta el certificado llega hoy.'],
    ['😊 Con gusto le ayudo.', 'emoji', 'Con gusto le ayudo.'],
    ['Con gusto le ayudo. 😊', 'emoji', 'Con gusto le ayudo.'],
    ['Con gusto le ayudo 😊.', 'emoji', 'Con gusto le ayudo.'],
    ['Con gusto :) le ayudo.', 'emoticon', 'Con gusto le ayudo.'],
    ['Con gusto le ayudo.\n:) Saludos.', 'emoticon', 'Con gusto le ayudo.\nSaludos.'],
    ['Siga las instrucciones → en pantalla.', 'symbol', 'Siga las instrucciones en pantalla.'],
    ['Le ayudo con ¡ gusto.', 'exclamation', 'Le ayudo con gusto.'],
    ['Gracias😊 por escribir.', 'emoji', 'Gracias por escribir.'],
  ])('removes %j without a double space', (text, rule, fixed) => {
    const after = applyFirstFix(text, rule);
    expect(after).toBe(fixed);
    expect(checkReply(after).filter((finding) => finding.messageKey === 'checker.punctuation.doubleSpace')).toEqual([]);
  });

  it('flags a double space typed by hand', () => {
    const findings = checkReply('Con gusto, Marta  el certificado llega hoy.').filter((finding) => finding.rule === 'punctuation');
    expect(findings.map((finding) => [finding.messageKey, finding.start, finding.end])).toEqual([['checker.punctuation.doubleSpace', 16, 18]]);
    expect(findings[0]!.fixes).toEqual([{ replacement: ' ' }]);
  });

  it('flags opening and closing exclamation marks', () => {
    const findings = checkReply('¡Bienvenido!').filter((finding) => finding.rule === 'exclamation');
    expect(findings.map((finding) => [finding.text, finding.fixes?.[0]?.replacement])).toEqual([
      ['¡', ''],
      ['!', '.'],
    ]);
  });

  it('flags a run of exclamation marks once', () => {
    expect(checkReply('Gracias!!!').filter((finding) => finding.rule === 'exclamation')).toHaveLength(1);
  });

  it('does not read a face as punctuation', () => {
    expect(rulesOf('Con gusto :)')).toEqual(['punctuation', 'emoticon']);
  });
});
