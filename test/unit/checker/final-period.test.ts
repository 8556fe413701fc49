import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../shared/checker/check';
import type { Finding } from '../../../shared/checker/options';

function finalPeriodOf(text: string): Finding | undefined {
  return checkReply(text).find((finding) => finding.messageKey === 'checker.punctuation.finalPeriod');
}

/** Applies the finding's first fix, as the agent's one click does. */
function applyFirstFix(text: string, finding: Finding): string {
  return text.slice(0, finding.start) + finding.fixes![0]!.replacement + text.slice(finding.end);
}

describe('missing final period', () => {
  it.each([
    ['El horario es de 8 a 5', '5', 'El horario es de 8 a 5.'],
    ['Gracias por escribirnos', 'escribirnos', 'Gracias por escribirnos.'],
    ['El valor del certificado es $ 50.000', '50.000', 'El valor del certificado es $ 50.000.'],
    ['Tiene un descuento del 15 %', '%', 'Tiene un descuento del 15 %.'],
    ['Consulte el trámite en https://www.entidad.gov.co/tramites', 'https://www.entidad.gov.co/tramites', 'Consulte el trámite en https://www.entidad.gov.co/tramites.'],
    ['Escriba a atencion@entidad.gov.co', 'atencion@entidad.gov.co', 'Escriba a atencion@entidad.gov.co.'],
    ['Diligencie el formulario «Solicitud de certificado»', 'certificado»', 'Diligencie el formulario «Solicitud de certificado».'],
    ['Traiga la cédula (original y copia)', 'copia)', 'Traiga la cédula (original y copia).'],
    ['Abrimos de lunes a viernes, de 8 a. m. a 5 p. m', 'm', 'Abrimos de lunes a viernes, de 8 a. m. a 5 p. m.'],
    ['Con gusto le ayudo 😊', 'ayudo', 'Con gusto le ayudo. 😊'],
    ['Con gusto le ayudo :)', 'ayudo', 'Con gusto le ayudo. :)'],
    ['Gracias.\nLa cita es a las 10:30', '10:30', 'Gracias.\nLa cita es a las 10:30.'],
    ['Quedo atento a su respuesta,', 'respuesta,', 'Quedo atento a su respuesta.'],
  ])('flags "%s" at "%s"', (text, flagged, fixed) => {
    const finding = finalPeriodOf(text);
    expect(finding?.text).toBe(flagged);
    expect(finding?.rule).toBe('punctuation');
    expect(applyFirstFix(text, finding!)).toBe(fixed);
  });

  it.each([
    ['Abrimos de lunes a viernes, de 8 a. m. a 5 p. m.', 'abbreviation ending in its period'],
    ['El horario es de 8 a 5.', 'number with its period'],
    ['Escriba a atencion@entidad.gov.co.', 'email with its period'],
    ['Consulte https://www.entidad.gov.co/tramites.', 'URL with its period'],
    ['Le dijeron «venga el lunes.»', 'period inside the closing quote'],
    ['¿Le sirve el formulario «Solicitud»?', 'question after a quote'],
    ['Traiga la cédula (original y copia).', 'period after the bracket'],
    ['Los documentos son:', 'colon before a list'],
    ['Gracias. 😊', 'emoji after the period'],
    ['😊', 'nothing but an emoji'],
    ['1. Cédula de ciudadanía', 'list item'],
  ])('accepts "%s" (%s)', (text) => {
    expect(finalPeriodOf(text)).toBeUndefined();
  });

  it('applies the fix once and leaves no finding', () => {
    const text = 'El horario es de 8 a 5';
    const fixed = applyFirstFix(text, finalPeriodOf(text)!);
    expect(finalPeriodOf(fixed)).toBeUndefined();
    expect(checkReply(fixed)).toEqual([]);
  });
});
