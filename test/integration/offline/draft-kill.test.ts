/**
 * A kill -9 of `atiende serve` while the agent types a draft through the API socket
 * loses at most the last second: after a restart, draft.list returns a text at least
 * as long as the one typed a second before the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/drafts/model';
import { startServeProcess, type ServeProcess } from '../../support/serve-process';

const TYPING_MS = 2500;
const KEYSTROKE_MS = 40;

const processes: ServeProcess[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const served of processes.splice(0)) await served.kill();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<ServeProcess> {
  const served = await startServeProcess(dataDir, 'Ana Pérez');
  processes.push(served);
  return served;
}

describe('draft after kill -9', () => {
  it('loses at most the last second', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atiende-kill-'));
    folders.push(dataDir);
    const first = await serve(dataDir);

    // One keystroke every 40 ms, each saved as the renderer saves it; the answer time of each save is kept.
    const sentence = 'Le informo que el certificado de residencia se solicita en la sede principal de la alcaldía. '.repeat(3);
    const answered: Array<{ length: number; at: number }> = [];
    const started = Date.now();
    for (let length = 1; Date.now() - started < TYPING_MS && length <= sentence.length; length++) {
      const text = sentence.slice(0, length);
      void first.call('draft.save', { chatId: 'chat-kill', text, protocolState: null, changedAt: Date.now() }).then(
        () => answered.push({ length, at: Date.now() }),
        () => undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, KEYSTROKE_MS));
    }
    const killedAt = Date.now();
    await first.kill();

    const second = await serve(dataDir);
    const drafts = await second.call<DraftView[]>('draft.list', {});
    const restored = drafts.find((draft) => draft.chatId === 'chat-kill');

    const typedSecondBefore = Math.max(0, ...answered.filter((entry) => entry.at <= killedAt - 1000).map((entry) => entry.length));
    expect(answered.length).toBeGreaterThan(20);
    expect(restored).toBeDefined();
    expect(sentence.startsWith(restored!.text)).toBe(true);
    expect(restored!.text.length).toBeGreaterThanOrEqual(typedSecondBefore);
    const savedAt = answered.find((entry) => entry.length === restored!.text.length)?.at ?? started;
    console.info(`draft after kill -9: ${restored!.text.length} of ${answered.at(-1)?.length ?? 0} characters kept, ${killedAt - savedAt} ms of typing lost`);
  });
});
