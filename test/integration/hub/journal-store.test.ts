/** The durable store on real files: group commit, compaction, torn lines and restarts. */
import { appendFile, mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../hub/chat-store';
import { JournalStore } from '../../../hub/journal-store';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-journal-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const opened = (chatId: string): TranscriptEntry => ({ kind: 'opened', chatId, arrivedAt: 1, arrivalOrder: 1, stream: 's', tokenHash: 'ab' });
const message = (chatId: string, seq: number, text = 'x'): TranscriptEntry => ({ kind: 'message', message: { chatId, seq, id: `m${seq}`, author: 'citizen', text, at: seq } });

describe('journal store', () => {
  it('keeps each chat in order across a restart', async () => {
    const store = new JournalStore(dataDir);
    // Appends of many chats at once are written together, each chat's lines in its own order.
    await Promise.all(['a', 'b', 'c'].flatMap((chatId) => [store.append(chatId, opened(chatId)), store.append(chatId, message(chatId, 1)), store.append(chatId, message(chatId, 2))]));
    await store.append('b', { kind: 'closed', at: 3 });
    await store.close();

    const again = new JournalStore(dataDir);
    expect((await again.listOpen()).sort()).toEqual(['a', 'c']);
    expect((await again.read('a')).map((entry) => entry.kind)).toEqual(['opened', 'message', 'message']);
    expect((await again.read('b')).map((entry) => entry.kind)).toEqual(['opened', 'message', 'message', 'closed']);
    expect(await again.read('unknown')).toEqual([]);
    expect(await again.read('../escape')).toEqual([]);
    await again.close();
  });

  it('keeps chained appends in order', async () => {
    const store = new JournalStore(dataDir);
    // Each chat appends its next message once the previous one resolved, as the router does, while
    // the store writes the next batch before it resolves the last one.
    const chatIds = Array.from({ length: 40 }, (_, index) => `chat${index}`);
    const resolvedOrder: string[] = [];
    await Promise.all(
      chatIds.map(async (chatId) => {
        await store.append(chatId, opened(chatId));
        for (let seq = 1; seq <= 15; seq += 1) {
          await store.append(chatId, message(chatId, seq));
          resolvedOrder.push(`${chatId}:${seq}`);
        }
      }),
    );
    await store.close();

    const lines = (await readFile(join(dataDir, 'journal', 'journal.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(40 * 16);
    const written = lines.map((line) => JSON.parse(line) as { chatId: string; entry: TranscriptEntry });
    for (const chatId of chatIds) {
      const seqs = written.filter((line) => line.chatId === chatId && line.entry.kind === 'message').map((line) => (line.entry as { message: { seq: number } }).message.seq);
      expect(seqs).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
    }
    expect(resolvedOrder).toHaveLength(40 * 15);

    const again = new JournalStore(dataDir);
    expect(await again.listOpen()).toHaveLength(40);
    expect((await again.read('chat7')).map((entry) => (entry.kind === 'message' ? entry.message.seq : 0))).toEqual([0, ...Array.from({ length: 15 }, (_, index) => index + 1)]);
    await again.close();
  });

  it('drops a line cut short by a crash', async () => {
    const store = new JournalStore(dataDir);
    await store.append('a', opened('a'));
    await store.append('a', message('a', 1));
    await store.close();
    await appendFile(join(dataDir, 'journal', 'journal.jsonl'), '{"chatId":"a","entry":{"kind":"mess');

    const again = new JournalStore(dataDir);
    expect((await again.read('a')).map((entry) => entry.kind)).toEqual(['opened', 'message']);
    // The next append starts on a line of its own.
    await again.append('a', message('a', 2));
    await again.close();
    const third = new JournalStore(dataDir);
    expect((await third.read('a')).length).toBe(3);
    await third.close();
  });

  it('compacts away closed chats', async () => {
    const store = new JournalStore(dataDir, { compactMinBytes: 2_000 });
    await store.append('keep', opened('keep'));
    await store.append('keep', message('keep', 1));
    for (let index = 0; index < 10; index += 1) {
      const chatId = `done${index}`;
      await store.append(chatId, opened(chatId));
      await store.append(chatId, message(chatId, 1, 'y'.repeat(200)));
      await store.append(chatId, { kind: 'closed', at: 2 });
    }
    await store.close();

    const journal = await readFile(join(dataDir, 'journal', 'journal.jsonl'), 'utf8');
    expect(Buffer.byteLength(journal)).toBeLessThan(2_000);
    expect(journal).toContain('"chatId":"keep"');
    expect((await stat(join(dataDir, 'chats', 'done9.jsonl'))).size).toBeGreaterThan(200);

    const again = new JournalStore(dataDir, { compactMinBytes: 2_000 });
    expect(await again.listOpen()).toEqual(['keep']);
    expect((await again.read('done3')).map((entry) => entry.kind)).toEqual(['opened', 'message', 'closed']);
    await again.close();
  });

  it('writes a closed chat lost by a crash', async () => {
    // A journal with a "closed" line whose transcript file was never written.
    await mkdir(join(dataDir, 'journal'), { recursive: true });
    const lines = [opened('late'), message('late', 1), { kind: 'closed', at: 2 }].map((entry) => JSON.stringify({ chatId: 'late', entry })).join('\n');
    await writeFile(join(dataDir, 'journal', 'journal.jsonl'), `${lines}\n`);
    const store = new JournalStore(dataDir);
    expect(await store.listOpen()).toEqual([]);
    expect((await readFile(join(dataDir, 'chats', 'late.jsonl'), 'utf8')).trimEnd().split('\n')).toHaveLength(3);
    await store.close();
  });

  it('rejects an append it cannot write', async () => {
    const store = new JournalStore(dataDir);
    await store.listOpen();
    await writeFile(join(dataDir, 'journal'), 'not a folder');
    await expect(store.append('a', opened('a'))).rejects.toThrow();
    await expect(store.append('bad/id', opened('a'))).rejects.toThrow('Invalid chat id for the journal: "bad/id"');
    await store.close();
  });

  it('rejects every append of a failed batch and writes the next one', async () => {
    const store = new JournalStore(dataDir);
    await store.listOpen();
    await writeFile(join(dataDir, 'journal'), 'not a folder');
    const failed = await Promise.allSettled([store.append('a', opened('a')), store.append('b', opened('b')), store.append('a', message('a', 1))]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);

    await rm(join(dataDir, 'journal'));
    await Promise.all([store.append('c', opened('c')), store.append('c', message('c', 1))]);
    await store.close();

    const reopened = new JournalStore(dataDir);
    expect(await reopened.listOpen()).toEqual(['c']);
    expect(await reopened.read('c')).toEqual([opened('c'), message('c', 1)]);
    await reopened.close();
  });

  it('keeps every chat in order across overlapping batches', async () => {
    const store = new JournalStore(dataDir);
    const chats = Array.from({ length: 20 }, (_, index) => `chat${index}`);
    const appends: Promise<void>[] = chats.map((chatId) => store.append(chatId, opened(chatId)));
    // Ten waves, each in its own tick, so they land in several batches while earlier ones are written.
    for (let seq = 1; seq <= 10; seq += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const chatId of chats) appends.push(store.append(chatId, message(chatId, seq)));
    }
    await Promise.all(appends);
    await store.close();

    const reopened = new JournalStore(dataDir);
    expect((await reopened.listOpen()).sort()).toEqual([...chats].sort());
    for (const chatId of chats) {
      expect(await reopened.read(chatId)).toEqual([opened(chatId), ...Array.from({ length: 10 }, (_, index) => message(chatId, index + 1))]);
    }
    await reopened.close();
  });
});
