/**
 * A kill -9 of `atiende serve` keeps the record of the chat being served. After a
 * restart on the same data folder the embedded hub gives the chat back with the same
 * time budget, the citizen's confirmed name and email and the follow-up address.
 * The transcript written after the restart contains them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/api/contract';
import type { Chat } from '../../../shared/chat/model';
import { joinAsCitizen, type HubClient } from '../hub/hub-client';
import { startServeProcess, type ServeProcess } from '../../support/serve-process';
import { until } from '../../support/until';

const AGENT = 'Ana Pérez';
const NAME = 'Juan Gómez';
const EMAIL = 'juan.gomez@example.com';

const processes: ServeProcess[] = [];
const folders: string[] = [];
let citizen: HubClient | undefined;

afterEach(async () => {
  citizen?.close();
  citizen = undefined;
  for (const served of processes.splice(0)) await served.kill();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<ServeProcess> {
  const served = await startServeProcess(dataDir, AGENT);
  processes.push(served);
  return served;
}

describe('chat record after kill -9', () => {
  it('comes back with the chat', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atiende-record-kill-'));
    folders.push(dataDir);
    const first = await serve(dataDir);

    await until(async () => (await first.call<Workspace>('workspace.get')).connection === 'connected', 10_000);
    await first.call('selftest.record', { checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } }], durationMs: 1, override: null });
    citizen = (await joinAsCitizen(first.citizenWsUrl)).citizen;
    citizen.send({ type: 'message', id: 'c-1', text: 'Necesito un certificado de residencia.' });
    await citizen.next('ack');
    await until(async () => (await first.call<Workspace>('workspace.get')).queue.length === 1);
    const taken = await first.call<Chat>('chat.takeNext');
    await first.call('chat.setCitizen', { chatId: taken.id, name: NAME, email: EMAIL });
    await first.call('chat.setFollowUp', { chatId: taken.id, email: EMAIL });

    // The record reaches the disk within a second of the last change; the kill comes right after.
    const changedAt = Date.now();
    const recordPath = join(dataDir, 'chat-records', `${taken.id}.json`);
    await until(() => existsSync(recordPath) && readFileSync(recordPath, 'utf8').includes('"followUpEmail":"juan.gomez@example.com"'), 1000);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    await first.kill();
    citizen.close();

    const second = await serve(dataDir);
    const restored = await until(async () => (await second.call<Workspace>('workspace.get')).chats.find((chat) => chat.id === taken.id), 10_000);
    expect(restored.protocol?.takenAt).toBe(taken.protocol!.takenAt);
    expect(restored.protocol?.citizenName).toBe(NAME);
    expect(restored.protocol?.citizenEmail).toBe(EMAIL);
    expect(restored.protocol?.followUpEmail).toBe(EMAIL);

    const closed = await second.call<Chat>('chat.close', { chatId: taken.id });
    const transcript = JSON.parse(readFileSync(join(dataDir, 'transcripts', closed.protocol!.transcriptFile!), 'utf8')) as Record<string, unknown>;
    expect(transcript.takenAt).toBe(taken.protocol!.takenAt);
    expect(transcript.citizen).toEqual({ name: NAME, email: EMAIL });
    expect(transcript.followUpEmail).toBe(EMAIL);
    await until(() => !existsSync(recordPath));
  });
});
