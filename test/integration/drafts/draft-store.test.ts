import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../main/drafts/draft-store';

const typingChild = join(import.meta.dirname, 'fixtures', 'typing-child.ts');

let dataDir: string;
const opened: DraftStore[] = [];

async function openStore(): Promise<DraftStore> {
  const store = await DraftStore.open({ dataDir });
  opened.push(store);
  return store;
}

function fileOf(chatId: string): string {
  return join(dataDir, 'drafts', `${Buffer.from(chatId).toString('hex')}.json`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-drafts-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('draft store', () => {
  it('saves within a second while typing goes on', async () => {
    const store = await openStore();
    const saves: { at: number; updatedAt: number }[] = [];
    store.on('saved', ({ updatedAt }) => saves.push({ at: Date.now(), updatedAt }));

    const typedAt: number[] = [];
    for (let keystroke = 1; keystroke <= 50; keystroke++) {
      store.update('chat-1', { text: 'x'.repeat(keystroke) });
      typedAt.push(store.get('chat-1')!.updatedAt);
      await sleep(50);
    }
    await store.flush();

    // Each keystroke is on disk within 900 ms plus the write; 150 ms more covers timer lateness on a busy two-core machine.
    expect(saves.length).toBeGreaterThanOrEqual(2);
    for (const at of typedAt.filter((time) => time < typedAt.at(-1)! - 1_000)) {
      const covering = saves.find((save) => save.updatedAt >= at);
      expect(covering, `keystroke at ${at}`).toBeDefined();
      expect(covering!.at - at).toBeLessThanOrEqual(1_000 + 150);
    }
  });

  it('saves a burst of changes once after the pause', async () => {
    const store = await openStore();
    let saves = 0;
    store.on('saved', () => saves++);

    for (let keystroke = 1; keystroke <= 10; keystroke++) store.update('chat-1', { text: 'x'.repeat(keystroke) });
    await sleep(600);

    expect(saves).toBe(1);
    expect(JSON.parse(await readFile(fileOf('chat-1'), 'utf8'))).toMatchObject({ chatId: 'chat-1', text: 'x'.repeat(10) });
  });

  it('flushes on stop and loads everything on open', async () => {
    const store = await DraftStore.open({ dataDir, debounceMs: 10_000, maxWaitMs: 10_000 });
    store.update('chat-1', { text: 'Buenas tardes', protocolState: { phase: 'greeting', askedEmail: false } });
    store.update('chat/2', { text: 'Su correo, por favor', protocolState: ['a', 1, null] });
    store.update('chat-1', { text: 'Buenas tardes, soy Ana' });
    await store.stop();

    const reopened = await openStore();
    expect(reopened.problems()).toEqual([]);
    expect(reopened.get('chat-1')).toMatchObject({ text: 'Buenas tardes, soy Ana', protocolState: { phase: 'greeting', askedEmail: false } });
    expect(reopened.get('chat/2')).toMatchObject({ text: 'Su correo, por favor', protocolState: ['a', 1, null] });
    expect(reopened.list().map((draft) => draft.chatId).sort()).toEqual(['chat-1', 'chat/2']);
  });

  it('deletes a removed draft', async () => {
    const store = await openStore();
    store.update('chat-1', { text: 'Hola' });
    await store.flush();
    await store.remove('chat-1');

    expect(store.get('chat-1')).toBeUndefined();
    await expect(readFile(fileOf('chat-1'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps the file format of earlier versions', async () => {
    await mkdir(join(dataDir, 'drafts'), { recursive: true });
    const earlier = '{"version":1,"chatId":"chat-1","text":"Buenos días","protocolState":{"phase":"greeting"},"updatedAt":1700000000000}\n';
    await writeFile(fileOf('chat-1'), earlier);

    const store = await openStore();
    expect(store.problems()).toEqual([]);
    expect(store.get('chat-1')).toEqual({ chatId: 'chat-1', text: 'Buenos días', protocolState: { phase: 'greeting' }, updatedAt: 1700000000000 });

    const draft = store.update('chat-1', { text: 'Buenas tardes' });
    await store.flush();
    const written = `{"version":1,"chatId":"chat-1","text":"Buenas tardes","protocolState":{"phase":"greeting"},"updatedAt":${draft.updatedAt}}\n`;
    expect(await readFile(fileOf('chat-1'), 'utf8')).toBe(written);
  });

  it('rejects a protocol state that is not JSON', async () => {
    const store = await openStore();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    expect(() => store.update('chat-1', { protocolState: cyclic })).toThrow(expect.objectContaining({ code: 'drafts.error.invalidState' }));
    expect(() => store.update('chat-1', { protocolState: { count: 10n } })).toThrow(expect.objectContaining({ code: 'drafts.error.invalidState' }));
    expect(store.get('chat-1')).toBeUndefined();
  });

  it('reports a corrupt file and keeps it aside', async () => {
    const first = await openStore();
    first.update('chat-1', { text: 'Intacto' });
    await first.stop();
    await mkdir(join(dataDir, 'drafts'), { recursive: true });
    const damaged = fileOf('chat-2');
    await writeFile(damaged, '{"version":1,"chatId":"chat-2","te');
    const wrongShape = fileOf('chat-3');
    await writeFile(wrongShape, JSON.stringify({ version: 1, chatId: 'chat-3', text: 42, updatedAt: 1 }));

    const store = await openStore();

    const problems = store.problems();
    expect(problems.map((problem) => problem.params.path).sort()).toEqual([damaged, wrongShape].sort());
    for (const problem of problems) {
      expect(problem.key).toBe('drafts.error.corrupt');
      expect(problem.params.keptAs.startsWith(join(dataDir, 'drafts', 'corrupt'))).toBe(true);
    }
    const keptDamaged = problems.find((problem) => problem.params.path === damaged)!.params.keptAs;
    expect(await readFile(keptDamaged, 'utf8')).toBe('{"version":1,"chatId":"chat-2","te');
    expect(store.get('chat-1')?.text).toBe('Intacto');
    expect(store.get('chat-2')).toBeUndefined();
  });

  it('reports an unusable folder', async () => {
    await writeFile(join(dataDir, 'archivo'), '');
    const folder = join(dataDir, 'archivo', 'datos', 'drafts');

    await expect(DraftStore.open({ dataDir: join(dataDir, 'archivo', 'datos') })).rejects.toMatchObject({
      code: 'drafts.error.folderUnusable',
      params: { path: folder, code: 'ENOTDIR' },
    });
  });

  it('reports a failed save and retries it', async () => {
    const store = await DraftStore.open({ dataDir, debounceMs: 20, maxWaitMs: 50 });
    opened.push(store);
    const failures: { key: string; params: { chatId: string } }[] = [];
    store.on('saveFailed', (failure) => failures.push(failure));

    // The drafts folder turned into a regular file: writes fail (mkdir reports EEXIST), for root too.
    await rm(join(dataDir, 'drafts'), { recursive: true });
    await writeFile(join(dataDir, 'drafts'), '');
    store.update('chat-1', { text: 'No se pierde' });
    await sleep(200);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0]).toMatchObject({ key: 'drafts.error.saveFailed', params: { chatId: 'chat-1', path: fileOf('chat-1'), code: 'EEXIST' } });

    const saved = new Promise((resolve) => store.once('saved', resolve));
    await rm(join(dataDir, 'drafts'));
    await mkdir(join(dataDir, 'drafts'));
    await saved;
    expect(JSON.parse(await readFile(fileOf('chat-1'), 'utf8'))).toMatchObject({ text: 'No se pierde' });
  });

  it('loses at most the last second to a kill -9', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', typingChild, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const typedAt = new Map<number, number>();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [keystroke, at] = line.split(' ').map(Number);
        typedAt.set(keystroke!, at!);
      }
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

    // About 2.5 s of typing, so several timed saves have happened before the kill.
    const deadline = Date.now() + 15_000;
    while (typedAt.size < 50 && Date.now() < deadline) await sleep(20);
    const killedAt = Date.now();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(typedAt.size).toBeGreaterThanOrEqual(50);

    const store = await openStore();
    expect(store.problems()).toEqual([]);
    expect(await readdir(join(dataDir, 'drafts'))).toEqual([`${Buffer.from('chat-1').toString('hex')}.json`]);
    const draft = store.get('chat-1');
    const saved = (draft?.protocolState as { keystrokes: number } | undefined)?.keystrokes ?? 0;
    expect(draft?.text).toBe(`Buenas tardes ${'a'.repeat(saved)}`);

    // The first lost keystroke was typed less than a second before the kill; 250 ms covers
    // timer lateness on a busy two-core machine.
    const firstLost = typedAt.get(saved + 1);
    if (firstLost !== undefined) expect(killedAt - firstLost).toBeLessThanOrEqual(1_000 + 250);
    expect(saved).toBeGreaterThan(0);
  });
});
