import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { TestSmtpServer } from './smtp-test-server';

const MESSAGES = 200;
const KILL_AFTER = 60;
const childScript = join(import.meta.dirname, 'fixtures', 'flush-child.ts');

let dataDir: string;
let server: TestSmtpServer;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-outbox-crash-'));
  // A short pause before each final OK widens the window in which a kill cuts a send in two.
  server = new TestSmtpServer({ delayMs: 3 });
  await server.start();
});

afterEach(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('loses no message to a kill -9 mid-flush', { timeout: 60_000 }, async () => {
  const queue = await Outbox.open({ dataDir });
  const bodies = new Map<string, string>();
  for (let index = 0; index < MESSAGES; index++) {
    const text = `Respuesta número ${index} a su solicitud.`;
    const entry = await queue.enqueue({ to: `ciudadano${index}@example.co`, subject: `Solicitud ${index}`, text });
    bodies.set(entry.messageId, text);
  }

  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, String(server.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let childError = '';
  child.stderr.on('data', (chunk: Buffer) => (childError += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

  try {
    await server.waitForCount(KILL_AFTER, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; child stderr: ${childError}`);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  // What the killed process left on disk: only "sending" messages may have reached the server unconfirmed.
  const atKill = (await Outbox.open({ dataDir })).list();
  const sendingAtKill = new Set(atKill.filter((entry) => entry.state === 'sending').map((entry) => entry.messageId));
  const sentAtKill = atKill.filter((entry) => entry.state === 'sent').map((entry) => entry.messageId);
  expect(atKill.filter((entry) => entry.state === 'pending').length).toBeGreaterThan(0);
  expect(server.received.length).toBeLessThan(MESSAGES);

  const restarted = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port: server.port } });
  const summary = await restarted.flush();
  expect(summary.pending).toBe(0);
  expect(summary.failed).toBe(0);
  expect(restarted.list().every((entry) => entry.state === 'sent')).toBe(true);

  const counts = server.countsByMessageId();
  const missing = [...bodies.keys()].filter((messageId) => !counts.has(messageId));
  const duplicates = [...counts].filter(([, count]) => count > 1).map(([messageId]) => messageId);
  expect(missing).toEqual([]);
  expect(counts.size).toBe(MESSAGES);
  for (const messageId of duplicates) {
    expect(sendingAtKill.has(messageId), `${messageId} arrived twice but was not being sent at the kill`).toBe(true);
    expect(counts.get(messageId)).toBe(2);
  }
  for (const messageId of sentAtKill) expect(counts.get(messageId), messageId).toBe(1);
  for (const message of server.received) expect(message.text.trim()).toBe(bodies.get(message.messageId));
});
