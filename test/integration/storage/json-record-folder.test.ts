/**
 * The JSON record folder on real temporary folders: coalesced and serialized writes,
 * retries, deletion, flush on stop, and loading with leftovers and damaged files.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LogFields, Logger } from '../../../shared/log/logger';
import { JsonRecordFolder, type JsonRecordFolderOptions } from '../../../main/storage/json-record-folder';
import { until } from '../../support/until';

const noteSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  body: z.string(),
});

interface Note {
  body: string;
}

type NoteFolderOptions = JsonRecordFolderOptions<Note, typeof noteSchema>;

/** A logger that keeps each line as JSON, so a test can count messages and search fields. */
class LineLogger implements Logger {
  readonly lines: string[] = [];

  debug(fields: LogFields, message: string): void {
    this.lines.push(JSON.stringify({ level: 'debug', ...fields, msg: message }));
  }

  info(fields: LogFields, message: string): void {
    this.lines.push(JSON.stringify({ level: 'info', ...fields, msg: message }));
  }

  warn(fields: LogFields, message: string): void {
    this.lines.push(JSON.stringify({ level: 'warn', ...fields, msg: message }));
  }

  error(fields: LogFields, message: string): void {
    this.lines.push(JSON.stringify({ level: 'error', ...fields, msg: message }));
  }

  child(): Logger {
    return this;
  }

  count(message: string): number {
    return this.lines.filter((line) => line.includes(message)).length;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let root: string;
let folder: string;
let logger: LineLogger;
const opened: JsonRecordFolder<Note, typeof noteSchema>[] = [];
const watchers: FSWatcher[] = [];

function open(overrides: Partial<NoteFolderOptions> = {}): JsonRecordFolder<Note, typeof noteSchema> {
  const files = new JsonRecordFolder<Note, typeof noteSchema>({
    folder,
    logger,
    recordName: 'note',
    keyField: 'noteId',
    fileName: (id) => `${id}.json`,
    schema: noteSchema,
    toFile: (id, note) => ({ version: 1 as const, id, body: note.body }),
    fromFile: (file) => ({ key: file.id, value: { body: file.body } }),
    debounceMs: 40,
    ...overrides,
  });
  opened.push(files);
  return files;
}

const pathOf = (id: string) => join(folder, `${id}.json`);
const readNote = async (id: string) => JSON.parse(await readFile(pathOf(id), 'utf8')) as { id: string; body: string };

/** Counts the renames onto a file's name, that is the completed atomic writes and the deletions of that file. */
function countRenamesOnto(name: string): () => number {
  let renames = 0;
  const watcher = watch(folder, (event, changed) => {
    if (event === 'rename' && changed === name) renames++;
  });
  watchers.push(watcher);
  return () => renames;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-record-folder-'));
  folder = join(root, 'notes');
  logger = new LineLogger();
});

afterEach(async () => {
  for (const watcher of watchers.splice(0)) watcher.close();
  for (const files of opened.splice(0)) await files.stop();
  await rm(root, { recursive: true, force: true });
});

describe('json record folder', () => {
  it('writes a burst of changes once', async () => {
    const files = open({ debounceMs: 60, maxWaitMs: 1_000 });
    await files.load();
    const renames = countRenamesOnto('n1.json');

    for (let index = 1; index <= 20; index++) {
      files.set('n1', { body: `versión ${index}` });
      await sleep(5);
    }
    expect(renames()).toBe(0);
    await until(async () => (await readNote('n1').catch(() => undefined))?.body === 'versión 20', 2_000);
    await sleep(150);

    expect(renames()).toBe(1);
    expect(await readdir(folder)).toEqual(['n1.json']);
  });

  it('caps the wait during endless changes', async () => {
    const writtenAt: number[] = [];
    const files = open({ debounceMs: 60, maxWaitMs: 150, onWritten: () => writtenAt.push(Date.now()) });
    await files.load();

    // A change every 20 ms never pauses for the 60 ms debounce, so only the maximum wait triggers writes.
    const started = Date.now();
    for (let index = 1; index <= 25; index++) {
      files.set('n1', { body: `versión ${index}` });
      await sleep(20);
    }
    await files.flush();

    expect(writtenAt.length).toBeGreaterThanOrEqual(2);
    expect(writtenAt.length).toBeLessThanOrEqual(6);
    // 150 ms of maximum wait plus 150 ms for the write and timer lateness on a busy two-core machine.
    expect(writtenAt[0]! - started).toBeLessThanOrEqual(150 + 150);
    expect((await readNote('n1')).body).toBe('versión 25');
  });

  it('serializes the operations of one key', async () => {
    const events: string[] = [];
    const files = open({
      toFile: (id, note) => {
        events.push(`start ${id} ${note.body}`);
        return { version: 1 as const, id, body: note.body };
      },
      onWritten: (id, note) => events.push(`end ${id} ${note.body}`),
    });
    await files.load();

    // Each flush requests a write at once, mostly while the previous write of the key, with its fsync, still runs.
    const flushes: Promise<void>[] = [];
    for (let index = 1; index <= 5; index++) {
      files.set('n1', { body: `v${index}` });
      flushes.push(files.flush());
      await sleep(1);
    }
    await Promise.all(flushes);

    expect(events.length).toBeGreaterThanOrEqual(4);
    for (let index = 0; index < events.length; index += 2) {
      expect(events[index]).toMatch(/^start n1 /);
      expect(events[index + 1]).toBe(events[index]!.replace('start', 'end'));
    }
    expect((await readNote('n1')).body).toBe('v5');
  });

  it('lets a deletion win over a running write', async () => {
    const files = open();
    await files.load();
    files.set('n1', { body: 'primera' });
    void files.flush();
    await files.delete('n1');
    await sleep(100);

    expect(files.get('n1')).toBeUndefined();
    await expect(readFile(pathOf('n1'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('retries a failed write and logs it once', async () => {
    const failures: { id: string; path: string; code: string }[] = [];
    const files = open({ debounceMs: 20, onWriteFailed: (id, path, code) => failures.push({ id, path, code }) });
    await files.load();
    // A folder with content in the file's place makes the rename fail until it goes.
    await mkdir(join(pathOf('n1'), 'blocker'), { recursive: true });

    files.set('n1', { body: 'contenido privado' });
    await until(() => failures.length >= 3, 2_000);
    expect(failures[0]).toEqual({ id: 'n1', path: pathOf('n1'), code: expect.any(String) });
    expect(logger.count('note could not be saved; retrying')).toBe(1);

    await rm(pathOf('n1'), { recursive: true });
    await until(() => logger.count('note saved again after failures') === 1, 2_000);
    expect((await readNote('n1')).body).toBe('contenido privado');
    expect(logger.lines.join('\n')).not.toContain('contenido privado');
    expect(logger.lines.find((line) => line.includes('could not be saved'))).toContain('"noteId":"n1"');
  });

  it('logs a second failing streak again', async () => {
    const files = open({ debounceMs: 20 });
    await files.load();
    for (const streak of [1, 2]) {
      await rm(pathOf('n1'), { force: true });
      await mkdir(join(pathOf('n1'), 'blocker'), { recursive: true });
      files.set('n1', { body: `racha ${streak}` });
      await until(() => logger.count('note could not be saved') === streak, 2_000);
      await rm(pathOf('n1'), { recursive: true });
      await until(() => logger.count('note saved again after failures') === streak, 2_000);
    }
    expect((await readNote('n1')).body).toBe('racha 2');
  });

  it('writes what is scheduled at stop', async () => {
    const files = open({ debounceMs: 10_000 });
    await files.load();
    files.set('n1', { body: 'antes de parar' });
    files.set('n2', { body: 'otra nota' });
    await files.stop();

    expect((await readNote('n1')).body).toBe('antes de parar');
    expect((await readNote('n2')).body).toBe('otra nota');

    // After stop a change stays in memory only.
    files.set('n1', { body: 'después de parar' });
    await sleep(100);
    expect(files.get('n1')).toEqual({ body: 'después de parar' });
    expect((await readNote('n1')).body).toBe('antes de parar');
  });

  it('logs the keys still failing at stop', async () => {
    const files = open({ debounceMs: 20 });
    await files.load();
    await mkdir(join(pathOf('n1'), 'blocker'), { recursive: true });
    files.set('n1', { body: 'sin guardar' });
    await files.stop();

    expect(logger.count('note files not saved at stop')).toBe(1);
    expect(logger.lines.find((line) => line.includes('not saved at stop'))).toContain('"noteIds":["n1"]');
    // The retry scheduled by the failed write at stop is dropped: no further attempt is logged or made.
    const linesAtStop = logger.lines.length;
    await sleep(100);
    expect(logger.lines.length).toBe(linesAtStop);
  });

  it('loads the records written before', async () => {
    const first = open();
    await first.load();
    first.set('n1', { body: 'uno' });
    first.set('n2', { body: 'dos' });
    await first.stop();

    const second = open();
    expect(await second.load()).toEqual([]);
    expect(second.keys().sort()).toEqual(['n1', 'n2']);
    expect(second.get('n1')).toEqual({ body: 'uno' });
    expect(second.values().map((note) => note.body).sort()).toEqual(['dos', 'uno']);
  });

  it('removes temporary leftovers at load', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(pathOf('n1'), JSON.stringify({ version: 1, id: 'n1', body: 'intacta' }));
    await writeFile(join(folder, '.n1.json.0a1b2c.tmp'), '{"version":1,"id":"n1","bo');
    await writeFile(join(folder, 'LEEME.txt'), 'no es una nota');

    const files = open();
    expect(await files.load()).toEqual([]);

    expect((await readdir(folder)).sort()).toEqual(['LEEME.txt', 'n1.json']);
    expect(files.get('n1')).toEqual({ body: 'intacta' });
  });

  it('moves damaged files aside', async () => {
    await mkdir(folder, { recursive: true });
    await writeFile(pathOf('n1'), JSON.stringify({ version: 1, id: 'n1', body: 'intacta' }));
    const cases = {
      cut: ['n2', '{"version":1,"id":"n2","bo'],
      wrongShape: ['n3', JSON.stringify({ version: 1, id: 'n3', body: 42 })],
      wrongVersion: ['n4', JSON.stringify({ version: 2, id: 'n4', body: 'futura' })],
      otherKey: ['n5', JSON.stringify({ version: 1, id: 'n1', body: 'usurpadora' })],
      empty: ['n6', ''],
    };
    for (const [id, content] of Object.values(cases)) await writeFile(pathOf(id!), content!);

    const files = open();
    const setAside = await files.load();

    const damagedPaths = Object.values(cases).map(([id]) => pathOf(id!));
    expect(setAside.map((file) => file.path).sort()).toEqual(damagedPaths.sort());
    for (const [id, content] of Object.values(cases)) {
      const file = setAside.find((entry) => entry.path === pathOf(id!))!;
      expect(file.keptAs.startsWith(join(folder, 'corrupt', `${id}.json.`))).toBe(true);
      expect(await readFile(file.keptAs, 'utf8')).toBe(content);
    }
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['corrupt', 'n1.json']));
    expect((await readdir(folder)).length).toBe(2);
    expect(files.keys()).toEqual(['n1']);
    expect(files.get('n1')).toEqual({ body: 'intacta' });
    expect(logger.count('note file is damaged; moved aside')).toBe(5);

    // The next load finds nothing left to report.
    expect(await open().load()).toEqual([]);
  });

  it('creates folders with the mode given', async () => {
    await open({ folderMode: 0o700 }).load();
    await writeFile(pathOf('n1'), 'dañado');
    await open({ folderMode: 0o700 }).load();

    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, 'corrupt'))).mode & 0o777).toBe(0o700);
  });

  it('rejects an unusable folder at load', async () => {
    await writeFile(join(root, 'archivo'), '');
    folder = join(root, 'archivo', 'notes');

    await expect(open().load()).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('keeps working after a failed deletion', async () => {
    const failedWrites: string[] = [];
    const files = open({ debounceMs: 20, onWriteFailed: (id) => failedWrites.push(id) });
    await files.load();
    // rm without the recursive flag rejects a folder in the file's place, and a rename onto it fails too.
    await mkdir(pathOf('n1'));

    const deletion = files.delete('n1');
    files.set('n1', { body: 'de nuevo' });
    const flushed = files.flush();
    await expect(deletion).rejects.toBeDefined();
    await flushed;

    // The write queued behind the failed deletion still ran.
    expect(logger.count('note file could not be deleted')).toBe(1);
    expect(failedWrites).toContain('n1');
    await rm(pathOf('n1'), { recursive: true });
    await until(async () => (await readNote('n1').catch(() => undefined))?.body === 'de nuevo', 2_000);
  });
});
