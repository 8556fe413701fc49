import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../../main/checker/check-command';
import { loadTestEngine } from './spelling-engine';

let folder: string;

/** Runs the command and collects what it writes. */
async function run(argv: string[], options = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCheckCommand(argv, { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) } }, options);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  loadTestEngine();
  folder = await mkdtemp(join(tmpdir(), 'atiende-check-'));
  await writeFile(join(folder, 'clean.txt'), 'Buenas tardes. ¿En qué le puedo servir?\n');
  await writeFile(join(folder, 'faulty.txt'), 'Con gusto le ayudo! La informacion está en línea 😊.\n');
  await writeFile(join(folder, 'latin1.txt'), Buffer.from([0x43, 0x6f, 0x6e, 0x20, 0x67, 0x75, 0x73, 0x74, 0x6f, 0xe9, 0x2e]));
  await writeFile(join(folder, 'bom.txt'), '\uFEFFGracias por escribirnos.');
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('check command', () => {
  it('exits 0 and prints nothing for a clean reply', async () => {
    expect(await run([join(folder, 'clean.txt')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints one JSON line per finding and exits 1', async () => {
    const file = join(folder, 'faulty.txt');
    const { code, stdout, stderr } = await run([file]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.rule, line.text])).toEqual([
      ['exclamation', '!'],
      ['spelling', 'informacion'],
      ['emoji', '😊'],
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'rule', 'start', 'end', 'text', 'message']);
      expect(line.file).toBe(file);
      expect(typeof line.message).toBe('string');
    }
    expect(lines[1]!.message).toBe('La palabra «informacion» no está en el diccionario. ¿Quiso decir «información»?');
    // Offsets count UTF-16 code units: the emoji is two of them.
    const reply = 'Con gusto le ayudo! La informacion está en línea 😊.';
    expect(lines[2]).toMatchObject({ start: reply.indexOf('😊'), end: reply.indexOf('😊') + 2 });
  });

  it('skips a byte order mark', async () => {
    expect((await run([join(folder, 'bom.txt')])).code).toBe(0);
  });

  it('exits 2 without a file', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Indique al menos un archivo');
    expect((await run(['--'])).code).toBe(2);
  });

  it('exits 2 on a missing file, naming it', async () => {
    const missing = join(folder, 'no-existe.txt');
    const { code, stderr } = await run([missing]);
    expect(code).toBe(2);
    expect(stderr).toBe(`No se encontró el archivo ${missing}. Revise la ruta y vuelva a intentar.\n`);
  });

  it('exits 2 on a file that is not UTF-8', async () => {
    const file = join(folder, 'latin1.txt');
    const { code, stderr } = await run([file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`El archivo ${file} no está en UTF-8`);
  });

  it('exits 2 on a folder', async () => {
    const { code, stderr } = await run([folder]);
    expect(code).toBe(2);
    expect(stderr).toContain('no es un archivo de texto');
  });

  // root reads any file, so this case only runs as another user.
  it.skipIf(process.getuid?.() === 0)('exits 2 on an unreadable file', async () => {
    const file = join(folder, 'locked.txt');
    await writeFile(file, 'Hola.');
    await chmod(file, 0o000);
    const { code, stderr } = await run([file]);
    expect(code).toBe(2);
    expect(stderr).toContain('No se pudo leer el archivo');
  });

  it('still reports the readable files when another one is bad', async () => {
    const { code, stdout, stderr } = await run([join(folder, 'faulty.txt'), join(folder, 'no-existe.txt')]);
    expect(code).toBe(2);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    expect(stderr).toContain('no-existe.txt');
  });

  it('exits 2 when the word list is missing', async () => {
    const wordListPath = join(folder, 'sin-lista.txt');
    const { code, stderr } = await run([join(folder, 'clean.txt')], { wordListPath });
    expect(code).toBe(2);
    expect(stderr).toContain(`No se encontró la lista de palabras del corrector en ${wordListPath}`);
  });
});
