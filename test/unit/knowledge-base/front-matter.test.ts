import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FrontMatterError, parseFrontMatter } from '../../../main/knowledge-base/front-matter';

describe('parseFrontMatter', () => {
  it('matches the yaml package', () => {
    const cases = [
      'title: Certificado de residencia\nupdated: 2026-09-15\ntags: [certificado, residencia, trámite en línea]\nowner: Secretaría de Gobierno',
      'title: Paz y salvo\n\n# comentario\ntags: []',
      'title: "Entre comillas"\ntags:\n  - uno\n  - dos',
      'title: 2024\nactivo: true\nvacío:',
      'title: Horario: de 8 a 5',
      'title: Nota # con comentario',
      'tags: [a, [b]]',
      'title: >\n  texto doblado',
    ];
    for (const yamlText of cases) {
      let expected: unknown;
      try {
        expected = parse(yamlText) ?? {};
      } catch {
        expect(() => parseFrontMatter(yamlText), yamlText).toThrow(FrontMatterError);
        continue;
      }
      expect(parseFrontMatter(yamlText), yamlText).toEqual(expected);
    }
  });

  it('rejects a list as front matter', () => {
    expect(() => parseFrontMatter('- uno\n- dos')).toThrow('no es una lista de campos «nombre: valor»');
  });

  it('names the line of invalid yaml', () => {
    expect(() => parseFrontMatter('title: [sin cerrar\ntags: a')).toThrow(/YAML no válido/);
  });
});
