import { describe, expect, it } from 'vitest';
import { cleanPassage } from '../../../shared/knowledge-base/passage';
import { buildSnippet } from '../../../shared/knowledge-base/snippet';
import { analyzeText } from '../../../shared/knowledge-base/analysis';

describe('cleanPassage', () => {
  it('removes markdown symbols', () => {
    expect(cleanPassage('## Requisitos\n\n- **Cédula** de ciudadanía\n- Recibo de `servicio`\n\nVea [el portal](https://example.gov.co).')).toBe(
      'Requisitos.\n\nCédula de ciudadanía. Recibo de servicio.\n\nVea el portal.',
    );
  });

  it('removes emoji and exclamations', () => {
    expect(cleanPassage('¡Recuerde traer su cédula! 😀👍 El trámite es gratis!!')).toBe('Recuerde traer su cédula. El trámite es gratis.');
    expect(cleanPassage('¿Ya tiene cita?! ✅')).toBe('¿Ya tiene cita?');
  });

  it('splits long paragraphs', () => {
    const sentence = 'El certificado se expide en cinco días hábiles desde la radicación.';
    const cleaned = cleanPassage(Array.from({ length: 9 }, () => sentence).join(' '));
    const paragraphs = cleaned.split('\n\n');
    expect(paragraphs.length).toBeGreaterThan(1);
    for (const paragraph of paragraphs) expect(paragraph.split(/(?<=\.)\s/).length).toBeLessThanOrEqual(4);
    expect(cleaned.replace(/\s+/g, ' ')).toBe(Array.from({ length: 9 }, () => sentence).join(' '));
  });

  it('returns nothing for symbols only', () => {
    expect(cleanPassage('*** 🎉 ---')).toBe('');
  });
});

describe('buildSnippet', () => {
  it('marks the matched words', () => {
    const text = `${'Introducción general del trámite. '.repeat(10)}El certificado de residencia se expide en cinco días.`;
    const snippet = buildSnippet(text, analyzeText('certificados residencia'));
    const marked = snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end));
    expect(marked).toEqual(['certificado', 'residencia']);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(182);
  });

  it('starts at the beginning without matches', () => {
    expect(buildSnippet('Horario de atención.', [])).toEqual({ text: 'Horario de atención.', highlights: [] });
  });

  it('ends headings and list items', () => {
    const text = 'Quién lo puede pedir\n\nCualquier persona mayor de edad\n\nRequisitos\n\nCédula de ciudadanía\nUn recibo de servicio público';
    expect(buildSnippet(text, []).text).toBe('Quién lo puede pedir. Cualquier persona mayor de edad. Requisitos. Cédula de ciudadanía. Un recibo de servicio público.');
  });

  it('joins wrapped lines of prose', () => {
    const text = 'El certificado se expide en línea y llega al correo electrónico que el ciudadano registró en la\nsolicitud, en un plazo de cinco días hábiles.';
    expect(buildSnippet(text, []).text).toBe('El certificado se expide en línea y llega al correo electrónico que el ciudadano registró en la solicitud, en un plazo de cinco días hábiles.');
  });

  it('marks words after an ended heading', () => {
    const snippet = buildSnippet('Requisitos\n\nCédula de ciudadanía', analyzeText('cedula'));
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['Cédula']);
  });
});
