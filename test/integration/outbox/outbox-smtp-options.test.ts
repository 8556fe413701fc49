import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import type { OutboxSettingsInput } from '../../../main/outbox/settings';
import { TestSmtpServer, type TestSmtpServerOptions } from './smtp-test-server';

let dataDir: string;
let server: TestSmtpServer | null = null;

async function sendOne(serverOptions: TestSmtpServerOptions, settings: OutboxSettingsInput) {
  server = new TestSmtpServer(serverOptions);
  const port = await server.start();
  const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port, connectionTimeoutMs: 5_000, ...settings } });
  const entry = await outbox.enqueue({ to: 'ana@example.co', subject: 'Asunto', text: 'Texto' });
  const summary = await outbox.flush();
  return { summary, entry: outbox.list()[0]!, messageId: entry.messageId, received: server.received };
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-outbox-smtp-'));
});

afterEach(async () => {
  await server?.stop();
  server = null;
  await rm(dataDir, { recursive: true, force: true });
});

describe('outbox smtp settings', () => {
  it('delivers over implicit TLS', async () => {
    const result = await sendOne({ secure: true }, { secure: true, rejectUnauthorized: false });

    expect(result.summary).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(result.received.map((message) => message.messageId)).toEqual([result.messageId]);
  });

  it('keeps pending on an unverified certificate', async () => {
    const result = await sendOne({ secure: true }, { secure: true });

    expect(result.summary).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(result.entry.lastError).toEqual({ key: 'outbox.error.connection', params: { code: 'ESOCKET' } });
    expect(result.received).toEqual([]);
  });

  it('upgrades with STARTTLS when required', async () => {
    const result = await sendOne({ startTls: true }, { requireTLS: true, rejectUnauthorized: false });

    expect(result.summary).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(result.received).toHaveLength(1);
  });

  it('keeps pending when required STARTTLS is missing', async () => {
    const result = await sendOne({}, { requireTLS: true });

    expect(result.summary).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(result.entry.lastError).toEqual({ key: 'outbox.error.tls', params: { detail: '500 Error: command not recognized' } });
    expect(result.received).toEqual([]);
  });

  it('logs in with the configured account', async () => {
    const account = { user: 'atiende', password: 'clave-de-prueba' };
    const result = await sendOne({ account }, { user: account.user, password: account.password });

    expect(result.summary).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(result.received).toHaveLength(1);
  });

  it('keeps pending on a wrong password', async () => {
    const result = await sendOne({ account: { user: 'atiende', password: 'correcta' } }, { user: 'atiende', password: 'incorrecta' });

    expect(result.summary).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(result.entry.state).toBe('pending');
    expect(result.entry.lastError).toEqual({ key: 'outbox.error.auth', params: { code: 'EAUTH' } });
    expect(result.received).toEqual([]);
  });
});
