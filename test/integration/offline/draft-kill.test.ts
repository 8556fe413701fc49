/**
 * A kill -9 of `atiende serve` while the agent types a draft through the API socket
 * loses at most the last second: after a restart, draft.list returns a text at least
 * as long as the one typed a second before the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HOST_API_PATH, HOST_TOKEN_PARAM } from '../../../shared/api/wire';
import type { DraftView } from '../../../shared/drafts/model';

const STARTUP_TIMEOUT_MS = 20_000;
const TYPING_MS = 2500;
const KEYSTROKE_MS = 40;

const children: ChildProcess[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  socket: WebSocket;
  call<T>(method: string, params: unknown): Promise<T>;
}

async function serve(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, ['dist/node/cli.js', 'serve', '--data', dataDir, '--hub-port', '0', '--agent', 'Ana Pérez'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const workstationUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr}`)), STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Puesto de trabajo: (\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with code ${code}; stderr: ${stderr}`)));
  });

  const page = new URL(workstationUrl);
  const token = page.searchParams.get(HOST_TOKEN_PARAM) ?? '';
  const socket = new WebSocket(`ws://${page.host}${HOST_API_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`, { origin: page.origin });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  let nextId = 1;
  const waiting = new Map<number, (envelope: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { kind: string; id: number; envelope: { ok: boolean; result?: unknown } };
    if (frame.kind === 'response') waiting.get(frame.id)?.(frame.envelope);
  });
  return {
    child,
    socket,
    call<T>(method: string, params: unknown) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} got no answer`)), 5000);
        waiting.set(id, (envelope) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (envelope.ok) resolve(envelope.result as T);
          else reject(new Error(`${method} failed: ${JSON.stringify(envelope.error)}`));
        });
        socket.send(JSON.stringify({ kind: 'request', id, method, params }));
      });
    },
  };
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
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    first.socket.terminate();

    const second = await serve(dataDir);
    const drafts = await second.call<DraftView[]>('draft.list', {});
    second.socket.close();
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
