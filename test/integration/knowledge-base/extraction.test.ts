import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBaseEngine } from '../../../main/knowledge-base/engine';
import { docxDocument, markdownArticle, pdfDocument, writeSource } from './source-files';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atiende-kb-extract-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function indexFolder(maxAgeDays = 365, now = Date.parse('2026-12-01T12:00:00Z')) {
  const engine = new KnowledgeBaseEngine({ folder, maxAgeDays, now: () => now });
  await engine.refresh();
  return engine;
}

describe('knowledge base extraction', () => {
  it('reads markdown front matter', async () => {
    await writeSource(
      folder,
      'tramites/certificado.md',
      markdownArticle(
        { title: 'Certificado de residencia', updated: '2026-09-15', tags: ['certificado', 'residencia'], owner: 'Secretaría de Gobierno' },
        '# Certificado de residencia\n\nSe expide en **cinco días hábiles**. Consulte [el portal](https://example.gov.co).',
      ),
    );
    const engine = await indexFolder();

    const article = engine.getArticle('tramites/certificado.md');
    expect(article?.title).toBe('Certificado de residencia');
    expect(article?.tags).toEqual(['certificado', 'residencia']);
    expect(article?.owner).toBe('Secretaría de Gobierno');
    expect(article?.updatedAt).toBe(Date.parse('2026-09-15T00:00:00-05:00'));
    expect(article?.format).toBe('markdown');
    expect(article?.text).toContain('Se expide en cinco días hábiles. Consulte el portal.');
    expect(article?.text).not.toMatch(/[*#\]]/);
    expect(engine.search('residencia', 5).map((result) => result.path)).toEqual(['tramites/certificado.md']);
  });

  it('extracts html text without scripts', async () => {
    await writeSource(
      folder,
      'predial.html',
      `<!doctype html><html><head><title>Pago del impuesto predial</title><meta name="updated" content="2026-10-25">
      <meta name="keywords" content="predial, pago"><script>window.secreto = "clavesecreta"</script><style>.x{color:red}</style></head>
      <body><h1>Pago del impuesto predial</h1><p onclick="robar()">Descuento del 10&nbsp;% antes de marzo.</p>
      <img src="https://tracker.example.com/pixel.gif"><script>document.write("inyectado")</script><ul><li>En línea con PSE.</li></ul></body></html>`,
    );
    const engine = await indexFolder();

    const article = engine.getArticle('predial.html');
    expect(article?.title).toBe('Pago del impuesto predial');
    expect(article?.tags).toEqual(['predial', 'pago']);
    expect(article?.updatedAt).toBe(Date.parse('2026-10-25T00:00:00-05:00'));
    expect(article?.text).toContain('Descuento del 10 % antes de marzo.');
    expect(article?.text).toContain('En línea con PSE.');
    expect(article?.text).not.toContain('clavesecreta');
    expect(article?.text).not.toContain('inyectado');
    expect(article?.text).not.toContain('color');
    expect(engine.search('clavesecreta', 5)).toEqual([]);
    expect(engine.search('inyectado', 5)).toEqual([]);
  });

  it('reports removed scripts and remote content once', async () => {
    await writeSource(folder, 'aviso.html', '<p>Horario de atención.</p><script>alert(1)</script><a href="javascript:x()">enlace</a><iframe src="https://example.com/"></iframe>');
    const engine = await indexFolder();

    const problems = engine.status().problems;
    expect(problems).toContainEqual({ path: 'aviso.html', key: 'kb.problem.htmlScripts', params: { count: 2 } });
    expect(problems).toContainEqual({ path: 'aviso.html', key: 'kb.problem.htmlRemote', params: { count: 1 } });
    expect(engine.search('horario', 5).map((result) => result.path)).toEqual(['aviso.html']);
  });

  it('reads plain text with its first line as title', async () => {
    await writeSource(folder, 'canales.txt', 'Canales de atención\n\nChat en línea de lunes a viernes.\n');
    const engine = await indexFolder();

    expect(engine.getArticle('canales.txt')?.title).toBe('Canales de atención');
    expect(engine.search('chat', 5).map((result) => result.path)).toEqual(['canales.txt']);
  });

  it('extracts pdf text and title', async () => {
    await writeSource(folder, 'guia.pdf', pdfDocument(['Guía de notificación electrónica', 'La notificación llega al correo autorizado.'], 'Notificaciones'));
    const engine = await indexFolder();

    const article = engine.getArticle('guia.pdf');
    expect(article?.format).toBe('pdf');
    expect(article?.title).toBe('Notificaciones');
    expect(article?.text).toContain('Guía de notificación electrónica');
    expect(article?.text).toContain('La notificación llega al correo autorizado.');
    expect(engine.search('notificacion electronica', 5).map((result) => result.path)).toEqual(['guia.pdf']);
  });

  it('extracts docx paragraphs', async () => {
    await writeSource(folder, 'estratificacion.docx', await docxDocument(['Certificado de estratificación', 'Se expide en tres días hábiles y no tiene costo.']));
    const engine = await indexFolder();

    const article = engine.getArticle('estratificacion.docx');
    expect(article?.format).toBe('docx');
    expect(article?.title).toBe('Certificado de estratificación');
    expect(article?.text).toContain('Se expide en tres días hábiles y no tiene costo.');
    expect(engine.search('estrato', 5).map((result) => result.path)).toEqual(['estratificacion.docx']);
  });

  it('marks articles older than the maximum age', async () => {
    await writeSource(folder, 'viejo.md', markdownArticle({ title: 'Horario antiguo', updated: '2024-01-10' }, 'Horario de atención anterior.'));
    await writeSource(folder, 'nuevo.md', markdownArticle({ title: 'Horario vigente', updated: '2026-11-01' }, 'Horario de atención vigente.'));
    const engine = await indexFolder(365);

    const stale = Object.fromEntries(engine.search('horario', 5).map((result) => [result.path, result.stale]));
    expect(stale).toEqual({ 'viejo.md': true, 'nuevo.md': false });
    expect(engine.status().staleArticles).toBe(1);
    expect(engine.summary()).toEqual({ articles: 2, oldestUpdatedAt: Date.parse('2024-01-10T00:00:00-05:00') });
  });

  it('updates the index in place', async () => {
    await writeSource(folder, 'a.md', markdownArticle({ title: 'Horario' }, 'Atención de lunes a viernes.'));
    await writeSource(folder, 'b.md', markdownArticle({ title: 'Predial' }, 'Pago del impuesto predial.'));
    const engine = await indexFolder();

    await writeSource(folder, 'a.md', markdownArticle({ title: 'Horario nuevo' }, 'Atención también los sábados.'));
    await rm(join(folder, 'b.md'));
    await writeSource(folder, 'c.md', markdownArticle({ title: 'Cita' }, 'Agende su cita presencial.'));
    expect(await engine.refresh()).toBe(true);

    expect(engine.search('sabados', 5).map((result) => result.path)).toEqual(['a.md']);
    expect(engine.search('viernes', 5)).toEqual([]);
    expect(engine.search('predial', 5)).toEqual([]);
    expect(engine.search('cita', 5).map((result) => result.path)).toEqual(['c.md']);
    expect(engine.status().articles).toBe(2);

    const restored = new KnowledgeBaseEngine({ folder, maxAgeDays: 365 });
    expect(restored.restore(JSON.parse(JSON.stringify(engine.snapshot())))).toBe(true);
    expect(restored.search('predial', 5)).toEqual([]);
    expect(restored.search('sabados', 5).map((result) => result.path)).toEqual(['a.md']);
  });
});
