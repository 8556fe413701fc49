import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOutboxCommand } from '../../../main/outbox/outbox-command';
import { Outbox } from '../../../main/outbox/outbox';
import { silentLogger } from '../../../shared/log/logger';
import { closedPort, TestSmtpServer } from './smtp-test-server';

let root: string;
let dataDir: string;
let bodyFile: string;
let server: TestSmtpServer;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, logger: silentLogger };
  const code = await runOutboxCommand(argv, io);
  return { code, stdout, stderr };
}

function enqueue(to: string, ...extra: string[]): Promise<Run> {
  return run('enqueue', '--data', dataDir, '--to', to, '--subject', 'Respuesta a su solicitud', '--body-file', bodyFile, ...extra);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-outbox-command-'));
  dataDir = join(root, 'data');
  bodyFile = join(root, 'respuesta.txt');
  await writeFile(bodyFile, 'Buenas tardes.\n\nSu solicitud fue atendida.\n');
  server = new TestSmtpServer({ rejectRecipients: ['rechazado@example.co'] });
});

afterEach(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe('outbox command', () => {
  it('enqueues, flushes and reports status', async () => {
    const port = await server.start();

    const queued = await enqueue('ana@example.co', '--chat', 'chat-9');
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/^Correo \S+ guardado en la bandeja de salida con el Message-ID <.+>\.\n$/);

    const before = await run('status', '--data', dataDir);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^Id +Estado +Intentos +Para +Asunto +Último error\n/);
    expect(before.stdout).toContain('Pendiente');
    expect(before.stdout).toContain('Pendientes: 1. Enviando: 0. Enviados: 0. Fallidos: 0.');

    const flushed = await run('flush', '--data', dataDir, '--smtp', `smtp://127.0.0.1:${port}`);
    expect(flushed.stdout).toBe('Enviados: 1. Fallidos: 0. Pendientes: 0.\n');
    expect(flushed.code).toBe(0);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.text).toContain('Su solicitud fue atendida.');

    const after = await run('status', '--data', dataDir, '--json');
    const status = JSON.parse(after.stdout) as { counts: Record<string, number>; entries: { state: string; chatId: string }[] };
    expect(after.code).toBe(0);
    expect(status.counts).toEqual({ pending: 0, sending: 0, sent: 1, failed: 0 });
    expect(status.entries[0]).toMatchObject({ state: 'sent', chatId: 'chat-9' });
  });

  it('exits 1 when the server is down', async () => {
    await enqueue('ana@example.co');
    const flushed = await run('flush', '--data', dataDir, '--smtp', `smtp://127.0.0.1:${await closedPort()}`);

    expect(flushed.code).toBe(1);
    expect(flushed.stdout).toBe('Enviados: 0. Fallidos: 0. Pendientes: 1.\n');
    const status = await run('status', '--data', dataDir);
    expect(status.stdout).toContain('No se pudo conectar con el servidor de correo');
  });

  it('exits 0 with a rejected message marked failed', async () => {
    const port = await server.start();
    await enqueue('rechazado@example.co');
    const flushed = await run('flush', '--data', dataDir, '--smtp', `smtp://127.0.0.1:${port}`);

    expect(flushed.code).toBe(0);
    expect(flushed.stdout).toBe('Enviados: 0. Fallidos: 1. Pendientes: 0.\n');
    expect((await run('status', '--data', dataDir)).stdout).toContain('El servidor de correo rechazó el correo: 550');
  });

  it('exits 2 on an invalid address and names it', async () => {
    const result = await enqueue('ana@example');

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('La dirección de correo «ana@example» no es válida. Escríbala completa, por ejemplo nombre@dominio.gov.co.\n');
    expect((await run('status', '--data', dataDir)).stdout).toBe('La bandeja de salida está vacía.\n');
  });

  it('exits 2 on bad arguments', async () => {
    const cases: [string[], string][] = [
      [['enqueue', '--data', dataDir, '--subject', 'S', '--body-file', bodyFile], 'Falta la opción --to.'],
      [['enqueue', '--data', dataDir, '--to', ' ', '--subject', 'S', '--body-file', bodyFile], 'La opción --to está vacía.'],
      [['status'], 'Falta la opción --data.'],
      [['enviar', '--data', dataDir], 'El subcomando «enviar» no existe. Use enqueue, flush o status.'],
      [[], 'Indique un subcomando: enqueue, flush o status.'],
      [['status', '--data', dataDir, '--color'], 'Argumento no válido: la opción «--color» no existe.'],
      [['status', '--data', dataDir, 'de-mas'], 'Argumento no reconocido: «de-mas».'],
      [['flush', '--data', dataDir, '--smtp', 'http://127.0.0.1:25'], 'La dirección del servidor de correo «http://127.0.0.1:25» no es válida.'],
      [['enqueue', '--data', dataDir, '--to', 'a@example.co', '--subject', 'S', '--body-file', join(root, 'falta.txt')], 'No se pudo leer el archivo'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toContain(message);
    }
  });

  it('exits 2 on an invalid settings file', async () => {
    await enqueue('ana@example.co');
    await writeFile(join(dataDir, 'outbox', 'settings.json'), JSON.stringify({ port: 'veinticinco' }));

    const result = await run('flush', '--data', dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`El archivo de configuración del correo ${join(dataDir, 'outbox', 'settings.json')} no es válido en el campo port.\n`);
  });

  it('reads the server from the settings file', async () => {
    const port = await server.start();
    await enqueue('ana@example.co');
    await writeFile(join(dataDir, 'outbox', 'settings.json'), JSON.stringify({ host: '127.0.0.1', port, from: 'atencion@entidad.gov.co' }));

    expect((await run('flush', '--data', dataDir)).code).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it('exits 1 while another process sends', async () => {
    const port = await server.start();
    await enqueue('ana@example.co');
    const sender = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port } });
    await sender.start();
    try {
      const result = await run('flush', '--data', dataDir, '--smtp', `smtp://127.0.0.1:${port}`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Otro programa de Atiende (proceso ${process.pid}) está enviando`);
    } finally {
      await sender.stop();
    }
  });
});
