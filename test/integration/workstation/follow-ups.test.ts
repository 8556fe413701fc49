/**
 * Requests citizens leave by email, from the widget's follow-up frame on a real hub
 * that is closed, to the agent's answer through the real outbox and a real SMTP
 * server on loopback, and the workstation's record of which requests are done.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUpView } from '../../../shared/api/contract';
import type { OutboxView } from '../../../shared/outbox/model';
import type { HubHandle } from '../../../hub/server';
import { followUpsDoneFile } from '../../../main/chat/follow-up-book';
import { joinAsCitizen } from '../hub/hub-client';
import { TestSmtpServer } from '../outbox/smtp-test-server';
import { until } from '../../support/until';
import { citizenWsUrl, startCenterHub, Station } from './center';

const ANA = 'Ana Pérez';
const EMAIL = 'lucia.mora@example.org';
const REQUEST = 'Quiero saber qué documentos necesito para la licencia de construcción.';
const ANSWER = 'Para la licencia necesita el formulario único, el certificado de tradición y los planos firmados.';

let hub: HubHandle;
let smtp: TestSmtpServer;
let station: Station | null = null;
let settingsPath: string;

/** A citizen finds the service closed and leaves the request with an email address. */
async function leaveRequest(email = EMAIL, text = REQUEST): Promise<void> {
  const { citizen } = await joinAsCitizen(citizenWsUrl(hub));
  expect(await citizen.next('service')).toEqual({ type: 'service', state: 'closed' });
  citizen.send({ type: 'follow-up', id: 'f-1', email, text });
  await citizen.next('follow-up-stored');
  citizen.close();
}

async function openStation(dataDir?: string): Promise<Station> {
  station = await Station.open(hub, { agentName: ANA, dataDir, settingsPath });
  await station.waitConnected();
  return station;
}

beforeEach(async () => {
  // Opening hours with no open day: the service is always closed.
  hub = await startCenterHub({ settings: { openingHours: { timeZone: 'America/Bogota', days: {} } } });
  smtp = new TestSmtpServer();
  const port = await smtp.start();
  settingsPath = join(await import('node:os').then((os) => os.tmpdir()), `atiende-follow-ups-${process.pid}-${Date.now()}.json`);
  writeFileSync(settingsPath, JSON.stringify({ entityName: 'Alcaldía de Prueba', smtp: { host: '127.0.0.1', port, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false, retryBaseMs: 200, retryMaxMs: 400, connectionTimeoutMs: 2000 } }));
});

afterEach(async () => {
  await station?.close();
  station = null;
  await smtp.stop();
  await hub.close();
});

describe('requests left by email', () => {
  it('lists a request the citizen left', async () => {
    const ana = await openStation();
    await leaveRequest();

    const { requests } = await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 1);
    expect(requests[0]).toMatchObject({ email: EMAIL, text: REQUEST, service: 'closed', done: null });
    expect(await ana.call<FollowUpView[]>('followUp.list')).toEqual(requests);
  });

  it('lists requests left before the workstation started', async () => {
    await leaveRequest();
    const ana = await openStation();
    const list = await until(async () => {
      const requests = await ana.call<FollowUpView[]>('followUp.list');
      return requests.length === 1 ? requests : undefined;
    });
    expect(list[0]).toMatchObject({ email: EMAIL, text: REQUEST, done: null });
  });

  it('answers a request by email and marks it done', async () => {
    const ana = await openStation();
    await leaveRequest();
    const [request] = (await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 1)).requests;

    const { entry, request: answered } = await ana.call<{ entry: OutboxView; request: FollowUpView }>('followUp.answer', { id: request!.id, to: ` ${EMAIL.toUpperCase()} `, text: ANSWER });
    expect(entry.to).toBe(EMAIL);
    expect(answered.done).toEqual({ at: entry.createdAt, outboxId: entry.id });

    // The email carries the answer, the citizen's request and the signature.
    await smtp.waitForCount(1, 10_000);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.text).toContain(ANSWER);
    expect(mail.text).toContain(REQUEST);
    expect(mail.text).toContain('Ana Pérez');
    expect(mail.subject).toContain('Alcaldía de Prueba');

    // The record keeps ids only, never the citizen's address or text.
    const record = readFileSync(followUpsDoneFile(ana.dataDir), 'utf8');
    expect(record).toContain(request!.id);
    expect(record).not.toContain(EMAIL);
    expect(record).not.toContain('licencia');
  });

  it('keeps the done state across a restart', async () => {
    const first = await openStation();
    await leaveRequest();
    const [request] = (await first.waitFor('followUp.changed', (payload) => payload.requests.length === 1)).requests;
    await first.call('followUp.setDone', { id: request!.id, done: true });
    await first.close({ keepData: true });

    const second = await openStation(first.dataDir);
    const list = await until(async () => {
      const requests = await second.call<FollowUpView[]>('followUp.list');
      return requests.length === 1 ? requests : undefined;
    });
    expect(list[0]!.done).toMatchObject({ outboxId: null });

    const reopened = await second.call<FollowUpView>('followUp.setDone', { id: request!.id, done: false });
    expect(reopened.done).toBeNull();
  });

  it('lists pending requests first, oldest first', async () => {
    const ana = await openStation();
    await leaveRequest('primero@example.org', 'Primera solicitud de información.');
    await leaveRequest('segundo@example.org', 'Segunda solicitud de información.');
    await leaveRequest('tercero@example.org', 'Tercera solicitud de información.');
    const { requests } = await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 3);
    await ana.call('followUp.setDone', { id: requests[0]!.id, done: true });

    const list = await ana.call<FollowUpView[]>('followUp.list');
    expect(list.map((request) => request.email)).toEqual(['segundo@example.org', 'tercero@example.org', 'primero@example.org']);
  });

  it('rejects an unknown request and a bad address', async () => {
    const ana = await openStation();
    await leaveRequest();
    const [request] = (await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 1)).requests;

    expect(await ana.callError('followUp.answer', { id: 'no-existe', to: EMAIL, text: ANSWER })).toEqual({ code: 'followUp.error.unknown', params: {} });
    expect(await ana.callError('followUp.setDone', { id: 'no-existe', done: true })).toEqual({ code: 'followUp.error.unknown', params: {} });
    expect(await ana.callError('followUp.answer', { id: request!.id, to: 'lucia.mora', text: ANSWER })).toMatchObject({ code: 'error.invalidRequest', params: { field: 'to' } });
    expect(await ana.callError('followUp.answer', { id: request!.id, to: EMAIL, text: '   ' })).toMatchObject({ code: 'error.invalidRequest', params: { field: 'text' } });
    expect((await ana.call<FollowUpView[]>('followUp.list'))[0]!.done).toBeNull();
  });

  it('starts over from a damaged record', async () => {
    const first = await openStation();
    await first.close({ keepData: true });
    writeFileSync(followUpsDoneFile(first.dataDir), '{ cortado');

    const ana = await openStation(first.dataDir);
    await leaveRequest();
    const { requests } = await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 1);
    expect(requests[0]!.done).toBeNull();
    await ana.call('followUp.setDone', { id: requests[0]!.id, done: true });
    expect(JSON.parse(readFileSync(followUpsDoneFile(ana.dataDir), 'utf8'))).toMatchObject({ version: 1 });
  });
});
