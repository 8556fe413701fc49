/**
 * The built command line as users run it: exit codes and the Spanish messages for
 * bad arguments, a busy port and a missing Electron binary. Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(process.cwd(), 'dist', 'node', 'cli.js');
let dataDir: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" before these tests.`);
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('atiende serve', () => {
  it('rejects a port that is not a number', async () => {
    const result = await run(['serve', '--data', dataDir, '--hub-port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('«abc»');
    expect(result.stderr).toContain('--hub-port');
  });

  it('rejects an agent name without a surname', async () => {
    const result = await run(['serve', '--data', dataDir, '--agent', 'Ana']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('«Ana»');
    expect(result.stderr).toContain('apellido');
  });

  it('rejects an unknown option', async () => {
    const result = await run(['serve', '--data', dataDir, '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Argumento no válido');
    expect(result.stdout).toBe('');
  });

  describe('with the hub port taken', () => {
    let blocker: Server;
    let port: number;

    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('names the port and what to do', async () => {
      const result = await run(['serve', '--data', dataDir, '--hub-port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`El puerto ${port} ya está en uso`);
    });
  });
});

describe('atiende start', () => {
  it('explains in Spanish and English to use npm run serve when Electron is missing', async () => {
    const emptyDist = mkdtempSync(join(tmpdir(), 'atiende-no-electron-'));
    const result = await run(['start', '--data', dataDir], { ELECTRON_OVERRIDE_DIST_PATH: emptyDist, ATIENDE_NO_ELECTRON_DOWNLOAD: '1' });
    rmSync(emptyDist, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No se encontró el programa Electron');
    expect(result.stderr).toContain('The Electron program was not found');
    expect(result.stderr.match(/npm run serve/g)?.length).toBe(2);
  });
});

describe('atiende', () => {
  it('rejects an unknown command', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Comando desconocido: «frobnicate»');
  });
});
