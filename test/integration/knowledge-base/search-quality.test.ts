import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseEngine } from '../../../main/knowledge-base/engine';

/**
 * Queries written the way citizens write (no accents, typos, other forms of a word,
 * courtesy words), each with the sample article it must find among the first three.
 */
const CASES: [query: string, article: string][] = [
  ['cuanto demora el sertificado de residensia', 'certificado-de-residencia.md'],
  ['sertifikado de rezidencia', 'certificado-de-residencia.md'],
  ['CERTIFICADOS DE RESIDENCIA', 'certificado-de-residencia.md'],
  ['buenas tardes quisiera saber que papeles piden para el certificado de vecindad', 'certificado-de-residencia.md'],
  ['nesecito un paz y salbo del predial', 'paz-y-salvo-predial.md'],
  ['como radico una queja', 'radicar-una-pqrsd.md'],
  ['pqrs', 'radicar-una-pqrsd.md'],
  ['a que hora atienden en la sede del norte', 'horarios-y-sedes.md'],
  ['quiero sacar una cita presensial', 'cita-presencial.md'],
  ['en que va mi tramite tengo el numero de radicado', 'estado-de-un-tramite.md'],
  ['para que usan mis datos personales', 'proteccion-de-datos-personales.md'],
  ['habeas data', 'proteccion-de-datos-personales.md'],
  ['no me llego la respuesta al correo', 'notificaciones-por-correo.md'],
  ['cuantos dias tienen para responder un derecho de peticion', 'tiempos-de-respuesta.md'],
  ['descuento por pagar el predial', 'pago-impuesto-predial.html'],
  ['atienden por chat los sabados', 'canales-de-atencion.txt'],
  ['certificado de estrato para el colegio', 'certificado-de-estratificacion.md'],
  ['cambiar mi correo y telefono', 'actualizacion-de-datos.md'],
  ['linea telefonica gratuita', 'canales-de-atencion.txt'],
  ['acuerdo de pago', 'pago-impuesto-predial.html'],
];

let engine: KnowledgeBaseEngine;

beforeAll(async () => {
  engine = new KnowledgeBaseEngine({ folder: resolve('kb-sample'), maxAgeDays: 365, now: () => Date.parse('2026-12-01T12:00:00Z') });
  await engine.refresh();
});

describe('search quality on the sample material', () => {
  it.each(CASES)('"%s" finds %s in the top 3', (query, article) => {
    const top = engine.search(query, 3).map((result) => result.path);
    expect(top).toContain(article);
  });

  it.each(CASES)('the message "%s" suggests %s', (query, article) => {
    const top = engine.suggest(query, 3).map((result) => result.path);
    expect(top).toContain(article);
  });

  it('ranks the residence certificate first', () => {
    expect(engine.search('cuanto demora el sertificado de residensia', 3)[0]?.path).toBe('certificado-de-residencia.md');
  });

  it('finds nothing for unrelated words', () => {
    expect(engine.search('xilófono', 3)).toEqual([]);
    expect(engine.search('de la que el', 3)).toEqual([]);
  });

  it('marks matched words in the snippet', () => {
    const [result] = engine.search('sertificado de residensia', 1);
    const marked = result!.snippet.highlights.map(({ start, end }) => result!.snippet.text.slice(start, end).toLowerCase());
    expect(marked).toContain('certificado');
    expect(marked).toContain('residencia');
  });
});
