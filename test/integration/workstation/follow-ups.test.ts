/**
 * Requests citizens leave by email, from the widget's follow-up frame on a real hub
 * that is closed, to the agent's answer through the real outbox and a real SMTP
 * server on loopback, and the done marks the hub keeps for every agent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUpView } from '../../../shared/api/contract';
import type { OutboxView } from '../../../shared/outbox/model';
import { startHub, type HubHandle } from '../../../hub/server';
import { DEFAULT_HUB_SETTINGS } from '../../../hub/settings';
import { silentLogger } from '../../../shared/log/logger';
import { followUpsDoneFile } from '../../../main/chat/follow-up-book';
import { joinAsAgent, joinAsCitizen } from '../hub/hub-client';
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
let colleague: Station | null = null;
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
  await colleague?.close();
  colleague = null;
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

    // The hub records the mark, and the request leaves the list.
    await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 0);
    expect(await ana.call<FollowUpView[]>('followUp.list')).toEqual([]);

    // The email carries the answer, the citizen's request and the signature.
    await smtp.waitForCount(1, 10_000);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.text).toContain(ANSWER);
    expect(mail.text).toContain(REQUEST);
    expect(mail.text).toContain('Ana Pérez');
    expect(mail.subject).toContain('Alcaldía de Prueba');

    // The marks file keeps ids only, and none once the hub recorded the mark.
    const record = readFileSync(followUpsDoneFile(ana.dataDir), 'utf8');
    expect(record).not.toContain(request!.id);
    expect(record).not.toContain(EMAIL);
    expect(record).not.toContain('licencia');
  });

  it('removes a done request from a colleague', async () => {
    const ana = await openStation();
    colleague = await Station.open(hub, { agentName: 'Beatriz Gómez', settingsPath });
    await colleague.waitConnected();
    await leaveRequest();
    const [request] = (await colleague.waitFor('followUp.changed', (payload) => payload.requests.length === 1)).requests;
    await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 1);

    const marked = await ana.call<FollowUpView>('followUp.setDone', { id: request!.id, done: true });
    expect(marked.done).toMatchObject({ outboxId: null });
    await colleague.waitFor('followUp.changed', (payload) => payload.requests.length === 0);
    expect(await colleague.call<FollowUpView[]>('followUp.list')).toEqual([]);
    expect(await colleague.callError('followUp.setDone', { id: request!.id, done: true })).toEqual({ code: 'followUp.error.unknown', params: {} });
  });

  it('sends a mark made offline on reconnection', async () => {
    await hub.close();
    const hubData = mkdtempSync(join(tmpdir(), 'atiende-follow-ups-hub-'));
    const closedSettings = { ...DEFAULT_HUB_SETTINGS, openingHours: { timeZone: 'America/Bogota', days: {} } };
    hub = await startHub({ port: 0, dataDir: hubData, settings: closedSettings, logger: silentLogger });
    const port = hub.port;
    const first = await openStation();
    await leaveRequest();
    const [request] = (await first.waitFor('followUp.changed', (payload) => payload.requests.length === 1)).requests;

    // The hub stops: the mark waits in the marks file, and the request shows as done.
    await hub.close();
    await first.waitFor('hub.connection', (payload) => payload.state !== 'connected');
    const marked = await first.call<FollowUpView>('followUp.setDone', { id: request!.id, done: true });
    expect(marked.done).toMatchObject({ outboxId: null });
    expect(readFileSync(followUpsDoneFile(first.dataDir), 'utf8')).toContain(request!.id);

    // A restarted workstation still has the mark, and sends it once the hub is back on its port.
    await first.close({ keepData: true });
    hub = await startHub({ port, dataDir: hubData, settings: closedSettings, logger: silentLogger });
    const second = await openStation(first.dataDir);
    await second.waitFor('followUp.changed', (payload) => payload.requests.length === 0, 10_000);
    const check = await joinAsAgent(hub.agentUrl, 'Carlos Ruiz');
    try {
      expect(await check.next('follow-ups')).toEqual({ type: 'follow-ups', requests: [], complete: true });
    } finally {
      check.close();
    }
    expect(readFileSync(followUpsDoneFile(second.dataDir), 'utf8')).not.toContain(request!.id);
    rmSync(hubData, { recursive: true, force: true });
  });

  it('lists pending requests first, oldest first', async () => {
    const ana = await openStation();
    await leaveRequest('primero@example.org', 'Primera solicitud de información.');
    await leaveRequest('segundo@example.org', 'Segunda solicitud de información.');
    await leaveRequest('tercero@example.org', 'Tercera solicitud de información.');
    const { requests } = await ana.waitFor('followUp.changed', (payload) => payload.requests.length === 3);
    expect(requests.map((request) => request.email)).toEqual(['primero@example.org', 'segundo@example.org', 'tercero@example.org']);

    // A done request shows last until the hub recorded the mark, then leaves.
    const marked = await ana.call<FollowUpView>('followUp.setDone', { id: requests[0]!.id, done: true });
    expect(marked.done).not.toBeNull();
    const { requests: left } = await ana.waitFor('followUp.changed', (payload) => payload.requests.every((request) => request.id !== requests[0]!.id));
    expect(left.map((request) => request.email)).toEqual(['segundo@example.org', 'tercero@example.org']);
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
