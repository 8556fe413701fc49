/**
 * Personal data inside the files many chats share: the hub's journal of open
 * chats, the follow-up requests and the workstation's send queue. The real
 * JournalStore and SendQueue write them, and read them back after the command or
 * the sweep rewrote them.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger';
import type { TranscriptEntry } from '../../../hub/chat-store';
import { JournalStore } from '../../../hub/journal-store';
import { SendQueue } from '../../../main/chat/send-queue';
import { startServe } from '../../../main/cli/serve';
import { acquireDataLock, DATA_LOCK_FILE, DataFolderBusyError } from '../../../main/privacy/data-lock';
import { runDataCommand } from '../../../main/privacy/data-command';
import { sweepSharedRecords, sweepSharedRecordsAtStart } from '../../../main/privacy/retention';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = { transcripts: 365, drafts: 30, outbox: 30 };
const NOW = Date.now();

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-shared-files-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const journalPath = () => join(dataDir, 'hub', 'journal', 'journal.jsonl');
const followUpsPath = () => join(dataDir, 'hub', 'follow-ups.jsonl');

function citizenSays(chatId: string, seq: number, text: string, at: number): TranscriptEntry {
  return { kind: 'message', message: { chatId, seq, id: `m${seq}`, author: 'citizen', text, at } };
}

/** Writes, through the hub's own store, a cut chat for each citizen, a closed one, and a follow-up request each. */
async function storeHubData(citizens: { chatId: string; email: string; at: number }[]): Promise<void> {
  const store = new JournalStore(join(dataDir, 'hub'));
  for (const { chatId, email, at } of citizens) {
    await store.append(chatId, { kind: 'opened', chatId, arrivedAt: at });
    await store.append(chatId, citizenSays(chatId, 1, `Mi correo es ${email}`, at));
    await store.append(chatId, { kind: 'taken', agentName: 'Ana Pérez', at });
    await store.append(chatId, { kind: 'cut', at });
    await store.appendFollowUp({ id: `f-${chatId}`, at, email, text: 'Necesito el certificado de residencia', service: 'no-agents' });
  }
  await store.close();
}

async function storeQueuedReplies(replies: { chatId: string; text: string; at: number }[]): Promise<void> {
  const queue = await SendQueue.open(dataDir, silentLogger);
  for (const reply of replies) await queue.add(reply.chatId, reply.text, reply.at);
}

async function run(argv: string[]): Promise<string> {
  let output = '';
  await runDataCommand(argv, { stdout: { write: (text: string) => (output += text) }, logger: silentLogger, dataDir });
  return output;
}

describe('atiende datos on shared files', () => {
  beforeEach(async () => {
    await storeHubData([
      { chatId: 'c-marta', email: 'marta@example.com', at: NOW },
      { chatId: 'c-luis', email: 'luis@example.com', at: NOW },
    ]);
    await storeQueuedReplies([
      { chatId: 'c-marta', text: 'Le respondo en un momento, señora Marta', at: NOW },
      { chatId: 'c-luis', text: 'Le respondo en un momento, señor Luis', at: NOW },
    ]);
  });

  it('exports a cut chat still in the journal', async () => {
    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'marta@example.com'])) as { items: { kind: string; chatId: string | null; content: unknown }[] };

    expect(exported.items.map((item) => item.kind).sort()).toEqual(['followUps', 'hubJournal', 'sendQueue']);
    const journal = exported.items.find((item) => item.kind === 'hubJournal')!;
    expect(journal.chatId).toBe('c-marta');
    expect((journal.content as { kind: string }[]).map((entry) => entry.kind)).toEqual(['opened', 'message', 'taken', 'cut']);
    expect(JSON.stringify(exported)).toContain('señora Marta');
    expect(JSON.stringify(exported)).not.toContain('luis@example.com');
    expect(JSON.stringify(exported)).not.toContain('señor Luis');
  });

  it('deletes one citizen and keeps the others readable', async () => {
    const output = await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']);
    expect(output).toContain('1 chats del diario del hub, 1 solicitudes por correo');
    expect(output).toContain('1 respuestas en espera');

    for (const path of [journalPath(), followUpsPath(), join(dataDir, 'send-queue.json')]) {
      const text = await readFile(path, 'utf8');
      expect(text, path).not.toContain('marta@example.com');
      expect(text, path).not.toContain('señora Marta');
    }

    // The hub and the workstation read their files back: Luis's chat, request and reply are intact.
    const store = new JournalStore(join(dataDir, 'hub'));
    expect(await store.listOpen()).toEqual(['c-luis']);
    expect((await store.read('c-luis')).map((entry) => entry.kind)).toEqual(['opened', 'message', 'taken', 'cut']);
    expect((await store.listFollowUps()).map((request) => request.email)).toEqual(['luis@example.com']);
    await store.close();
    const queue = await SendQueue.open(dataDir, silentLogger);
    expect(queue.list().map((reply) => reply.chatId)).toEqual(['c-luis']);
  });

  it('deletes a done mark with its request', async () => {
    const hubStore = new JournalStore(join(dataDir, 'hub'));
    for (const chatId of ['c-marta', 'c-luis']) await hubStore.appendFollowUpDone({ kind: 'follow-up-done', id: `f-${chatId}`, agentName: 'Ana Pérez', at: NOW });
    await hubStore.close();

    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'marta@example.com'])) as { items: { kind: string }[] };
    expect(exported.items.filter((item) => item.kind === 'followUps')).toHaveLength(1);
    const output = await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']);
    expect(output).toContain('1 solicitudes por correo');

    expect(await readFile(followUpsPath(), 'utf8')).not.toContain('f-c-marta');
    const store = new JournalStore(join(dataDir, 'hub'));
    expect((await store.listFollowUps()).map((request) => request.id)).toEqual(['f-c-luis']);
    expect((await store.listFollowUpsDone()).map((mark) => mark.id)).toEqual(['f-c-luis']);
    await store.close();
  });

  it('keeps every other line byte for byte', async () => {
    const before = (await readFile(journalPath(), 'utf8')).split('\n').filter((line) => line.includes('"c-luis"'));
    await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']);
    expect(await readFile(journalPath(), 'utf8')).toBe(before.map((line) => `${line}\n`).join(''));
  });

  it('refuses to delete while the workstation runs', async () => {
    const running = await startServe(['--data', dataDir, '--hub-port', '0', '--agent', 'Ana Pérez'], { stdout: new PassThrough(), logger: silentLogger, dataDir });
    try {
      const error = await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DataFolderBusyError);
      expect((error as Error).message).toContain('El puesto de trabajo en el navegador (npm run serve)');
      expect((error as Error).message).toContain(`proceso ${process.pid}`);
      expect((error as Error).message).toContain('Ciérrelo y vuelva a ejecutar el comando');

      // Export only reads, so it works meanwhile. The running workstation may already have sent or dropped the queued reply.
      const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'marta@example.com'])) as { items: { kind: string }[] };
      const kinds = exported.items.map((item) => item.kind);
      expect(kinds).toContain('hubJournal');
      expect(kinds).toContain('followUps');
    } finally {
      await running.stop();
    }

    expect(existsSync(join(dataDir, DATA_LOCK_FILE))).toBe(false);
    await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']);
    expect(await readFile(journalPath(), 'utf8')).not.toContain('marta@example.com');
  });

  it('keeps the workstation from starting during a delete', async () => {
    const lock = await acquireDataLock(dataDir, 'dataCommand');
    try {
      const started = startServe(['--data', dataDir, '--hub-port', '0'], { stdout: new PassThrough(), logger: silentLogger, dataDir });
      await expect(started).rejects.toThrow(DataFolderBusyError);
      await expect(started).rejects.toThrow('El comando «atiende datos eliminar»');
    } finally {
      await lock.release();
    }
  });
});

describe('data folder lock', () => {
  it('takes over a lock whose process is gone', async () => {
    // A process id above the kernel's maximum (4194304 on Linux) never runs.
    await writeFile(join(dataDir, DATA_LOCK_FILE), JSON.stringify({ pid: 99_999_999, host: hostname(), service: 'serve', startedAt: 1 }));
    const lock = await acquireDataLock(dataDir, 'dataCommand');
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, service: 'dataCommand' });
    await lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('takes over a lock file cut short', async () => {
    await writeFile(join(dataDir, DATA_LOCK_FILE), '{"pid":12');
    const lock = await acquireDataLock(dataDir, 'serve');
    await lock.release();
  });

  it('counts a holder on another host as running', async () => {
    await writeFile(join(dataDir, DATA_LOCK_FILE), JSON.stringify({ pid: 99_999_999, host: 'otro-equipo', service: 'desktop', startedAt: 1 }));
    await expect(acquireDataLock(dataDir, 'serve')).rejects.toThrow('La aplicación de escritorio Atiende (proceso 99999999 en el equipo otro-equipo)');
  });
});

describe('retention of shared files', () => {
  it('purges records older than their period', async () => {
    await storeHubData([
      { chatId: 'c-old', email: 'vieja@example.com', at: NOW - 400 * DAY_MS },
      { chatId: 'c-new', email: 'nueva@example.com', at: NOW - DAY_MS },
    ]);
    await storeQueuedReplies([
      { chatId: 'c-old', text: 'Respuesta antigua', at: NOW - 45 * DAY_MS },
      { chatId: 'c-new', text: 'Respuesta reciente', at: NOW - DAY_MS },
    ]);

    const counts = await sweepSharedRecords(dataDir, DAYS, silentLogger, NOW);

    expect(counts).toEqual({ hubJournal: 1, followUps: 1, sendQueue: 1 });
    const store = new JournalStore(join(dataDir, 'hub'));
    expect(await store.listOpen()).toEqual(['c-new']);
    expect((await store.listFollowUps()).map((request) => request.id)).toEqual(['f-c-new']);
    await store.close();
    const queue = await SendQueue.open(dataDir, silentLogger);
    expect(queue.list().map((reply) => reply.text)).toEqual(['Respuesta reciente']);
  });

  it('dates a chat by its newest entry', async () => {
    const store = new JournalStore(join(dataDir, 'hub'));
    await store.append('c-long', { kind: 'opened', chatId: 'c-long', arrivedAt: NOW - 400 * DAY_MS });
    await store.append('c-long', citizenSays('c-long', 1, 'Sigo aquí', NOW - DAY_MS));
    await store.close();

    expect(await sweepSharedRecords(dataDir, DAYS, silentLogger, NOW)).toEqual({ hubJournal: 0, followUps: 0, sendQueue: 0 });
  });

  it('purges the lines a closed chat left in the journal', async () => {
    const store = new JournalStore(join(dataDir, 'hub'));
    await store.append('c-closed', { kind: 'opened', chatId: 'c-closed', arrivedAt: NOW - 400 * DAY_MS });
    await store.append('c-closed', citizenSays('c-closed', 1, 'Escríbame a cerrada@example.com', NOW - 400 * DAY_MS));
    await store.append('c-closed', { kind: 'closed', at: NOW - 400 * DAY_MS });
    await store.close();
    expect(await readFile(journalPath(), 'utf8')).toContain('cerrada@example.com');

    await sweepSharedRecords(dataDir, DAYS, silentLogger, NOW);
    expect(await readFile(journalPath(), 'utf8')).toBe('');
  });

  it('never stops a start when it fails', async () => {
    // A folder where the send queue file should be: reading it fails with EISDIR.
    await mkdir(join(dataDir, 'send-queue.json'));
    await expect(sweepSharedRecords(dataDir, DAYS, silentLogger, NOW)).rejects.toThrow();
    expect(await sweepSharedRecordsAtStart(dataDir, DAYS, silentLogger)).toBeNull();
  });

  it('copes with missing and damaged files', async () => {
    expect(await sweepSharedRecords(dataDir, DAYS, silentLogger, NOW)).toEqual({ hubJournal: 0, followUps: 0, sendQueue: 0 });
    await writeFile(join(dataDir, 'send-queue.json'), 'no es JSON');
    expect(await sweepSharedRecords(dataDir, DAYS, silentLogger, NOW)).toEqual({ hubJournal: 0, followUps: 0, sendQueue: 0 });
    expect(await readFile(join(dataDir, 'send-queue.json'), 'utf8')).toBe('no es JSON');
  });
});
