import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/result';
import { Outbox, type OutboxEntry } from '../../../main/outbox/outbox';
import { closedPort, TestSmtpServer } from './smtp-test-server';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Retry timing short enough for a test, long enough to watch the states change. */
const fastRetry = { retryBaseMs: 50, retryMaxMs: 200, pollIntervalMs: 100, connectionTimeoutMs: 2_000 };

let dataDir: string;
let server: TestSmtpServer;
const opened: Outbox[] = [];

async function openOutbox(port: number, settings: Record<string, unknown> = {}, now?: () => number): Promise<Outbox> {
  const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port, ...fastRetry, ...settings }, now });
  opened.push(outbox);
  return outbox;
}

function waitFor(outbox: Outbox, predicate: (entries: OutboxEntry[]) => boolean, timeoutMs: number): Promise<OutboxEntry[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const entries = outbox.list();
      if (!predicate(entries)) return;
      clearTimeout(timer);
      outbox.off('change', check);
      resolve(entries);
    };
    const timer = setTimeout(() => {
      outbox.off('change', check);
      reject(new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(outbox.list().map((entry) => [entry.state, entry.attempts]))}`));
    }, timeoutMs);
    outbox.on('change', check);
    check();
  });
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-outbox-'));
  server = new TestSmtpServer({ rejectRecipients: ['rechazado@example.co'] });
});

afterEach(async () => {
  for (const outbox of opened.splice(0)) await outbox.stop();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('outbox delivery', () => {
  it('delivers text and html with fixed headers', async () => {
    const port = await server.start();
    const now = Date.UTC(2026, 11, 4, 15, 30, 0);
    const outbox = await openOutbox(port, { from: 'Entidad <atencion@entidad.gov.co>' }, () => now);
    const changes: string[] = [];
    outbox.on('change', (change) => changes.push(change.state));

    const entry = await outbox.enqueue({
      to: 'ana.perez@example.co',
      subject: 'Respuesta a su solicitud',
      text: 'Buenas tardes, señora Ana.\n\nSu trámite <número 12> está aprobado.',
      chatId: 'chat-7',
    });
    const summary = await outbox.flush();

    expect(summary).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(changes).toEqual(['pending', 'sending', 'sent']);
    expect(server.received).toHaveLength(1);
    const message = server.received[0]!;
    expect(message.messageId).toBe(entry.messageId);
    expect(message.messageId).toMatch(/^<.+@entidad\.gov\.co>$/);
    expect(message.to).toEqual(['ana.perez@example.co']);
    expect(message.subject).toBe('Respuesta a su solicitud');
    expect(message.text).toContain('Su trámite <número 12> está aprobado.');
    expect(message.html).toContain('<p>Su trámite &lt;número 12&gt; está aprobado.</p>');
    expect(message.raw).toMatch(/^Date: Fri, 04 Dec 2026 15:30:00 \+0000$/m);

    const [sent] = outbox.list();
    expect(sent!.state).toBe('sent');
    expect(sent!.attempts).toBe(1);
    expect(sent!.chatId).toBe('chat-7');
    expect(sent!.response).toMatch(/^250/);
  });

  it('keeps a message pending while the server is down, then delivers it once', async () => {
    const port = await closedPort();
    server = new TestSmtpServer();
    server.port = port;
    const outbox = await openOutbox(port);
    const entry = await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });

    const down = await outbox.flush();
    expect(down).toEqual({ sent: 0, failed: 0, pending: 1 });
    const [pending] = outbox.list();
    expect(pending!.state).toBe('pending');
    expect(pending!.attempts).toBe(1);
    expect(pending!.lastError?.key).toBe('outbox.error.connection');

    await outbox.start();
    const [retried] = await waitFor(outbox, (entries) => entries[0]!.attempts >= 2 && entries[0]!.state !== 'sending', 5_000);
    expect(retried!.state).toBe('pending');
    expect(server.received).toHaveLength(0);

    await server.start();
    await waitFor(outbox, (entries) => entries[0]!.state === 'sent', 10_000);
    await outbox.flush();
    expect(server.received.map((message) => message.messageId)).toEqual([entry.messageId]);
    expect(outbox.list()[0]!.lastError).toBeNull();
  });

  it('fails a permanently rejected recipient and sends the others', async () => {
    const port = await server.start();
    const outbox = await openOutbox(port);
    const first = await outbox.enqueue({ to: 'uno@example.co', subject: 'Uno', text: 'Uno' });
    const rejected = await outbox.enqueue({ to: 'rechazado@example.co', subject: 'Dos', text: 'Dos' });
    const third = await outbox.enqueue({ to: 'tres@example.co', subject: 'Tres', text: 'Tres' });

    const summary = await outbox.flush();

    expect(summary).toEqual({ sent: 2, failed: 1, pending: 0 });
    const states = Object.fromEntries(outbox.list().map((entry) => [entry.id, entry]));
    expect(states[rejected.id]!.state).toBe('failed');
    expect(states[rejected.id]!.attempts).toBe(1);
    expect(states[rejected.id]!.lastError?.key).toBe('outbox.error.rejected');
    expect(String(states[rejected.id]!.lastError?.params.reply)).toMatch(/^550 .*Mailbox unavailable/);
    expect(server.received.map((message) => message.messageId).sort()).toEqual([first.messageId, third.messageId].sort());
  });

  it('retries a deferred recipient later', async () => {
    server = new TestSmtpServer({ deferRecipientsOnce: ['ocupado@example.co'] });
    const outbox = await openOutbox(await server.start());
    const deferred = await outbox.enqueue({ to: 'ocupado@example.co', subject: 'Uno', text: 'Uno' });
    const other = await outbox.enqueue({ to: 'libre@example.co', subject: 'Dos', text: 'Dos' });

    expect(await outbox.flush()).toEqual({ sent: 1, failed: 0, pending: 1 });
    const waiting = outbox.list().find((entry) => entry.id === deferred.id)!;
    expect(waiting.state).toBe('pending');
    expect(waiting.lastError).toEqual({ key: 'outbox.error.temporary', params: { reply: '451 4.3.0 Try again later' } });
    expect(waiting.nextAttemptAt).toBeGreaterThan(waiting.lastAttemptAt!);

    await outbox.start();
    await waitFor(outbox, (entries) => entries.every((entry) => entry.state === 'sent'), 5_000);
    expect(server.received.map((message) => message.messageId).sort()).toEqual([deferred.messageId, other.messageId].sort());
  });

  it('sends what another process queues', async () => {
    const port = await server.start();
    const sender = await openOutbox(port);
    await sender.start();

    const otherProcess = await openOutbox(port);
    const entry = await otherProcess.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });

    // The running sender finds it on its next look at the folder, every pollIntervalMs (100 ms here).
    await server.waitForCount(1, 5_000);
    expect(server.received[0]!.messageId).toBe(entry.messageId);
    await waitFor(sender, (entries) => entries[0]?.state === 'sent', 5_000);
  });

  it('gives up after the default window of days', async () => {
    let now = Date.UTC(2026, 0, 1);
    const outbox = await openOutbox(await closedPort(), {}, () => now);
    await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    expect(outbox.settings.giveUpAfterMs).toBe(5 * DAY_MS);

    now += 4 * DAY_MS;
    await outbox.flush();
    expect(outbox.list()[0]!.state).toBe('pending');

    now += DAY_MS;
    const summary = await outbox.flush();
    const [entry] = outbox.list();
    expect(summary).toEqual({ sent: 0, failed: 1, pending: 0 });
    expect(entry!.state).toBe('failed');
    expect(entry!.lastError).toEqual({ key: 'outbox.error.gaveUp', params: { days: 5, detail: expect.any(String) } });
    expect(entry!.failedAt).toBe(now);
  });

  it('gives up in the background sender', async () => {
    const outbox = await openOutbox(await closedPort(), { giveUpAfterMs: 300 });
    await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    await outbox.start();

    const [entry] = await waitFor(outbox, (entries) => entries[0]!.state === 'failed', 5_000);
    expect(entry!.lastError?.key).toBe('outbox.error.gaveUp');
    expect(entry!.attempts).toBeGreaterThanOrEqual(1);
  });

  it('retries a failed message on request with the same Message-ID', async () => {
    let now = Date.UTC(2026, 0, 1);
    const outbox = await openOutbox(await closedPort(), {}, () => now);
    const entry = await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    await outbox.flush();
    now += 6 * DAY_MS;
    await outbox.flush();
    expect(outbox.list()[0]!.state).toBe('failed');

    await server.start();
    // The settings hold the old port; a new outbox on the same folder reaches the running server.
    await outbox.stop();
    const reopened = await openOutbox(server.port, {}, () => now);
    const retried = await reopened.retryNow(entry.id);
    expect(retried.state).toBe('pending');
    await reopened.flush();

    expect(reopened.list()[0]!.state).toBe('sent');
    expect(server.received.map((message) => message.messageId)).toEqual([entry.messageId]);
    const again = await reopened.retryNow(entry.id);
    expect(again.state).toBe('sent');
    await reopened.flush();
    expect(server.received).toHaveLength(1);
  });

  it('stops within the grace time', { timeout: 20_000 }, async () => {
    // The server delays its final OK far beyond the grace time of stop().
    server = new TestSmtpServer({ delayMs: 15_000 });
    const outbox = await openOutbox(await server.start());
    await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    await outbox.start();
    await waitFor(outbox, (entries) => entries[0]!.state === 'sending', 5_000);

    const started = Date.now();
    await outbox.stop();

    expect(Date.now() - started).toBeLessThan(8_000);
    const [entry] = outbox.list();
    expect(entry!.state).toBe('pending');
    expect(entry!.lastError?.key).toBe('outbox.error.connection');
  });

  it('rejects an invalid address and names it', async () => {
    const outbox = await openOutbox(await server.start());
    for (const address of ['ana@', 'ana example.co', 'ana@example', 'a@b.co, c@d.co', '']) {
      const failure = await outbox.enqueue({ to: address, subject: 'Asunto', text: 'Texto' }).catch((error: unknown) => error);
      expect(failure, address).toBeInstanceOf(ApiError);
      expect((failure as ApiError).code).toBe('outbox.error.invalidAddress');
      expect((failure as ApiError).params.address).toBe(address.trim());
    }
    expect(outbox.list()).toEqual([]);
  });

  it('rejects a missing subject or body', async () => {
    const outbox = await openOutbox(await server.start());
    await expect(outbox.enqueue({ to: 'ana@example.co', subject: ' ', text: 'Texto' })).rejects.toMatchObject({ code: 'outbox.error.subjectMissing' });
    await expect(outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: '\n' })).rejects.toMatchObject({ code: 'outbox.error.bodyMissing' });
  });

  it('reports an unknown id on retry', async () => {
    const outbox = await openOutbox(await server.start());
    await expect(outbox.retryNow('no-existe')).rejects.toMatchObject({ code: 'outbox.error.notFound', params: { id: 'no-existe' } });
  });

  it('allows one sender per outbox folder', async () => {
    const port = await server.start();
    const first = await openOutbox(port);
    const second = await openOutbox(port);
    await first.start();

    await expect(second.flush()).rejects.toMatchObject({ code: 'outbox.error.locked', params: { pid: process.pid } });
    await first.stop();
    await expect(second.flush()).resolves.toEqual({ sent: 0, failed: 0, pending: 0 });
  });

  it('takes over a stale sender lock', async () => {
    const outbox = await openOutbox(await server.start());
    await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    const lockPath = join(dataDir, 'outbox', 'sender.lock');

    // A live process id (this one) in a lock untouched for two minutes: a reused id after a reboot.
    await writeFile(lockPath, String(process.pid));
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await utimes(lockPath, twoMinutesAgo, twoMinutesAgo);
    expect(await outbox.flush()).toEqual({ sent: 1, failed: 0, pending: 0 });

    // A process id that no longer exists, in a fresh lock.
    await writeFile(lockPath, '999999999');
    expect(await outbox.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    await expect(readFile(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps addresses and subjects out of the log', async () => {
    const port = await server.start();
    const lines: string[] = [];
    const logger = {
      debug: (fields: object, message: string) => lines.push(JSON.stringify({ fields, message })),
      info: (fields: object, message: string) => lines.push(JSON.stringify({ fields, message })),
      warn: (fields: object, message: string) => lines.push(JSON.stringify({ fields, message })),
      error: (fields: object, message: string) => lines.push(JSON.stringify({ fields, message })),
      child() {
        return logger;
      },
    };
    const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port, ...fastRetry }, logger });
    await outbox.enqueue({ to: 'privado@example.co', subject: 'Asunto confidencial', text: 'Texto confidencial' });
    await outbox.enqueue({ to: 'rechazado@example.co', subject: 'Asunto confidencial', text: 'Texto confidencial' });
    await outbox.flush();

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(log).not.toContain('privado');
    expect(log).not.toContain('rechazado');
    expect(log).not.toContain('confidencial');
  });

  it('stores the message file once and the state beside it', async () => {
    const outbox = await openOutbox(await server.start());
    const entry = await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
    const path = join(dataDir, 'outbox', 'queue', entry.id, 'message.eml');
    const before = await readFile(path, 'utf8');

    await outbox.flush();

    expect(await readFile(path, 'utf8')).toBe(before);
    expect(before).toContain(`Message-ID: ${entry.messageId}`);
    const state = JSON.parse(await readFile(join(dataDir, 'outbox', 'queue', entry.id, 'state.json'), 'utf8')) as OutboxEntry;
    expect(state.state).toBe('sent');
  });
});
