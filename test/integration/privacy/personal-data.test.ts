/** The retention sweep and the export/delete command on a real data folder laid out as the services write it. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger';
import { emptyChatProtocol } from '../../../shared/protocol/chat-protocol';
import { ChatRecordStore } from '../../../main/chat/chat-record-store';
import { UsageError } from '../../../main/cli/args';
import { runDataCommand } from '../../../main/privacy/data-command';
import { sweepRetention } from '../../../main/privacy/retention';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = { transcripts: 365, drafts: 30, outbox: 30 };

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-privacy-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function put(path: string, content: string, ageDays = 0): Promise<string> {
  const full = join(dataDir, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, content);
  const at = new Date(Date.now() - ageDays * DAY_MS);
  await utimes(full, at, at);
  return full;
}

/** Writes a chat's protocol record with the workstation's own store, then ages its file. */
async function storeRecord(chatId: string, citizen: { name: string; email: string }, ageDays = 0): Promise<string> {
  const records = await ChatRecordStore.open({ dataDir, writeDelayMs: 0 });
  records.save(chatId, { ...emptyChatProtocol(1), citizenName: citizen.name, citizenEmail: citizen.email });
  await records.stop();
  const path = join(dataDir, 'chat-records', `${chatId}.json`);
  const at = new Date(Date.now() - ageDays * DAY_MS);
  await utimes(path, at, at);
  return path;
}

/** Writes one chat as every service would: transcript, hub log, draft, protocol record and a queued email. */
async function storeChat(chatId: string, citizen: { name: string; email: string }, options: { ageDays?: number; outboxState?: string } = {}) {
  const age = options.ageDays ?? 0;
  const transcript = {
    version: 1,
    chatId,
    citizen,
    followUpEmail: null,
    messages: [{ seq: 1, author: 'citizen', text: `Soy ${citizen.name}, mi correo es ${citizen.email}`, at: 1 }],
  };
  await put(`transcripts/chat-${chatId}.json`, JSON.stringify(transcript), age);
  await put(
    `hub/chats/${chatId}.jsonl`,
    [
      JSON.stringify({ kind: 'opened', chatId, arrivedAt: 1 }),
      JSON.stringify({ kind: 'message', message: { chatId, seq: 1, id: 'm1', author: 'citizen', text: `Soy ${citizen.name}, mi correo es ${citizen.email}`, at: 1 } }),
    ].join('\n') + '\n',
    age,
  );
  await put(`drafts/${Buffer.from(chatId).toString('hex')}.json`, JSON.stringify({ version: 1, chatId, text: 'Respuesta a medio escribir', protocolState: { citizenEmail: citizen.email }, updatedAt: 1 }), age);
  await storeRecord(chatId, citizen, age);
  const state = { version: 1, id: `id-${chatId}`, state: options.outboxState ?? 'sent', to: citizen.email, subject: 'Respuesta', chatId };
  const folder = join('outbox', 'queue', `id-${chatId}`);
  await put(join(folder, 'message.eml'), `To: ${citizen.email}\r\nSubject: Respuesta\r\n\r\nCuerpo`, age);
  await put(join(folder, 'state.json'), JSON.stringify(state), age);
  const at = new Date(Date.now() - age * DAY_MS);
  await utimes(join(dataDir, folder), at, at);
}

const paths = (chatId: string) => [
  join(dataDir, 'transcripts', `chat-${chatId}.json`),
  join(dataDir, 'hub', 'chats', `${chatId}.jsonl`),
  join(dataDir, 'drafts', `${Buffer.from(chatId).toString('hex')}.json`),
  join(dataDir, 'outbox', 'queue', `id-${chatId}`),
  join(dataDir, 'chat-records', `${chatId}.json`),
];

describe('retention sweep', () => {
  it('deletes expired data and keeps recent data', async () => {
    await storeChat('old', { name: 'Marta Gómez', email: 'marta@example.com' }, { ageDays: 400 });
    await storeChat('new', { name: 'Luis Díaz', email: 'luis@example.com' }, { ageDays: 1 });

    const counts = await sweepRetention(dataDir, DAYS, silentLogger);

    expect(counts).toEqual({ transcripts: 1, hubChats: 1, drafts: 1, chatRecords: 1, outbox: 1 });
    for (const path of paths('old')) expect(existsSync(path), path).toBe(false);
    for (const path of paths('new')) expect(existsSync(path), path).toBe(true);
  });

  it('applies each kind its own period', async () => {
    await storeChat('mid', { name: 'Ana Ruiz', email: 'ana@example.com' }, { ageDays: 45 });
    await sweepRetention(dataDir, DAYS, silentLogger);
    const [transcript, hubChat, draft, outbox, record] = paths('mid');
    expect(existsSync(transcript!)).toBe(true);
    expect(existsSync(hubChat!)).toBe(true);
    expect(existsSync(draft!)).toBe(false);
    expect(existsSync(outbox!)).toBe(false);
    expect(existsSync(record!)).toBe(false);
  });

  it('never purges an email still waiting to be sent', async () => {
    await storeChat('pending', { name: 'Ana Ruiz', email: 'ana@example.com' }, { ageDays: 400, outboxState: 'pending' });
    await sweepRetention(dataDir, DAYS, silentLogger);
    expect(existsSync(paths('pending')[3]!)).toBe(true);
  });

  it('copes with a missing data folder', async () => {
    const counts = await sweepRetention(join(dataDir, 'missing'), DAYS, silentLogger);
    expect(counts).toEqual({ transcripts: 0, hubChats: 0, drafts: 0, chatRecords: 0, outbox: 0 });
  });

  it('deletes an expired damaged record set aside', async () => {
    const kept = await put('chat-records/corrupt/c-roto.json.2026-01-01T00-00-00-000Z', '{"version":1,"chatId":"c-ro', 40);
    const fresh = await put('chat-records/corrupt/c-nuevo.json.2026-12-01T00-00-00-000Z', '{"version":', 1);
    const counts = await sweepRetention(dataDir, DAYS, silentLogger);
    expect(counts.chatRecords).toBe(1);
    expect(existsSync(kept)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('atiende datos', () => {
  async function run(argv: string[]): Promise<string> {
    let output = '';
    await runDataCommand(argv, { stdout: { write: (text: string) => (output += text) }, logger: silentLogger, dataDir });
    return output;
  }

  beforeEach(async () => {
    await storeChat('c-marta', { name: 'Marta Gómez', email: 'marta@example.com' });
    await storeChat('c-luis', { name: 'Luis Díaz', email: 'luis@example.com' });
  });

  it('exports one citizen across every store', async () => {
    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'MARTA@example.com'])) as { items: { kind: string; chatId: string }[] };
    expect(exported.items.map((item) => item.kind).sort()).toEqual(['chatRecords', 'drafts', 'hubChats', 'outbox', 'transcripts']);
    expect(exported.items.every((item) => item.chatId === 'c-marta')).toBe(true);
    expect(JSON.stringify(exported)).not.toContain('luis@example.com');
  });

  it('writes the export to a file', async () => {
    const file = join(dataDir, 'export.json');
    await run(['export', '--data', dataDir, '--email', 'luis@example.com', '--output', file]);
    expect(JSON.parse(await readFile(file, 'utf8')).items).toHaveLength(5);
  });

  it('deletes one citizen and nobody else', async () => {
    const output = await run(['eliminar', '--data', dataDir, '--correo', 'marta@example.com']);
    expect(output).toContain(
      '1 transcripciones, 1 chats del hub, 0 chats del diario del hub, 0 solicitudes por correo, 1 borradores, 1 registros de chats abiertos, 0 respuestas en espera, 1 correos',
    );
    for (const path of paths('c-marta')) expect(existsSync(path), path).toBe(false);
    for (const path of paths('c-luis')) expect(existsSync(path), path).toBe(true);
  });

  it('finds a chat by the address the citizen wrote', async () => {
    await put('hub/chats/c-solo.jsonl', `${JSON.stringify({ kind: 'message', message: { author: 'citizen', text: 'Escríbanme a sola@example.com' } })}\n`);
    await run(['delete', '--data', dataDir, '--correo', 'sola@example.com']);
    expect(existsSync(join(dataDir, 'hub', 'chats', 'c-solo.jsonl'))).toBe(false);
  });

  it('finds an open chat by its record alone', async () => {
    const record = await storeRecord('c-abierto', { name: 'Rosa Pinto', email: 'rosa@example.com' });
    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'rosa@example.com'])) as { items: { kind: string; chatId: string; content: unknown }[] };
    expect(exported.items).toHaveLength(1);
    expect(exported.items[0]).toMatchObject({ kind: 'chatRecords', chatId: 'c-abierto', content: { protocol: { citizenName: 'Rosa Pinto' } } });

    const output = await run(['eliminar', '--data', dataDir, '--correo', 'rosa@example.com']);
    expect(output).toContain('1 registros de chats abiertos');
    expect(existsSync(record)).toBe(false);
    for (const path of paths('c-marta')) expect(existsSync(path), path).toBe(true);
  });

  it('finds a damaged record by its text', async () => {
    const damaged = await put('chat-records/corrupt/c-roto.json.2026-01-01T00-00-00-000Z', '{"protocol":{"citizenEmail":"rosa@example.com"');
    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'rosa@example.com'])) as { items: { kind: string; path: string }[] };
    expect(exported.items).toEqual([expect.objectContaining({ kind: 'chatRecords', path: damaged })]);
    await run(['eliminar', '--data', dataDir, '--correo', 'rosa@example.com']);
    expect(existsSync(damaged)).toBe(false);
  });

  it('matches whole addresses only', async () => {
    await storeChat('c-juliana', { name: 'Juliana Mora', email: 'juliana@example.com' });
    await put('hub/chats/c-ana.jsonl', `${JSON.stringify({ kind: 'message', message: { author: 'citizen', text: 'Mi correo: ana@example.com.co' } })}\n`);
    const exported = JSON.parse(await run(['exportar', '--data', dataDir, '--correo', 'ana@example.com'])) as { items: unknown[] };
    expect(exported.items).toEqual([]);
  });

  it('rejects a data folder that does not exist', async () => {
    const missing = join(dataDir, 'no-existe');
    await expect(run(['eliminar', '--data', missing, '--correo', 'marta@example.com'])).rejects.toThrow(`La carpeta de datos «${missing}» no existe`);
    expect(existsSync(missing)).toBe(false);
  });

  it('rejects a missing or invalid address', async () => {
    await expect(run(['exportar', '--data', dataDir])).rejects.toThrow(UsageError);
    await expect(run(['exportar', '--data', dataDir, '--correo', 'no-es-correo'])).rejects.toThrow('no es válido');
    await expect(run(['mostrar', '--data', dataDir, '--correo', 'a@b.co'])).rejects.toThrow('exportar');
  });
});
