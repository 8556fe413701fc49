import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBaseEngine } from '../../../main/knowledge-base/engine';
import { indexFileFor, openKnowledgeBase, type KnowledgeBase } from '../../../main/knowledge-base/knowledge-base';
import { createLogger } from '../../../main/log/logger';
import type { KbStatus } from '../../../shared/knowledge-base/model';
import type { LogFields, Logger } from '../../../shared/log/logger';
import { markdownArticle, pdfDocument, writeSource } from './source-files';

let root: string;
let folder: string;
let dataDir: string;
const opened: KnowledgeBase[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-kb-worker-'));
  folder = join(root, 'material');
  dataDir = join(root, 'data');
  await writeSource(folder, 'residencia.md', markdownArticle({ title: 'Certificado de residencia', updated: '2026-09-15' }, 'Se expide en cinco días hábiles.'));
  await writeSource(folder, 'guia.pdf', pdfDocument(['Guía de notificación electrónica por correo.']));
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((knowledgeBase) => knowledgeBase.close()));
  await rm(root, { recursive: true, force: true });
});

/** Returns a logger that keeps every line, to check what the service logs. */
function recordingLogger(): Logger & { lines: { level: string; fields: LogFields; message: string }[] } {
  const lines: { level: string; fields: LogFields; message: string }[] = [];
  const logger = {
    lines,
    debug: (fields: LogFields, message: string) => lines.push({ level: 'debug', fields, message }),
    info: (fields: LogFields, message: string) => lines.push({ level: 'info', fields, message }),
    warn: (fields: LogFields, message: string) => lines.push({ level: 'warn', fields, message }),
    error: (fields: LogFields, message: string) => lines.push({ level: 'error', fields, message }),
    child: () => logger,
  };
  return logger;
}

async function open(options: { watch?: boolean; logger?: Logger; maxAgeDays?: number } = {}): Promise<KnowledgeBase> {
  const knowledgeBase = await openKnowledgeBase({
    dataDir,
    folder,
    logger: options.logger ?? recordingLogger(),
    watch: options.watch ?? false,
    maxAgeDays: options.maxAgeDays,
    debounceMs: 100,
    pollIntervalMs: 60_000,
  });
  opened.push(knowledgeBase);
  return knowledgeBase;
}

/** Repeats a search until it returns `path`, for at most `timeoutMs`; returns the time it took. */
async function waitUntilFound(knowledgeBase: KnowledgeBase, query: string, path: string, timeoutMs = 5000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await knowledgeBase.search(query, 5)).some((result) => result.path === path)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`"${query}" did not find ${path} within ${timeoutMs} ms`);
}

describe('knowledge base worker', () => {
  it('searches from the worker thread', async () => {
    const knowledgeBase = await open();

    const results = await knowledgeBase.search('sertificado de residensia', 5);
    expect(results[0]?.path).toBe('residencia.md');
    expect((await knowledgeBase.search('notificacion', 5))[0]?.path).toBe('guia.pdf');
    expect(await knowledgeBase.summarize()).toEqual({ articles: 2, oldestUpdatedAt: Date.parse('2026-09-15T00:00:00-05:00'), sample: false });
    expect((await knowledgeBase.article('residencia.md'))?.text).toBe('Se expide en cinco días hábiles.');
    expect(await knowledgeBase.article('no-existe.md')).toBeNull();
  });

  it('persists and restores the index', async () => {
    const first = await open();
    await first.search('residencia', 1);
    await first.close();
    const indexFile = indexFileFor(dataDir, folder);
    expect(existsSync(indexFile)).toBe(true);
    expect(JSON.parse(await readFile(indexFile, 'utf8'))).toMatchObject({ folder, entries: expect.any(Array) });

    const logger = recordingLogger();
    const second = await open({ logger });
    expect((await second.search('residencia', 1))[0]?.path).toBe('residencia.md');
    expect(logger.lines.map((line) => line.message)).toContain('knowledge base index restored');
  });

  it('answers from a restored snapshot', async () => {
    const engine = new KnowledgeBaseEngine({ folder, maxAgeDays: 365 });
    await engine.refresh();
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot())) as unknown;
    await rm(folder, { recursive: true, force: true });

    const restored = new KnowledgeBaseEngine({ folder, maxAgeDays: 365 });
    expect(restored.restore(snapshot)).toBe(true);
    expect(restored.search('residencia', 5).map((result) => result.path)).toEqual(['residencia.md']);
    expect(new KnowledgeBaseEngine({ folder: join(root, 'otra'), maxAgeDays: 365 }).restore(snapshot)).toBe(false);
    expect(restored.restore({ ...(snapshot as object), analysisVersion: -1 })).toBe(false);
    expect(restored.restore({ ...(snapshot as object), index: null })).toBe(false);
    expect(restored.search('residencia', 5)).toHaveLength(1);
  });

  it('rebuilds an index gone stale while closed', async () => {
    const first = await open();
    await first.search('residencia', 1);
    await first.close();
    await writeSource(folder, 'cita.md', markdownArticle({ title: 'Cita presencial' }, 'Agende la cita en el portal.'));

    const second = await open();
    expect(await waitUntilFound(second, 'agendar cita', 'cita.md')).toBeLessThan(5000);
  });

  it('rebuilds over an unreadable index file', async () => {
    await writeSource(dataDir, `knowledge-base/${indexFileFor(dataDir, folder).split('/').at(-1)}`, '{ esto no es JSON');
    const logger = recordingLogger();
    const knowledgeBase = await open({ logger });

    expect((await knowledgeBase.search('residencia', 1))[0]?.path).toBe('residencia.md');
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('index unreadable'))).toBe(true);
  });

  it('reindexes changed files while running', async () => {
    const knowledgeBase = await open({ watch: true });
    const statuses: KbStatus[] = [];
    knowledgeBase.onChanged((status) => statuses.push(status));
    await knowledgeBase.search('residencia', 1);

    await writeSource(folder, 'nuevo/horarios.md', markdownArticle({ title: 'Horarios de atención' }, 'Lunes a viernes de 7:30 a 5:30.'));
    expect(await waitUntilFound(knowledgeBase, 'horarios', 'nuevo/horarios.md')).toBeLessThan(5000);

    await writeFile(join(folder, 'residencia.md'), markdownArticle({ title: 'Certificado de vecindad' }, 'Ahora se llama certificado de vecindad.'));
    expect(await waitUntilFound(knowledgeBase, 'vecindad', 'residencia.md')).toBeLessThan(5000);

    await unlink(join(folder, 'guia.pdf'));
    const started = performance.now();
    while ((await knowledgeBase.search('notificacion', 5)).length > 0 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await knowledgeBase.search('notificacion', 5)).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(statuses.at(-1)?.articles).toBe(2);
  });

  it('switches to another folder', async () => {
    const other = join(root, 'otro-material');
    await writeSource(other, 'estrato.md', markdownArticle({ title: 'Certificado de estratificación' }, 'Se expide en tres días hábiles.'));
    const knowledgeBase = await open();
    const statuses: KbStatus[] = [];
    knowledgeBase.onChanged((status) => statuses.push(status));
    await knowledgeBase.search('residencia', 1);

    await knowledgeBase.reconfigure({ folder: other, maxAgeDays: 30 });
    expect(knowledgeBase.folder).toBe(other);
    expect(knowledgeBase.maxAgeDays).toBe(30);
    expect((await knowledgeBase.search('estrato', 5)).map((result) => result.path)).toEqual(['estrato.md']);
    expect(await knowledgeBase.search('residencia', 5)).toEqual([]);
    expect(statuses.at(-1)).toMatchObject({ folder: other, maxAgeDays: 30, articles: 1 });
  });

  it('logs paths but never queries', async () => {
    const logDir = join(root, 'logs-data');
    const knowledgeBase = await openKnowledgeBase({ dataDir: logDir, folder, logger: createLogger({ dataDir: logDir, level: 'debug' }), watch: false });
    opened.push(knowledgeBase);
    await writeSource(folder, 'roto.md', '---\ntitle: [roto\n---\n');
    await knowledgeBase.refresh();
    await knowledgeBase.search('Marisol Quintero marisol.quintero@example.co', 5);
    await knowledgeBase.suggest('Me llamo Marisol Quintero y necesito el certificado de residencia', 3);
    await knowledgeBase.close();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const log = await readFile(join(logDir, 'logs', 'atiende.log'), 'utf8');
    expect(log).toContain('roto.md');
    expect(log).toContain('kb.problem.frontMatter');
    expect(log).not.toContain('Marisol');
    expect(log).not.toContain('example.co');
  });
});
