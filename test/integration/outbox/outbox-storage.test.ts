/**
 * The outbox on a data folder that cannot be written. The tests run as root in CI,
 * where chmod does not stop writes, so they use failures that bind root too. One is a
 * path whose parent is a regular file (ENOTDIR). The other is a file-size limit set
 * with `ulimit -f` in a child process, which makes writes fail with EFBIG as on a full disk.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { TestSmtpServer } from './smtp-test-server';

const commandChild = join(import.meta.dirname, 'fixtures', 'command-child.ts');

let root: string;
let dataDir: string;
let server: TestSmtpServer;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-outbox-storage-'));
  dataDir = join(root, 'data');
  server = new TestSmtpServer();
  await server.start();
});

afterEach(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

async function queueThree(): Promise<{ outbox: Outbox; messageIds: string[] }> {
  const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port: server.port } });
  const messageIds: string[] = [];
  for (const index of [1, 2, 3]) messageIds.push((await outbox.enqueue({ to: `c${index}@example.co`, subject: `S${index}`, text: `T${index}` })).messageId);
  return { outbox, messageIds };
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const id of await readdir(folder)) {
    for (const name of await readdir(join(folder, id))) files[`${id}/${name}`] = await readFile(join(folder, id, name), 'utf8');
  }
  return files;
}

describe('outbox storage failures', () => {
  it('reports a data folder below a regular file', async () => {
    await writeFile(join(root, 'archivo'), 'no es una carpeta');
    const failure = Outbox.open({ dataDir: join(root, 'archivo', 'datos') });

    await expect(failure).rejects.toMatchObject({ code: 'outbox.error.notWritable', params: { path: join(root, 'archivo', 'datos', 'outbox', 'tmp') } });
  });

  it('keeps queued messages when the folder becomes unwritable', async () => {
    const { outbox, messageIds } = await queueThree();
    const queueFolder = join(dataDir, 'outbox', 'queue');
    const before = await snapshot(queueFolder);

    // tmp/ turned into a regular file: every new message fails to stage, for root too.
    await rm(join(dataDir, 'outbox', 'tmp'), { recursive: true });
    await writeFile(join(dataDir, 'outbox', 'tmp'), '');
    const failure = await outbox.enqueue({ to: 'c4@example.co', subject: 'S4', text: 'T4' }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'outbox.error.notWritable' });
    expect(String((failure as { params: { path: string } }).params.path)).toContain(join(dataDir, 'outbox', 'tmp'));
    expect(outbox.list()).toHaveLength(3);
    expect(await snapshot(queueFolder)).toEqual(before);

    await rm(join(dataDir, 'outbox', 'tmp'));
    await mkdir(join(dataDir, 'outbox', 'tmp'));
    expect(await outbox.flush()).toEqual({ sent: 3, failed: 0, pending: 0 });
    expect(server.received.map((message) => message.messageId).sort()).toEqual([...messageIds].sort());
  });

  it('reports a full disk and keeps the queue', { timeout: 30_000 }, async () => {
    const { messageIds } = await queueThree();
    const queueFolder = join(dataDir, 'outbox', 'queue');
    const before = await snapshot(queueFolder);
    const bodyFile = join(root, 'cuerpo.txt');
    await writeFile(bodyFile, 'Respuesta larga. '.repeat(4_000));

    // ulimit -f counts 1024-byte blocks: 16 KB holds a state file but not this 68 KB message.
    const args = ['enqueue', '--data', dataDir, '--to', 'c4@example.co', '--subject', 'S4', '--body-file', bodyFile];
    const child = spawn('bash', ['-c', 'ulimit -f 16 && exec "$0" "$@"', process.execPath, '--import', 'tsx', commandChild, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(stderr).toContain('No hay espacio en el disco para guardar el correo');
    expect(stderr).toContain('Los correos que ya estaban en la bandeja de salida se conservan.');
    expect(code).toBe(1);
    expect(await snapshot(queueFolder)).toEqual(before);
    expect(await readdir(join(dataDir, 'outbox', 'tmp'))).toEqual([]);

    const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port: server.port } });
    expect(await outbox.flush()).toEqual({ sent: 3, failed: 0, pending: 0 });
    expect(server.received.map((message) => message.messageId).sort()).toEqual([...messageIds].sort());
  });

  it('fails a message whose file vanished', async () => {
    const { outbox, messageIds } = await queueThree();
    const [first] = outbox.list();
    await rm(join(dataDir, 'outbox', 'queue', first!.id, 'message.eml'));

    const summary = await outbox.flush();

    expect(summary).toEqual({ sent: 2, failed: 1, pending: 0 });
    const failed = outbox.list().find((entry) => entry.id === first!.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toEqual({ key: 'outbox.error.corrupt', params: { path: join(dataDir, 'outbox', 'queue', first!.id, 'message.eml') } });
    expect(server.received.map((message) => message.messageId).sort()).toEqual(messageIds.slice(1).sort());
  });

  it('reports an unreadable entry and sends the rest', async () => {
    const { messageIds } = await queueThree();
    const ids = await readdir(join(dataDir, 'outbox', 'queue'));
    const damaged = join(dataDir, 'outbox', 'queue', ids[1]!);
    await writeFile(join(damaged, 'state.json'), '{"version":1,"id":');

    const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port: server.port } });
    const summary = await outbox.flush();

    expect(outbox.problems()).toEqual([{ key: 'outbox.error.corrupt', params: { path: damaged } }]);
    expect(summary).toEqual({ sent: 2, failed: 0, pending: 0 });
    expect(server.received.map((message) => message.messageId).sort()).toEqual([messageIds[0], messageIds[2]].sort());
    expect(await readFile(join(damaged, 'state.json'), 'utf8')).toBe('{"version":1,"id":');
    expect((await readFile(join(damaged, 'message.eml'), 'utf8')).length).toBeGreaterThan(100);
  });
});
