import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBaseEngine } from '../../../main/knowledge-base/engine';
import type { KbProblem } from '../../../shared/knowledge-base/model';
import { translate } from '../../../shared/i18n/catalog';
import { markdownArticle, pdfDocument, writeSource } from './source-files';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atiende-kb-bad-'));
  await writeSource(folder, 'bueno.md', markdownArticle({ title: 'Paz y salvo', updated: '2026-10-02' }, 'El paz y salvo del impuesto predial se expide en un día hábil.'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Indexes the folder twice, collecting every problem reported; the second pass must report nothing new. */
async function indexTwice(options: { beforeExtract?: (path: string) => Promise<void> } = {}) {
  const reported: KbProblem[] = [];
  const engine = new KnowledgeBaseEngine({
    folder,
    maxAgeDays: 365,
    onProblem: (problem) => reported.push(problem),
    beforeExtract: options.beforeExtract ? (file) => options.beforeExtract!(file.path) : undefined,
  });
  await engine.refresh();
  const afterFirst = reported.length;
  await engine.refresh();
  return { engine, reported, afterFirst };
}

const keysByPath = (problems: readonly KbProblem[]) => Object.fromEntries(problems.map((problem) => [problem.path, problem.key]));

describe('knowledge base bad input', () => {
  it('skips binary junk', async () => {
    await writeSource(folder, 'basura.bin', randomBytes(4096));
    await writeSource(folder, 'disfrazado.md', Buffer.concat([Buffer.from('---\ntitle: x\n---\n'), randomBytes(2048), Buffer.from([0, 0, 0])]));
    await writeSource(folder, 'latin1.txt', Buffer.from('Información en Latin-1', 'latin1'));
    const { engine, reported, afterFirst } = await indexTwice();

    expect(keysByPath(engine.status().problems)).toEqual({
      'basura.bin': 'kb.problem.unsupportedType',
      'disfrazado.md': 'kb.problem.notText',
      'latin1.txt': 'kb.problem.notText',
    });
    expect(afterFirst).toBe(3);
    expect(reported).toHaveLength(3);
    expect(engine.search('paz y salvo', 5).map((result) => result.path)).toEqual(['bueno.md']);
  });

  it('lists at most 100 problems', async () => {
    for (let index = 0; index < 150; index++) await writeSource(folder, `basura/archivo-${String(index).padStart(3, '0')}.bin`, randomBytes(64));
    const { engine, reported } = await indexTwice();

    const status = engine.status();
    expect(status.problemCount).toBe(150);
    expect(status.problems).toHaveLength(100);
    expect(status.problems[0]?.path).toBe('basura/archivo-000.bin');
    expect(reported).toHaveLength(150);
    expect(engine.search('paz y salvo', 5)).toHaveLength(1);
  });

  it('skips broken front matter', async () => {
    await writeSource(folder, 'sin-cierre.md', '---\ntitle: Certificado\nupdated: 2026-01-01\n\nTexto sin cierre del encabezado.');
    await writeSource(folder, 'yaml-roto.md', '---\ntitle: [sin cerrar\ntags: a\n---\nTexto.');
    await writeSource(folder, 'fecha-mala.md', '---\ntitle: Fecha\nupdated: el martes\n---\nTexto.');
    const { engine, reported } = await indexTwice();

    const problems = engine.status().problems;
    expect(keysByPath(problems)).toEqual({
      'fecha-mala.md': 'kb.problem.frontMatter',
      'sin-cierre.md': 'kb.problem.frontMatter',
      'yaml-roto.md': 'kb.problem.frontMatter',
    });
    expect(reported).toHaveLength(3);
    const message = translate('es', problems[1]!.key, problems[1]!.params);
    expect(message).toContain('falta la línea «---» que la cierra');
    expect(engine.search('certificado', 5)).toEqual([]);
    expect(engine.status().articles).toBe(1);
  });

  it('skips a 50 MB file without reading it', async () => {
    // A sparse file: 50 MB on paper, nothing written.
    const handle = await open(join(folder, 'enorme.txt'), 'w');
    await handle.truncate(50 * 1024 * 1024);
    await handle.close();
    const started = performance.now();
    const { engine, reported } = await indexTwice();

    expect(performance.now() - started).toBeLessThan(2000);
    expect(engine.status().problems).toEqual([{ path: 'enorme.txt', key: 'kb.problem.tooLarge', params: { sizeMb: 50, maxMb: 20 } }]);
    expect(reported).toHaveLength(1);
    expect(engine.search('paz y salvo', 5)).toHaveLength(1);
  });

  it('skips a pdf without text', async () => {
    await writeSource(folder, 'escaneado.pdf', pdfDocument([]));
    await writeSource(folder, 'corrupto.pdf', Buffer.from('%PDF-1.4\nesto no es un PDF'));
    const { engine, reported } = await indexTwice();

    expect(keysByPath(engine.status().problems)).toEqual({ 'corrupto.pdf': 'kb.problem.unreadableFormat', 'escaneado.pdf': 'kb.problem.pdfWithoutText' });
    expect(reported).toHaveLength(2);
    expect(engine.status().articles).toBe(1);
  });

  it('skips a file that vanishes mid-index', async () => {
    await writeSource(folder, 'efimero.md', markdownArticle({ title: 'Efímero' }, 'Este archivo desaparece.'));
    const { engine, reported } = await indexTwice({
      beforeExtract: async (path) => {
        if (path === 'efimero.md') await unlink(join(folder, path));
      },
    });

    expect(reported).toEqual([{ path: 'efimero.md', key: 'kb.problem.vanished', params: {} }]);
    // The second pass no longer lists the file, so its problem is gone with it.
    expect(engine.status().problems).toEqual([]);
    expect(engine.search('paz y salvo', 5)).toHaveLength(1);
  });

  it('fails on a missing folder', async () => {
    const engine = new KnowledgeBaseEngine({ folder: join(folder, 'no-existe'), maxAgeDays: 365 });
    expect(await engine.refresh()).toBe(true);

    expect(engine.status()).toMatchObject({ state: 'failed', failure: 'kb.error.folderMissing', articles: 0 });
    expect(engine.search('paz', 5)).toEqual([]);
    expect(await engine.refresh()).toBe(false);
  });

  it('keeps serving after the folder goes', async () => {
    const engine = new KnowledgeBaseEngine({ folder, maxAgeDays: 365 });
    await engine.refresh();
    await rm(folder, { recursive: true, force: true });
    await engine.refresh();

    expect(engine.status().state).toBe('failed');
    expect(engine.search('paz y salvo', 5).map((result) => result.path)).toEqual(['bueno.md']);
  });
});
