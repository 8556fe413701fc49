/** The chat record store on a real temporary data folder: coalesced writes, removal, failed writes and loading. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyChatProtocol, type ChatProtocol } from '../../../shared/protocol/chat-protocol';
import { ChatRecordStore, chatRecordFileName } from '../../../main/chat/chat-record-store';
import { until } from '../../support/until';
import { RecordingLogger } from './center';

const DELAY_MS = 150;

let dataDir: string;
let logger: RecordingLogger;
const stores: ChatRecordStore[] = [];

async function open(): Promise<ChatRecordStore> {
  const store = await ChatRecordStore.open({ dataDir, logger, writeDelayMs: DELAY_MS });
  stores.push(store);
  return store;
}

const pathOf = (chatId: string) => join(dataDir, 'chat-records', chatRecordFileName(chatId));
const readStored = (chatId: string) => JSON.parse(readFileSync(pathOf(chatId), 'utf8')) as { chatId: string; savedAt: number; protocol: ChatProtocol };
const named = (citizenName: string): ChatProtocol => ({ ...emptyChatProtocol(1_000), citizenName });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-records-'));
  logger = new RecordingLogger();
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('chat record store', () => {
  it('writes a burst of changes once', async () => {
    const store = await open();
    const started = Date.now();
    for (let index = 0; index < 20; index++) store.save('chat-1', named(`Nombre ${index}`));

    // Nothing is written during the burst; the one write carries the last change.
    expect(existsSync(pathOf('chat-1'))).toBe(false);
    await until(() => existsSync(pathOf('chat-1')), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(readStored('chat-1').protocol.citizenName).toBe('Nombre 19');
    expect(readStored('chat-1').savedAt).toBeGreaterThanOrEqual(started + DELAY_MS - 5);
  });

  it('loads the records at open', async () => {
    const first = await open();
    first.save('chat-1', named('Juan Gómez'));
    first.save('chat ñ/2', named('Ana Ruiz'));
    await first.stop();

    const second = await open();
    expect(second.get('chat-1')?.citizenName).toBe('Juan Gómez');
    expect(second.get('chat ñ/2')?.citizenName).toBe('Ana Ruiz');
    expect(second.chatIds().sort()).toEqual(['chat ñ/2', 'chat-1']);
    // An id that is not a safe file name is stored under its bytes in hex.
    expect(existsSync(join(dataDir, 'chat-records', `${Buffer.from('chat ñ/2').toString('hex')}.json`))).toBe(true);
  });

  it('keeps the file format of earlier versions', async () => {
    mkdirSync(join(dataDir, 'chat-records'), { recursive: true });
    const protocol = named('Juan Gómez');
    writeFileSync(pathOf('chat-1'), `{"version":1,"chatId":"chat-1","savedAt":1700000000000,"protocol":${JSON.stringify(protocol)}}\n`);

    const store = await open();
    expect(store.get('chat-1')).toEqual(protocol);

    store.save('chat-2', protocol);
    await store.flush();
    const written = readFileSync(pathOf('chat-2'), 'utf8');
    expect(written).toBe(`{"version":1,"chatId":"chat-2","savedAt":${readStored('chat-2').savedAt},"protocol":${JSON.stringify(protocol)}}\n`);
  });

  it('lets a removal win over a scheduled write', async () => {
    const store = await open();
    store.save('chat-1', named('Juan Gómez'));
    await store.flush();
    store.save('chat-1', named('Juan Gómez Ruiz'));
    await store.remove('chat-1');
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 2));

    expect(existsSync(pathOf('chat-1'))).toBe(false);
    expect(store.get('chat-1')).toBeUndefined();
  });

  it('retries a failed write', async () => {
    const store = await open();
    // A folder in the file's place makes the rename fail until it goes.
    mkdirSync(join(pathOf('chat-1'), 'blocker'), { recursive: true });
    store.save('chat-1', named('Juan Gómez'));
    await until(() => logger.lines.some((line) => line.includes('chat record could not be saved')), 2000);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 3));
    expect(logger.lines.filter((line) => line.includes('chat record could not be saved'))).toHaveLength(1);

    rmSync(pathOf('chat-1'), { recursive: true });
    await until(() => existsSync(pathOf('chat-1')) && readStored('chat-1').protocol.citizenName === 'Juan Gómez', 2000);
    await until(() => logger.lines.some((line) => line.includes('chat record saved again after failures')), 2000);
    expect(logger.lines.join('\n')).not.toContain('Juan Gómez');
  });

  it('writes what is scheduled at stop', async () => {
    const store = await open();
    store.save('chat-1', named('Juan Gómez'));
    await store.stop();
    expect(readStored('chat-1').protocol.citizenName).toBe('Juan Gómez');
  });

  it('clears temporary files and sets bad ones aside', async () => {
    const folder = join(dataDir, 'chat-records');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '.chat-1.json.0a1b2c.tmp'), '{"version":1');
    writeFileSync(join(folder, 'chat-2.json'), JSON.stringify({ version: 1, chatId: 'chat-3', savedAt: 1, protocol: named('Ana Ruiz') }));
    writeFileSync(join(folder, 'chat-4.json'), 'no es JSON');

    const store = await open();
    expect(store.chatIds()).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['corrupt']);
    expect(readdirSync(join(folder, 'corrupt')).map((name) => name.split('.json.')[0]).sort()).toEqual(['chat-2', 'chat-4']);
    expect(logger.lines.filter((line) => line.includes('chat record file is damaged'))).toHaveLength(2);
  });
});
