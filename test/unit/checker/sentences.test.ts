import { describe, expect, it } from 'vitest';
import { analyzeText, findVerbatimSpans } from '../../../shared/checker/text';

function sentencesOf(text: string): string[] {
  return analyzeText(text).sentences.map((sentence) => sentence.text);
}

describe('sentence splitting', () => {
  it.each([
    ['Atendemos de 8 a. m. a 5 p. m. de lunes a viernes.', 1],
    ['El Sr. Pérez lo atenderá.', 1],
    ['La Dra. Gómez firmó el acta.', 1],
    ['Vaya al edificio núm. 4 de la sede.', 1],
    ['Su radicado es el No. 2025-118 del mes.', 1],
    ['La oficina está en la Cra. 7 con Cl. 26.', 1],
    ['El trámite aplica a quienes viven en EE. UU. y en Canadá.', 1],
    ['La Sra. Ruiz y el Dr. López revisan su caso. Le escribirán mañana.', 2],
    ['Lo esperamos a las 8 a. m. Traiga la cédula.', 2],
    ['Viajará a EE. UU. Allí recibirá el documento.', 2],
    ['¿Tiene la cédula? Sí. Perfecto.', 3],
    ['El valor es 3.5 veces mayor. Gracias.', 2],
    ['Escriba a atencion@entidad.gov.co. Le responderemos pronto.', 2],
    ['Visite www.entidad.gov.co. Allí encontrará el formulario.', 2],
    ['Firma: J. Pérez. Fin del mensaje.', 2],
  ])('%s → %i sentences', (text, count) => {
    expect(sentencesOf(text)).toHaveLength(count);
  });

  it('keeps the closing marks and quotes with their sentence', () => {
    expect(sentencesOf('Pregunte «¿en qué le puedo servir?» Luego escuche.')).toEqual(['Pregunte «¿en qué le puedo servir?»', 'Luego escuche.']);
  });

  it('treats line breaks as paragraph breaks', () => {
    const analyzed = analyzeText('Primera línea.\nSegunda línea.\n\nTercera línea.');
    expect(analyzed.paragraphs.map((paragraph) => paragraph.text)).toEqual(['Primera línea.', 'Segunda línea.', 'Tercera línea.']);
  });

  it('does not end a sentence at a list number', () => {
    expect(sentencesOf('1. Cédula de ciudadanía')).toEqual(['1. Cédula de ciudadanía']);
  });

  it('gives offsets into the original text', () => {
    const text = '  Hola.   Adiós.';
    for (const sentence of analyzeText(text).sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });

  it('finds emails and URLs without their closing punctuation', () => {
    expect(findVerbatimSpans('Escriba a ana.perez@entidad.gov.co, o visite https://entidad.gov.co/tramites?id=3.').map((span) => span.text)).toEqual([
      'ana.perez@entidad.gov.co',
      'https://entidad.gov.co/tramites?id=3',
    ]);
  });
});
