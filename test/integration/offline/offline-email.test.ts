/**
 * The drafts and outbox contract methods against the real workstation services,
 * a real hub and a real SMTP server (smtp-server) on loopback: drafts that never
 * go back in time, the email answer of a cut chat with its transcript, retries
 * through the Bandeja de salida and "Probar conexión".
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatch';
import type { Chat } from '../../../shared/chat/model';
import type { DraftView } from '../../../shared/drafts/model';
import { CITIZEN_PATH, type HubToCitizenFrame } from '../../../shared/hub/protocol';
import { silentLogger } from '../../../shared/log/logger';
import type { OutboxList, OutboxView } from '../../../shared/outbox/model';
import type { CheckResult } from '../../../shared/selftest/model';
import { startHub, type HubHandle } from '../../../hub/server';
import { Outbox } from '../../../main/outbox/outbox';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';
import { joinAsCitizen, type HubClient } from '../hub/hub-client';
import { closedPort, TestSmtpServer } from '../outbox/smtp-test-server';
import { until } from '../../support/until';

let dataDir: string;
let hub: HubHandle;
let smtp: TestSmtpServer;
let workstation: Workstation | null;
let dispatch: Dispatch;
let events: Array<{ event: ApiEvent; payload: unknown }>;
let citizen: HubClient<HubToCitizenFrame> | null;

async function call<T>(method: string, params: unknown): Promise<T> {
  const envelope = await dispatch(method, params);
  if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

async function callError(method: string, params: unknown): Promise<string> {
  const envelope = await dispatch(method, params);
  if (envelope.ok) throw new Error(`${method} succeeded unexpectedly`);
  return envelope.error.code;
}

function writeSettings(smtpPort: number | null): string {
  const path = join(dataDir, 'entidad.json');
  const smtpSettings = smtpPort === null ? {} : { smtp: { host: '127.0.0.1', port: smtpPort, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false, retryBaseMs: 200, retryMaxMs: 400, connectionTimeoutMs: 2000 } };
  writeFileSync(path, JSON.stringify({ entityName: 'Alcaldía de Prueba', ...smtpSettings }));
  return path;
}

async function openWorkstation(settingsPath: string): Promise<void> {
  workstation = await createWorkstation({ dataDir, hubAgentUrl: hub.agentUrl, citizenUrl: hub.citizenUrl, presetAgentName: 'Ana Pérez', settingsPath, logger: silentLogger });
  dispatch = createDispatcher(workstation.handlers);
  events = [];
  workstation.subscribe((event, payload) => events.push({ event, payload }));
}

/** Opens a chat as a citizen, then takes it and greets as the agent. */
async function servedChat(): Promise<Chat> {
  for (let attempt = 0; (await call<{ connection: string }>('workspace.get', {})).connection !== 'connected'; attempt++) {
    if (attempt > 100) throw new Error('the workstation did not connect to the hub');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await call('selftest.record', { checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } }], durationMs: 1, override: null });
  citizen = (await joinAsCitizen(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href)).citizen;
  citizen.send({ type: 'message', id: 'c-1', text: 'Necesito el certificado <b>predial</b> & el paz y salvo' });
  await citizen.next('ack');
  await until(() => events.some((entry) => entry.event === 'queue.changed' && (entry.payload as { entries: unknown[] }).entries.length === 1));
  const chat = await call<Chat>('chat.takeNext', {});
  await call('chat.send', { chatId: chat.id, text: 'Buenas tardes, soy Ana Pérez.' });
  return chat;
}

/** Disconnects the citizen of a served chat and waits until the hub marks the chat cut. */
async function cutChat(served?: Chat): Promise<Chat> {
  const chat = served ?? (await servedChat());
  citizen!.close();
  citizen = null;
  await until(() => events.some((entry) => entry.event === 'chat.updated' && (entry.payload as { chat: Chat }).chat.status === 'cut'));
  return chat;
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-offline-'));
  hub = await startHub({ port: 0, logger: silentLogger, timings: { citizenCutMs: 100, presenceSweepMs: 50 } });
  smtp = new TestSmtpServer();
  workstation = null;
  citizen = null;
});

afterEach(async () => {
  citizen?.close();
  await workstation?.close();
  await hub.close();
  await smtp.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('draft methods', () => {
  it('draft save keeps the newest change', async () => {
    await openWorkstation(writeSettings(null));
    const newer = await call<DraftView>('draft.save', { chatId: 'c1', text: 'segunda versión', protocolState: { emailTo: 'a@b.co' }, changedAt: 2000 });
    expect(newer).toMatchObject({ text: 'segunda versión', updatedAt: 2000 });

    const late = await call<DraftView>('draft.save', { chatId: 'c1', text: 'primera', protocolState: null, changedAt: 1000 });
    expect(late.text).toBe('segunda versión');
    const listed = await call<DraftView[]>('draft.list', {});
    expect(listed).toEqual([{ chatId: 'c1', text: 'segunda versión', protocolState: { emailTo: 'a@b.co' }, updatedAt: 2000 }]);
  });

  it('draft list survives a restart', async () => {
    const settings = writeSettings(null);
    await openWorkstation(settings);
    await call('draft.save', { chatId: 'c9', text: 'Le informo que', protocolState: null, changedAt: 5 });
    await workstation!.close();

    await openWorkstation(settings);
    expect(await call<DraftView[]>('draft.list', {})).toEqual([{ chatId: 'c9', text: 'Le informo que', protocolState: null, updatedAt: 5 }]);
  });

  it('draft save rejects bad input', async () => {
    await openWorkstation(writeSettings(null));
    expect(await callError('draft.save', { chatId: '', text: 'x', protocolState: null, changedAt: 1 })).toBe('error.invalidRequest');
    expect(await callError('draft.save', { chatId: 'c1', text: 'x', protocolState: { script: '<x>' }, changedAt: 1 })).toBe('error.invalidRequest');
    expect(await callError('draft.save', { chatId: 'c1', text: 'x'.repeat(200_001), protocolState: null, changedAt: 1 })).toBe('error.invalidRequest');
    expect(await call<DraftView[]>('draft.list', {})).toEqual([]);
  });
});

describe('email answer of a cut chat', () => {
  it('sends answer, transcript and signature once', async () => {
    await smtp.start();
    await openWorkstation(writeSettings(smtp.port));
    const chat = await cutChat();
    await call('draft.save', { chatId: chat.id, text: 'borrador', protocolState: null, changedAt: 1 });

    const { entry, chat: answered } = await call<{ entry: OutboxView; chat: Chat }>('outbox.enqueue', { chatId: chat.id, to: 'Juan@Example.com', text: 'Puede pedir el certificado <en línea>.' });
    expect(entry).toMatchObject({ to: 'juan@example.com', chatId: chat.id });
    expect(answered.protocol?.emailAnswers).toEqual([{ at: entry.createdAt, outboxId: entry.id }]);
    expect(answered.protocol?.citizenEmail).toBe('juan@example.com');
    expect(await call<DraftView[]>('draft.list', {})).toEqual([]);

    await smtp.waitForCount(1, 5000);
    const [mail] = smtp.received;
    expect(mail!.subject).toBe('Respuesta a su consulta en el chat de Alcaldía de Prueba');
    expect(mail!.text).toContain('Puede pedir el certificado <en línea>.');
    expect(mail!.text).toContain('Necesito el certificado <b>predial</b> & el paz y salvo');
    expect(mail!.text).toContain('Alcaldía de Prueba');
    expect(mail!.html).toContain('&lt;b&gt;predial&lt;/b&gt; &amp; el paz');
    expect(mail!.html).not.toContain('<b>predial</b>');
    await until(() => events.some((item) => item.event === 'outbox.changed' && (item.payload as { entry: OutboxView }).entry.state === 'sent'));

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.countsByMessageId().get(entry.messageId)).toBe(1);

    const closed = await call<Chat>('chat.close', { chatId: chat.id });
    const transcript = JSON.parse(readFileSync(join(dataDir, 'transcripts', closed.protocol!.transcriptFile!), 'utf8')) as { emailAnswers: unknown };
    expect(transcript.emailAnswers).toEqual([{ at: entry.createdAt, outboxId: entry.id }]);
  });

  it('records a review override with the email', async () => {
    await openWorkstation(writeSettings(null));
    const chat = await cutChat();
    const text = 'Claro que sí!! :)';
    expect(await callError('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text, overriddenRules: [] })).toBe('error.invalidRequest');
    expect(await callError('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text, overriddenRules: ['not-a-rule'] })).toBe('error.invalidRequest');
    expect((await call<OutboxList>('outbox.list', {})).entries).toEqual([]);

    const { entry, chat: answered } = await call<{ entry: OutboxView; chat: Chat }>('outbox.enqueue', {
      chatId: chat.id,
      to: 'juan@example.com',
      text,
      overriddenRules: ['exclamation', 'emoticon', 'exclamation'],
    });
    const override = { at: entry.createdAt, outboxId: entry.id, messageId: entry.messageId, rules: ['exclamation', 'emoticon'] };
    expect(answered.protocol?.reviewOverrides).toEqual([override]);
    expect((await call<{ chats: Chat[] }>('workspace.get', {})).chats.find((known) => known.id === chat.id)?.protocol?.reviewOverrides).toEqual([override]);

    // The stored transcript names the queued message beside the chat replies' overrides.
    const closed = await call<Chat>('chat.close', { chatId: chat.id });
    const transcript = JSON.parse(readFileSync(join(dataDir, 'transcripts', closed.protocol!.transcriptFile!), 'utf8')) as { reviewOverrides: unknown; emailAnswers: unknown };
    expect(transcript.reviewOverrides).toEqual([override]);
    expect(transcript.emailAnswers).toEqual([{ at: entry.createdAt, outboxId: entry.id }]);
  });

  it('keeps the answered draft gone after a restart', async () => {
    const settings = writeSettings(null);
    await openWorkstation(settings);
    const chat = await cutChat();
    const typedAt = Date.now();
    await call('draft.save', { chatId: chat.id, text: 'Puede pedirlo en línea.', protocolState: { emailTo: 'juan@example.com' }, changedAt: typedAt });
    await call('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text: 'Puede pedirlo en línea.' });

    // A save typed before the queueing arrives late, then the composer's empty state: neither brings a draft back.
    const late = await call<DraftView>('draft.save', { chatId: chat.id, text: 'Puede pedirlo', protocolState: null, changedAt: typedAt });
    expect(late.text).toBe('');
    expect(await call<DraftView[]>('draft.list', {})).toEqual([]);
    const emptied = await call<DraftView>('draft.save', { chatId: chat.id, text: '', protocolState: null, changedAt: Date.now() });
    expect(emptied).toMatchObject({ chatId: chat.id, text: '', protocolState: null });
    expect(await call<DraftView[]>('draft.list', {})).toEqual([]);

    await workstation!.close();
    workstation = null;
    expect(readdirSync(join(dataDir, 'drafts')).filter((name) => name.endsWith('.json'))).toEqual([]);
    await openWorkstation(settings);
    expect(await call<DraftView[]>('draft.list', {})).toEqual([]);

    // A new draft typed after the queueing is kept as usual.
    await call('draft.save', { chatId: chat.id, text: 'Otra respuesta', protocolState: null, changedAt: Date.now() + 1 });
    expect((await call<DraftView[]>('draft.list', {})).map((draft) => draft.text)).toEqual(['Otra respuesta']);
  });

  it('cuts a chat the citizen left', async () => {
    await smtp.start();
    await openWorkstation(writeSettings(smtp.port));
    const chat = await servedChat();

    // The citizen presses the widget's leave button: the hub keeps the chat cut with its agent.
    citizen!.send({ type: 'leave' });
    await citizen!.next('closed');
    await until(() => events.some((entry) => entry.event === 'chat.updated' && (entry.payload as { chat: Chat }).chat.status === 'cut'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const statusOf = async () => (await call<{ chats: Chat[] }>('workspace.get', {})).chats.find((known) => known.id === chat.id)?.status;
    expect(await statusOf()).toBe('cut');

    // The answer goes by email, once.
    const { entry } = await call<{ entry: OutboxView }>('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text: 'Le envío la respuesta completa.' });
    await smtp.waitForCount(1, 5000);
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([entry.messageId]);
    expect(await statusOf()).toBe('cut');
  });

  it('waits while the server is down, then retries', async () => {
    const port = await closedPort();
    smtp = new TestSmtpServer();
    await openWorkstation(writeSettings(port));
    const chat = await cutChat();

    const { entry } = await call<{ entry: OutboxView }>('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text: 'Respuesta completa.' });
    await until(() => events.some((item) => item.event === 'outbox.changed' && (item.payload as { entry: OutboxView }).entry.lastError !== null));
    const waiting = await call<OutboxList>('outbox.list', {});
    expect(waiting.smtpConfigured).toBe(true);
    expect(waiting.entries[0]).toMatchObject({ id: entry.id, state: 'pending' });
    expect(waiting.entries[0]!.lastError?.key).toBe('outbox.error.connection');

    smtp.port = port;
    await smtp.start();
    await call('outbox.retryNow', { id: entry.id });
    await smtp.waitForCount(1, 5000);
    await until(() => events.some((item) => item.event === 'outbox.changed' && (item.payload as { entry: OutboxView }).entry.state === 'sent'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received).toHaveLength(1);
  });

  it('rejects an active chat and a bad address', async () => {
    await smtp.start();
    await openWorkstation(writeSettings(smtp.port));
    const active = await servedChat();
    expect(await callError('outbox.enqueue', { chatId: active.id, to: 'a@b.co', text: 'Hola' })).toBe('outbox.error.chatNotEmailable');
    const chat = await cutChat(active);
    expect(await callError('outbox.enqueue', { chatId: chat.id, to: 'no-es-correo', text: 'Hola' })).toBe('error.invalidRequest');
    expect(await callError('outbox.enqueue', { chatId: 'desconocido', to: 'a@b.co', text: 'Hola' })).toBe('error.unknownChat');
    expect(await callError('outbox.retryNow', { id: 'nada' })).toBe('outbox.error.notFound');
    expect((await call<OutboxList>('outbox.list', {})).entries).toEqual([]);
  });

  it('sends once SMTP settings arrive', async () => {
    await openWorkstation(writeSettings(null));
    const chat = await cutChat();
    await call('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text: 'Respuesta.' });
    const list = await call<OutboxList>('outbox.list', {});
    expect(list.smtpConfigured).toBe(false);
    expect(list.entries.map((item) => item.state)).toEqual(['pending']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await call<OutboxList>('outbox.list', {})).entries[0]!.attempts).toBe(0);

    // IT staff add the SMTP server to the settings file; the sender starts and the message goes out.
    await smtp.start();
    writeSettings(smtp.port);
    await smtp.waitForCount(1, 8000);
    await until(async () => (await call<OutboxList>('outbox.list', {})).entries[0]!.state === 'sent');
    expect((await call<OutboxList>('outbox.list', {})).smtpConfigured).toBe(true);
    expect(smtp.received).toHaveLength(1);
  });

  it('queues while another sender holds the lock', async () => {
    await smtp.start();
    const other = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port: smtp.port, pool: false } });
    await other.start();
    try {
      await openWorkstation(writeSettings(smtp.port));
      const chat = await cutChat();
      const { entry } = await call<{ entry: OutboxView }>('outbox.enqueue', { chatId: chat.id, to: 'juan@example.com', text: 'Respuesta.' });
      expect(entry.state).toBe('pending');

      // The process holding the lock finds the message and sends it once.
      await smtp.waitForCount(1, 10_000);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('lists an unreadable queue entry', async () => {
    mkdirSync(join(dataDir, 'outbox', 'queue', '20260101T000000000-broken'), { recursive: true });
    writeFileSync(join(dataDir, 'outbox', 'queue', '20260101T000000000-broken', 'state.json'), '{ roto');
    await openWorkstation(writeSettings(null));
    const list = await call<OutboxList>('outbox.list', {});
    expect(list.problems).toBe(1);
    expect(list.entries).toEqual([]);
  });
});

describe('smtp test method', () => {
  it('passes against a live server', async () => {
    await smtp.start();
    await openWorkstation(writeSettings(smtp.port));
    expect((await call<CheckResult>('smtp.test', {})).status).toBe('pass');
  });

  it('explains a closed port', async () => {
    await openWorkstation(writeSettings(await closedPort()));
    const result = await call<CheckResult>('smtp.test', {});
    expect(result.status).toBe('fail');
    expect(result.messageKey).toBe('selftest.smtp.fail');
  });

  it('says not configured without settings', async () => {
    await openWorkstation(writeSettings(null));
    expect((await call<CheckResult>('smtp.test', {})).status).toBe('not-configured');
  });
});

describe('replies queued without the hub', () => {
  it('delivers queued replies once, in order', async () => {
    await hub.close();
    const hubDir = join(dataDir, 'hub');
    hub = await startHub({ port: 0, dataDir: hubDir, logger: silentLogger, timings: { citizenCutMs: 60_000, presenceSweepMs: 50 } });
    const port = Number(new URL(hub.httpUrl).port);
    await openWorkstation(writeSettings(null));
    const chat = await servedChat();

    // The hub goes away; the agent writes two replies, which wait on disk.
    await hub.close();
    await until(async () => (await call<{ connection: string }>('workspace.get', {})).connection !== 'connected');
    expect((await call<{ queued: number }>('chat.queue', { chatId: chat.id, text: 'Primera respuesta.' })).queued).toBe(1);
    expect((await call<{ queued: number }>('chat.queue', { chatId: chat.id, text: 'Segunda respuesta.' })).queued).toBe(2);
    expect(JSON.parse(readFileSync(join(dataDir, 'send-queue.json'), 'utf8')).replies).toHaveLength(2);

    // The hub comes back on the same port with its journal; the replies go out once, in order.
    hub = await startHub({ port, dataDir: hubDir, logger: silentLogger, timings: { citizenCutMs: 60_000, presenceSweepMs: 50 } });
    await until(() => events.find((item) => item.event === 'chat.queuedDelivered'), 15_000);
    expect(events.find((item) => item.event === 'chat.queuedDelivered')!.payload).toEqual({ count: 2, left: 0 });
    const workspace = await call<{ chats: Chat[] }>('workspace.get', {});
    const agentTexts = workspace.chats.find((known) => known.id === chat.id)!.messages.filter((message) => message.author === 'agent').map((message) => message.text);
    expect(agentTexts).toEqual(['Buenas tardes, soy Ana Pérez.', 'Primera respuesta.', 'Segunda respuesta.']);
    expect(JSON.parse(readFileSync(join(dataDir, 'send-queue.json'), 'utf8')).replies).toEqual([]);
  });

  it('rejects a reply for an unknown chat', async () => {
    await openWorkstation(writeSettings(null));
    expect(await callError('chat.queue', { chatId: 'nada', text: 'Hola' })).toBe('error.unknownChat');
    expect(await callError('chat.queue', { chatId: 'nada', text: '   ' })).toBe('error.invalidRequest');
  });
});
