import { beforeAll, describe, expect, it } from 'vitest';
import { checkReply } from '../../../shared/checker/check';
import type { SpellingEngine } from '../../../shared/checker/spelling/engine';
import { analyzeText } from '../../../shared/checker/text';
import { loadTestEngine, protocolText } from './spelling-engine';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = loadTestEngine();
}, 60_000);

const CLEAN_REPLIES = [
  'Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?',
  'Buenas tardes, soy Carlos Gómez. ¿En qué le puedo servir?',
  '¿Puede por favor precisarme con más detalle su solicitud o pregunta?',
  'Con gusto le ayudo. El certificado se solicita en línea y no tiene costo.',
  'El trámite cuesta aprox. tres mil pesos y lo firma el Dr. Pérez en la Cra. 7 No. 12.',
  'Para radicar la solicitud, ingrese a https://www.entidad.gov.co/tramites y elija la opción Certificados.',
  'Si tiene dudas, escríbanos a atencion@entidad.gov.co o llame al +57 601 555 0000.',
  'El pago es de $ 25.000 y tiene un descuento del 10 % hasta el 30/06/2025.',
  'Nuestro horario es de lunes a viernes, de 8:00 a. m. a 5:00 p. m.',
  'La oficina queda en la Cra. 7 núm. 26-20 de Bogotá.',
  'La Dra. Martínez y el Sr. Rodríguez revisarán su caso esta semana.',
  'Infórmele a su abogado que el plazo vence el 15 de julio.',
  'Permítame un momento mientras reviso la información.',
  'Envíenosla por correo electrónico y la revisaremos.',
  'Para dar respuesta a su solicitud, se requiere de tiempo adicional.',
  'Le enviaremos la respuesta completa a través de su correo electrónico.',
  'Si está de acuerdo, le enviaremos la respuesta por el medio que usted nos indique.',
  'Según la Ley 1581 de 2012, usted puede conocer, actualizar y rectificar sus datos.',
  'Puede consultar el estado del trámite con el número de radicado que recibió.',
  'El RUT se actualiza en la DIAN; el SENA ofrece los cursos gratuitos.',
  '¿Hay algo más en lo que le pueda servir?',
  'Gracias por usar nuestro servicio. Que tenga un buen día.',
  'Para mí es un gusto atenderle.',
  'Sí, el documento ya está disponible.',
  'No sé qué trámite necesita; ¿me indica cuál es su solicitud?',
  'Tenga en cuenta lo siguiente:\n1. Cédula de ciudadanía\n2. Certificado de residencia',
  'El trámite tarda 5 días hábiles.\n\nLe llegará un aviso cuando esté listo.',
  'Le escribe Ana desde la Secretaría de Hacienda.',
  'Él mismo puede hacer el trámite en línea.',
  'Mi compañera le responderá por correo.',
  'La cita quedó para el 12-05-2025 a las 10:30 a. m. en la sede principal.',
  'Los requisitos son:\n- Cédula original.\n- Certificado laboral.\n- Dos fotos.',
  'El monto máximo es de $ 1.000.000 y la tasa es del 3,5 %.',
  'Lo atendemos a las 3 p.m. en la oficina.',
  'Necesita: cédula, RUT, certificado, etc. Todo en PDF.',
  'El 1.er pago vence el 5 de marzo y el radicado N.º 123 sigue en trámite.',
  'Le envío el PDF por correo, ¿le parece bien?',
  'Verifiqué su caso y la devolución ya fue aprobada.',
  'La UGPP y la DIAN atienden a quienes viven en EE. UU. y en Canadá.',
];

describe('clean replies', () => {
  it.each(CLEAN_REPLIES)('gives no finding: %s', (reply) => {
    const findings = checkReply(reply, { spelling, names: ['Ana Pérez', 'Carlos Gómez'] });
    expect(findings).toEqual([]);
  });

  it('accepts entity words and chat names', () => {
    const reply = 'Señora Yuleidy Cárdenas, el programa Jóvenes en Acción lo gestiona Prosperidad Social con el aplicativo Sisbenweb.';
    expect(checkReply(reply, { spelling, names: ['Yuleidy Cárdenas'], entityWords: ['Sisbenweb'] })).toEqual([]);
    expect(checkReply(reply, { spelling }).map((finding) => finding.text)).toEqual(['Yuleidy', 'Sisbenweb']);
  });
});

describe('protocol text', () => {
  const protocol = protocolText();
  const sentences = analyzeText(protocol).sentences;
  const longest = Math.max(...sentences.map((sentence) => sentence.words.length));

  it('has no spelling finding at all', () => {
    expect(checkReply(protocol, { spelling }).filter((finding) => finding.rule === 'spelling')).toEqual([]);
  });

  it('splits into its fourteen sentences', () => {
    expect(sentences).toHaveLength(14);
    expect(longest).toBe(46);
  });

  // The protocol's own sentences run up to 46 words, above the default limit of 25,
  // so each sentence is checked with the limit at its longest sentence.
  it.each(sentences.map((sentence) => sentence.text))('sentence gives no finding: %s', (sentence) => {
    expect(checkReply(sentence, { spelling, maxSentenceWords: longest })).toEqual([]);
  });

  it('is flagged only for sentence length under the default limit', () => {
    const rules = new Set(sentences.flatMap((sentence) => checkReply(sentence.text, { spelling }).map((finding) => finding.rule)));
    expect([...rules]).toEqual(['sentence-length']);
  });
});
