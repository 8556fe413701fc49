import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKnowledgeBaseCommand } from '../../../main/knowledge-base/kb-command';
import { silentLogger } from '../../../shared/log/logger';
import { pdfDocument, writeSource } from './source-files';

const SAMPLE = resolve('kb-sample');
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-kb-command-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runKnowledgeBaseCommand([...args, '--data', dataDir], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    logger: silentLogger,
  });
  return { code, stdout, stderr };
}

describe('kb command', () => {
  it('indexes the sample folder', async () => {
    const { code, stdout, stderr } = await run('index', SAMPLE);

    expect(code).toBe(0);
    expect(stdout).toBe(`Se indexaron 13 artículos de ${SAMPLE}; 0 archivos tienen problemas.\n`);
    expect(stderr).toBe('');
  });

  it('prints json results best first', async () => {
    const { code, stdout } = await run('search', SAMPLE, 'cuanto demora el sertificado de residensia', '--json');

    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { path: string; title: string; score: number }[];
    expect(results[0]).toMatchObject({ path: 'certificado-de-residencia.md', title: 'Certificado de residencia' });
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('prints readable results', async () => {
    const { code, stdout } = await run('search', SAMPLE, 'paz y salvo', '--limit', '1');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. Paz y salvo del impuesto predial( \(desactualizado\))?\n {3}paz-y-salvo-predial\.md · 2026-10-02 · [\d.]+\n {3}.*\[paz\] y \[salvo\]/i);
  });

  it('reports no results with exit 0', async () => {
    const { code, stdout } = await run('search', SAMPLE, 'xilófono');

    expect(code).toBe(0);
    expect(stdout).toBe('No se encontraron artículos para «xilófono».\n');
  });

  it('lists problem files on stderr', async () => {
    const folder = join(dataDir, 'material');
    await writeSource(folder, 'escaneado.pdf', pdfDocument([]));
    await writeSource(folder, 'bueno.txt', 'Horario de atención\nLunes a viernes.');
    const { code, stdout, stderr } = await run('index', folder);

    expect(code).toBe(0);
    expect(stdout).toContain('Se indexó 1 artículo');
    expect(stderr).toBe('escaneado.pdf: El PDF no tiene texto que se pueda extraer; puede ser una imagen escaneada. Pida una versión con texto.\n');
  });

  it('exits 2 on a missing folder', async () => {
    const missing = join(dataDir, 'no-existe');
    const { code, stderr } = await run('search', missing, 'certificado');

    expect(code).toBe(2);
    expect(stderr).toBe(`No se encontró la carpeta ${missing}. Revise la ruta que escribió en el comando.\n`);
  });

  it('exits 2 on a file for a folder', async () => {
    const { code, stderr } = await run('index', join(SAMPLE, 'cita-presencial.md'));

    expect(code).toBe(2);
    expect(stderr).toContain('no es una carpeta');
  });

  it('exits 2 on bad arguments', async () => {
    for (const args of [[], ['buscar', SAMPLE, 'x'], ['search', SAMPLE], ['search', SAMPLE, '   '], ['index', SAMPLE, 'sobra'], ['search', SAMPLE, 'x', '--limit', '0'], ['search', SAMPLE, 'x', '--formato']]) {
      const { code, stderr, stdout } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/Uso: atiende kb|--limit|Argumento no/);
      expect(stdout).toBe('');
    }
  });
});

const built = existsSync('dist/node/cli.js') && existsSync('dist/node/kb-worker.js') && existsSync('dist/electron/kb-worker.cjs');

describe.runIf(built)('kb bundles', () => {
  it('searches with the built command line', () => {
    const result = spawnSync(process.execPath, ['dist/node/cli.js', 'kb', 'search', SAMPLE, 'paz y salbo', '--json', '--data', dataDir], { encoding: 'utf8', timeout: 20_000 });

    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { path: string }[])[0]?.path).toBe('paz-y-salvo-predial.md');
  });

  it('runs the electron worker bundle', async () => {
    const folder = join(dataDir, 'material');
    await writeSource(folder, 'guia.pdf', pdfDocument(['Notificación electrónica por correo.']));
    const worker = new Worker(resolve('dist/electron/kb-worker.cjs'), {
      workerData: { folder, indexFile: join(dataDir, 'index.json'), maxAgeDays: 365, watch: false, debounceMs: 100, pollIntervalMs: 60_000 },
    });
    try {
      const response = await new Promise<unknown>((resolveResponse, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
        worker.on('message', (message: { type: string; result?: unknown }) => {
          if (message.type !== 'response') return;
          clearTimeout(timer);
          resolveResponse(message.result);
        });
        worker.on('error', reject);
        worker.postMessage({ id: 1, method: 'search', params: { query: 'notificacion', limit: 5 } });
      });
      expect((response as { path: string }[]).map((result) => result.path)).toEqual(['guia.pdf']);
    } finally {
      await worker.terminate();
    }
  });
});
