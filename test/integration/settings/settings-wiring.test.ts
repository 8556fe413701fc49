/**
 * The entity settings where they take effect: `serve` with an entity hub, the
 * self-test command's --settings, the SMTP password file's permissions, and the
 * log file's rotation.
 */
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/result';
import { silentLogger } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { UsageError } from '../../../main/cli/args';
import { startServe } from '../../../main/cli/serve';
import { RotatingFile } from '../../../main/log/rotating-file';
import { runSelfTestCommand } from '../../../main/selftest/selftest-command';
import { readSmtpPasswordFromEnvironment } from '../../../main/settings/smtp-password';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-wiring-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('serve with an entity hub', () => {
  let hub: HubHandle;
  let blocker: Server;

  beforeEach(async () => {
    hub = await startHub({ port: 0, logger: silentLogger });
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    await hub.close();
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('connects to that hub instead of the embedded one', async () => {
    const settings = join(dataDir, 'entidad.json');
    await writeFile(settings, JSON.stringify({ entityName: 'Alcaldía de Ejemplo', hubUrl: hub.agentUrl }));
    // The embedded hub's port is taken, so starting it would fail with EADDRINUSE.
    const busyPort = String((blocker.address() as { port: number }).port);
    const stdout = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk) => (printed += String(chunk)));

    const running = await startServe(['--data', dataDir, '--settings', settings, '--hub-port', busyPort, '--agent', 'Ana Pérez'], { stdout, logger: silentLogger, dataDir });
    try {
      expect(running.citizenUrl).toBe(hub.citizenUrl);
      expect(printed).toContain(`Chat ciudadano: ${hub.citizenUrl}`);
    } finally {
      await running.stop();
    }
  });

  it('stops cleanly when the embedded hub cannot start', async () => {
    const busyPort = String((blocker.address() as { port: number }).port);
    await expect(startServe(['--data', dataDir, '--hub-port', busyPort], { stdout: new PassThrough(), logger: silentLogger, dataDir })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('selftest --settings', () => {
  async function run(argv: string[]): Promise<string> {
    let output = '';
    await runSelfTestCommand(argv, { stdout: { write: (text: string) => (output += text) }, logger: silentLogger, dataDir });
    return output;
  }

  it('uses the settings file for the hub and the SMTP server', async () => {
    const hub = await startHub({ port: 0, logger: silentLogger });
    try {
      const settings = join(dataDir, 'entidad.json');
      // Port 9 on loopback: nothing listens there, so the SMTP probe fails fast and stays on this machine.
      await writeFile(settings, JSON.stringify({ entityName: 'Alcaldía', hubUrl: hub.agentUrl, smtp: { host: '127.0.0.1', port: 9 } }));
      const report = JSON.parse(await run(['--json', '--settings', settings])) as { checks: { id: string; status: string }[] };
      expect(report.checks.find((check) => check.id === 'hub')?.status).toBe('pass');
      expect(report.checks.find((check) => check.id === 'smtp')?.status).toBe('fail');
    } finally {
      await hub.close();
    }
  });

  it('rejects an invalid settings file with its line', async () => {
    const settings = join(dataDir, 'entidad.json');
    await writeFile(settings, '{\n  "entityName": "Alcaldía",\n  "selfTest": { "thresholds": { "latencyWarnMs": "rápido" } }\n}');
    await expect(run(['--settings', settings])).rejects.toThrow(UsageError);
    await expect(run(['--settings', settings])).rejects.toThrow(/«selfTest\.thresholds\.latencyWarnMs», línea 3/);
  });
});

describe('SMTP password outside Electron', () => {
  it('reads the variable first', async () => {
    expect(await readSmtpPasswordFromEnvironment({ ATIENDE_SMTP_PASSWORD: 's3creta', ATIENDE_SMTP_PASSWORD_FILE: '/no/such/file' })).toBe('s3creta');
    expect(await readSmtpPasswordFromEnvironment({})).toBeUndefined();
  });

  it('reads an owner-only file without its newline', async () => {
    const file = join(dataDir, 'smtp-password');
    await writeFile(file, 'clave con espacios \n');
    await chmod(file, 0o600);
    expect(await readSmtpPasswordFromEnvironment({ ATIENDE_SMTP_PASSWORD_FILE: file }, 'linux')).toBe('clave con espacios ');
  });

  it('rejects a file others can read', async () => {
    const file = join(dataDir, 'smtp-password');
    await writeFile(file, 'clave');
    await chmod(file, 0o644);
    const error = await readSmtpPasswordFromEnvironment({ ATIENDE_SMTP_PASSWORD_FILE: file }, 'linux').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('smtpPassword.error.readableByOthers');
    expect((error as ApiError).params).toMatchObject({ file, mode: '0644' });
  });

  it('rejects a missing or empty file', async () => {
    const missing = await readSmtpPasswordFromEnvironment({ ATIENDE_SMTP_PASSWORD_FILE: join(dataDir, 'none') }, 'linux').catch((caught: unknown) => caught);
    expect((missing as ApiError).code).toBe('smtpPassword.error.openFile');
    const file = join(dataDir, 'empty');
    await writeFile(file, '\n');
    await chmod(file, 0o600);
    const empty = await readSmtpPasswordFromEnvironment({ ATIENDE_SMTP_PASSWORD_FILE: file }, 'linux').catch((caught: unknown) => caught);
    expect((empty as ApiError).code).toBe('smtpPassword.error.empty');
  });
});

describe('log rotation', () => {
  it('rotates by size and keeps the newest files', async () => {
    const path = join(dataDir, 'atiende.log');
    const file = new RotatingFile(path, { maxBytes: 100, keep: 2 });
    for (let line = 0; line < 20; line += 1) file.write(`${JSON.stringify({ line, padding: 'x'.repeat(20) })}\n`);
    file.close();

    expect((await readdir(dataDir)).sort()).toEqual(['atiende.log', 'atiende.log.1', 'atiende.log.2']);
    const current = await readFile(path, 'utf8');
    expect(Buffer.byteLength(current)).toBeLessThanOrEqual(100);
    expect(current).toContain('"line":19');
    expect(await readFile(`${path}.2`, 'utf8')).not.toContain('"line":0,');
  });

  it('continues an existing file', async () => {
    const path = join(dataDir, 'atiende.log');
    await writeFile(path, 'x'.repeat(90));
    const file = new RotatingFile(path, { maxBytes: 100, keep: 1 });
    file.write('y'.repeat(20));
    file.close();
    expect((await readdir(dataDir)).sort()).toEqual(['atiende.log', 'atiende.log.1']);
  });
});
