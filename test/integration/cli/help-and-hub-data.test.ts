/**
 * The command line as IT staff run it from the build (`node dist/node/cli.js`).
 * Covered: help texts, missing options, and the outbox's SMTP envelope sender
 * against a real smtp-server. Also the data command on a standalone hub's data
 * folder, the hub's retention sweep and lock, and the data lock's messages.
 * Needs `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestSmtpServer } from '../outbox/smtp-test-server';

const cli = join(process.cwd(), 'dist', 'node', 'cli.js');
const RUN_TIMEOUT_MS = 15_000;
const DAY_MS = 24 * 60 * 60 * 1000;
let root: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, XDG_CONFIG_HOME: join(root, 'config') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" before these tests.`);
  root = await mkdtemp(join(tmpdir(), 'atiende-trial-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('help', () => {
  const commands = ['serve', 'start', 'hub', 'check', 'outbox', 'selftest', 'kb', 'datos'];

  it.each(commands)('%s --help prints Spanish usage', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Uso: /);
    expect(result.stderr).toBe('');
  });

  it('accepts -h as well', async () => {
    const result = await run(['outbox', 'flush', '-h']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Uso: atiende outbox/);
  });

  it('creates no data folder', () => {
    // XDG_CONFIG_HOME points the default data folder into root/config on Linux.
    expect(existsSync(join(root, 'config', 'Atiende'))).toBe(false);
  });

  it('lists every subcommand', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of commands) expect(result.stdout).toContain(`  ${command} `);
  });
});

describe('bad input', () => {
  it.each([
    [['serve', '--colour'], 'la opción «--colour» no existe'],
    [['datos', 'exportar', '--correo'], 'falta el valor de la opción «--correo»'],
    [['outbox', 'status', '--json=sí'], 'la opción «--json» no lleva valor'],
    [['selftest', '--verbose'], 'la opción «--verbose» no existe'],
  ])('%j is explained in Spanish', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/Unknown option|To specify|argument missing|does not take/);
  });

  it('outbox enqueue without --to says it is missing', async () => {
    const result = await run(['outbox', 'enqueue', '--data', join(root, 'missing-to'), '--subject', 'Hola', '--body-file', 'x.txt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Falta la opción --to\./);
    expect(result.stderr).not.toContain('no válido');
  });

  it('outbox without a subcommand lists them', async () => {
    const result = await run(['outbox']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Indique un subcomando: enqueue, flush o status.');
  });

  it('datos exportar without --correo says it is missing', async () => {
    const result = await run(['datos', 'exportar', '--data', root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Falta la opción --correo/);
  });

  it('kb search on a missing folder points at the command', async () => {
    const result = await run(['kb', 'search', join(root, 'no-existe'), 'predial', '--data', join(root, 'kb-data')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Revise la ruta que escribió en el comando.');
    expect(result.stderr).not.toContain('Revise la configuración');
  });
});

describe('outbox envelope sender', () => {
  const smtp = new TestSmtpServer();
  let body: string;

  beforeAll(async () => {
    await smtp.start();
    body = join(root, 'respuesta.txt');
    await writeFile(body, 'Buenas tardes.\n');
  });
  afterAll(() => smtp.stop());

  async function enqueueAndFlush(dataDir: string, enqueueExtra: string[], flushExtra: string[] = []): Promise<string> {
    const queued = await run(['outbox', 'enqueue', '--data', dataDir, '--to', 'ana@example.co', '--subject', 'Respuesta', '--body-file', body, ...enqueueExtra]);
    expect(queued.stderr).toBe('');
    const before = smtp.received.length;
    const flushed = await run(['outbox', 'flush', '--data', dataDir, '--smtp', `smtp://127.0.0.1:${smtp.port}`, ...flushExtra]);
    expect(flushed.code).toBe(0);
    await smtp.waitForCount(before + 1, 5000);
    return smtp.received.at(-1)!.mailFrom;
  }

  it('comes from the From given to enqueue', async () => {
    expect(await enqueueAndFlush(join(root, 'outbox-from'), ['--from', 'Chat <chat@alcaldia.example>'])).toBe('chat@alcaldia.example');
  });

  it('comes from the settings file when enqueue got none', async () => {
    const dataDir = join(root, 'outbox-settings');
    await mkdir(join(dataDir, 'outbox'), { recursive: true });
    await writeFile(join(dataDir, 'outbox', 'settings.json'), JSON.stringify({ from: 'Atención <atencion@alcaldia.example>' }));
    expect(await enqueueAndFlush(dataDir, [])).toBe('atencion@alcaldia.example');
  });

  it('replaces the placeholder sender with the one configured later', async () => {
    expect(await enqueueAndFlush(join(root, 'outbox-later'), [], ['--from', 'Chat <chat@alcaldia.example>'])).toBe('chat@alcaldia.example');
  });
});

describe('standalone hub data', () => {
  const email = 'ana@example.co';
  let hubFolder: string;
  let settingsFile: string;
  let hub: ChildProcess | null = null;

  function chatLines(text: string, at: number): string {
    return `${JSON.stringify({ kind: 'message', message: { chatId: 'x', seq: 1, id: 'm1', author: 'citizen', text, at } })}\n`;
  }

  beforeAll(async () => {
    settingsFile = join(root, 'hub.json');
    hubFolder = join(root, 'datos-hub');
    await mkdir(join(hubFolder, 'chats'), { recursive: true });
    const now = Date.now();
    await writeFile(join(hubFolder, 'chats', 'chat-nuevo.jsonl'), chatLines(`Mi correo es ${email}`, now));
    await writeFile(join(hubFolder, 'chats', 'chat-viejo.jsonl'), chatLines('Consulta antigua', now - 3 * DAY_MS));
    const old = new Date(now - 3 * DAY_MS);
    await utimes(join(hubFolder, 'chats', 'chat-viejo.jsonl'), old, old);
    const followUps = [
      { id: 'f-nuevo', at: now, email, text: 'Necesito el certificado', service: 'no-agents' },
      { id: 'f-viejo', at: now - 3 * DAY_MS, email: 'luis@example.co', text: 'Consulta antigua', service: 'closed' },
    ];
    await writeFile(join(hubFolder, 'follow-ups.jsonl'), followUps.map((line) => `${JSON.stringify(line)}\n`).join(''));
    await writeFile(settingsFile, JSON.stringify({ host: '127.0.0.1', port: 0, dataDir: 'datos-hub', retentionDays: 1 }));
  });

  afterEach(async () => {
    if (!hub) return;
    const exited = new Promise((resolve) => hub!.once('exit', resolve));
    hub.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    hub = null;
  });

  it('exports a citizen found in the hub folder', async () => {
    const result = await run(['datos', 'exportar', '--correo', email, '--data', hubFolder]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const exported = JSON.parse(result.stdout) as { items: { kind: string; path: string }[] };
    expect(exported.items.map((item) => item.kind).sort()).toEqual(['followUps', 'hubChats']);
    expect(exported.items.find((item) => item.kind === 'hubChats')?.path).toBe(join(hubFolder, 'chats', 'chat-nuevo.jsonl'));
  });

  it('sweeps expired data at hub start and locks the folder', { timeout: 30_000 }, async () => {
    hub = spawn(process.execPath, [cli, 'hub', '--settings', settingsFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: join(root, 'config') } });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('hub printed no address within 15 s')), RUN_TIMEOUT_MS);
      hub!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`hub exited with code ${code} before printing its address`));
      });
      createInterface({ input: hub!.stdout! }).on('line', (line) => {
        if (!line.startsWith('Chat ciudadano:')) return;
        clearTimeout(timer);
        resolve();
      });
    });

    // The sweep of the chats' logs runs right after start, beside the hub.
    const deadline = Date.now() + 5000;
    while (existsSync(join(hubFolder, 'chats', 'chat-viejo.jsonl')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(join(hubFolder, 'chats', 'chat-viejo.jsonl'))).toBe(false);
    expect(existsSync(join(hubFolder, 'chats', 'chat-nuevo.jsonl'))).toBe(true);
    const followUps = await readFile(join(hubFolder, 'follow-ups.jsonl'), 'utf8');
    expect(followUps).not.toContain('f-viejo');
    expect(followUps).toContain('f-nuevo');

    const deleted = await run(['datos', 'eliminar', '--correo', email, '--data', hubFolder]);
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toContain('El hub independiente (npm run hub)');
    expect(existsSync(join(hubFolder, 'chats', 'chat-nuevo.jsonl'))).toBe(true);
  });

  it('deletes the citizen once the hub stopped', async () => {
    const result = await run(['datos', 'eliminar', '--correo', email, '--data', hubFolder]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(hubFolder, 'chats', 'chat-nuevo.jsonl'))).toBe(false);
    expect(await readFile(join(hubFolder, 'follow-ups.jsonl'), 'utf8')).not.toContain(email);
  });
});

describe('data lock messages', () => {
  async function lockedFolder(name: string, holder: { pid: number; host: string }): Promise<string> {
    const dataDir = join(root, name);
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'atiende.lock'), `${JSON.stringify({ ...holder, service: 'serve', startedAt: Date.now() })}\n`);
    return dataDir;
  }

  it('takes over a lock whose process is gone', async () => {
    // Process ids stay below 2^22 on Linux, so this one runs nowhere.
    const dataDir = await lockedFolder('stale-lock', { pid: 4194999, host: hostname() });
    const result = await run(['datos', 'eliminar', '--correo', 'ana@example.co', '--data', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dataDir, 'atiende.lock'))).toBe(false);
  });

  it('does not ask to delete the lock of a running process here', async () => {
    const dataDir = await lockedFolder('live-lock', { pid: process.pid, host: hostname() });
    const result = await run(['datos', 'eliminar', '--correo', 'ana@example.co', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('se libera solo');
    expect(result.stderr).not.toContain('borre');
  });

  it('asks to check the other computer for a lock held there', async () => {
    const dataDir = await lockedFolder('remote-lock', { pid: 1234, host: 'otro-equipo.example' });
    const result = await run(['datos', 'eliminar', '--correo', 'ana@example.co', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('otro-equipo.example, borre el archivo');
  });
});
