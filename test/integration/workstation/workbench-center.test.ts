/**
 * The workbench store as the agent drives it, through the real API client and
 * socket transport, against the real workstation services and a real hub: logging
 * in with a token, transferring a chat with the "Transferir" dialog's checks, and
 * answering a request left by email through the pre-send review and a real SMTP server.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TRANSFER_NOTE_LENGTH } from '../../../shared/hub/protocol';
import type { HubHandle } from '../../../hub/server';
import { runCheck, type ReplyChecker } from '../../../renderer/checker/run-check';
import { followUpDraftKey, isFollowUpDraftKey } from '../../../renderer/follow-ups/follow-ups-slice';
import { COMMANDS } from '../../../renderer/palette/commands';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { fileHubTokenStore } from '../../../main/settings/hub-token';
import { joinAsCitizen } from '../hub/hub-client';
import { TestSmtpServer } from '../outbox/smtp-test-server';
import { connectTestStore, startHost, waitFor } from '../../unit/renderer/api-host';
import { citizenWsUrl, startCenterHub, Station } from './center';

const ANA = 'Ana Pérez';
const BEATRIZ = 'Beatriz Gómez';
const ANA_TOKEN = 'token-de-ana-0123456789abcdef';
const NOTE = 'Pide un certificado de estratificación; falta confirmar la dirección.';

/** The real reply checker in process, without the spelling engine. */
const checker: ReplyChecker = { check: async (text, options) => runCheck(text, options, undefined) };

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function centerHub(options: Parameters<typeof startCenterHub>[0] = {}): Promise<HubHandle> {
  const hub = await startCenterHub(options);
  cleanups.push(() => hub.close());
  return hub;
}

async function station(hub: HubHandle, options: Parameters<typeof Station.open>[1]): Promise<Station> {
  const opened = await Station.open(hub, options);
  cleanups.push(() => opened.close());
  return opened;
}

/** Connects a workbench store to a station the way the browser host does. */
async function workbench(opened: Station): Promise<WorkbenchStore> {
  const host = await startHost(opened.workstation.handlers);
  const unsubscribe = opened.workstation.subscribe((event, payload) => host.broadcast({ kind: 'event', event, payload }));
  const { store, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(2026, 2, 3, 15), checker });
  cleanups.push(async () => {
    unsubscribe();
    await stop();
  });
  await store.getState().loadSession();
  await store.getState().loadWorkspace();
  await store.getState().loadHubLogin();
  await store.getState().loadFollowUps();
  return store;
}

describe('hub login in the workbench', () => {
  it('asks for the token and connects with it', async () => {
    const hub = await centerHub({ accounts: { [ANA]: ANA_TOKEN } });
    const ana = await station(hub, { agentName: ANA, hubTokenStore: fileHubTokenStore });
    const store = await workbench(ana);

    await waitFor(() => store.getState().hubLogin?.state === 'rejected');
    expect(store.getState().hubLogin).toMatchObject({ reason: 'tokenMissing', hubUrl: hub.agentUrl });

    expect(await store.getState().saveHubToken('   ')).toBe(false);
    expect(store.getState().tokenError).toEqual({ key: 'hubLogin.empty', params: {} });

    expect(await store.getState().saveHubToken(ANA_TOKEN)).toBe(true);
    await waitFor(() => store.getState().hubLogin?.state === 'accepted' && store.getState().hubConnection === 'connected', 5000);
    expect(store.getState().tokenError).toBeNull();
  });
});

describe('transfer in the workbench', () => {
  it('checks the dialog, reports the hub errors and drops the chat', async () => {
    const hub = await centerHub();
    const ana = await station(hub, { agentName: ANA });
    const beatriz = await station(hub, { agentName: BEATRIZ });
    await ana.startShift();
    await beatriz.waitConnected();
    const store = await workbench(ana);
    const beatrizStore = await workbench(beatriz);

    const { citizen } = await joinAsCitizen(citizenWsUrl(hub));
    cleanups.push(async () => citizen.close());
    citizen.send({ type: 'message', id: 'c-1', text: 'Necesito un certificado de estratificación.' });
    await waitFor(() => store.getState().queue.length === 1 && store.getState().queue[0]!.excerpt !== '');
    await store.getState().takeNext();
    const chatId = store.getState().openChatId!;
    expect(chatId).not.toBeNull();

    const transferCommand = COMMANDS.find((command) => command.id === 'transferChat')!;
    await waitFor(() => transferCommand.available(store.getState()));
    await transferCommand.run(store.getState());
    expect(store.getState().transferChatId).toBe(chatId);

    // Checks of the dialog, before anything reaches the hub.
    expect(await store.getState().submitTransfer('beatriz', NOTE)).toBe(false);
    expect(store.getState().transferError).toEqual({ key: 'agentName.invalid', params: {} });
    expect(await store.getState().submitTransfer(BEATRIZ, '  ')).toBe(false);
    expect(store.getState().transferError).toEqual({ key: 'transfer.noteMissing', params: {} });
    expect(await store.getState().submitTransfer(BEATRIZ, 'x'.repeat(MAX_TRANSFER_NOTE_LENGTH + 1))).toBe(false);
    expect(store.getState().transferError).toEqual({ key: 'transfer.noteTooLong', params: { max: MAX_TRANSFER_NOTE_LENGTH } });

    // The hub's answers: a colleague who is not connected, then one who is paused.
    expect(await store.getState().submitTransfer('Carlos Ruiz', NOTE)).toBe(false);
    expect(store.getState().transferError).toEqual({ key: 'transfer.error.unknownAgent', params: { agent: 'Carlos Ruiz' } });
    expect(await store.getState().submitTransfer(BEATRIZ, NOTE)).toBe(false);
    expect(store.getState().transferError).toEqual({ key: 'transfer.error.agentUnavailable', params: { agent: BEATRIZ } });
    expect(store.getState().chats.map((chat) => chat.id)).toContain(chatId);

    await beatriz.startShift();
    store.getState().setDraft(chatId, 'Texto que ya no se enviará');
    expect(await store.getState().submitTransfer(BEATRIZ, NOTE)).toBe(true);
    expect(store.getState().chats.map((chat) => chat.id)).not.toContain(chatId);
    expect(store.getState().drafts[chatId]).toBeUndefined();
    expect(store.getState().openChatId).toBeNull();
    expect(store.getState().transferChatId).toBeNull();
    expect(store.getState().transferNotice).toEqual({ key: 'transfer.done', params: { agent: BEATRIZ } });
    expect(transferCommand.available(store.getState())).toBe(false);

    const received = await beatriz.waitFor('chat.updated', ({ chat }) => chat.id === chatId);
    expect(received.chat.protocol?.transferredFrom).toMatchObject({ fromAgent: ANA, note: NOTE });

    // Beatriz's workbench announces the chat once and opens it.
    await waitFor(() => beatrizStore.getState().chats.some((chat) => chat.id === chatId));
    expect(beatrizStore.getState().transferNotice).toEqual({ key: 'transfer.arrived', params: { agent: ANA } });
    expect(beatrizStore.getState().openChatId).toBe(chatId);
    beatrizStore.getState().dismissTransferNotice();
    await beatriz.call('chat.send', { chatId, text: 'Buenas tardes, continúo con su solicitud.' });
    await waitFor(() => beatrizStore.getState().chats.find((chat) => chat.id === chatId)?.messages.some((message) => message.author === 'agent') === true);
    expect(beatrizStore.getState().transferNotice).toBeNull();
  });
});

describe('requests by email in the workbench', () => {
  it('answers a request through the pre-send review and the outbox', async () => {
    const hub = await centerHub({ settings: { openingHours: { timeZone: 'America/Bogota', days: {} } } });
    const smtp = new TestSmtpServer();
    const port = await smtp.start();
    cleanups.push(() => smtp.stop());
    const settingsPath = join(tmpdir(), `atiende-workbench-center-${process.pid}-${Date.now()}.json`);
    writeFileSync(settingsPath, JSON.stringify({ entityName: 'Alcaldía de Prueba', smtp: { host: '127.0.0.1', port, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false, retryBaseMs: 200, retryMaxMs: 400, connectionTimeoutMs: 2000 } }));
    const ana = await station(hub, { agentName: ANA, settingsPath });
    await ana.waitConnected();
    const store = await workbench(ana);

    const { citizen } = await joinAsCitizen(citizenWsUrl(hub));
    citizen.send({ type: 'follow-up', id: 'f-1', email: 'lucia.mora@example.org', text: '¿Qué necesito para la licencia de construcción?' });
    await citizen.next('follow-up-stored');
    citizen.close();

    await waitFor(() => store.getState().followUps.length === 1);
    const request = store.getState().followUps[0]!;
    const key = followUpDraftKey(request.id);
    expect(isFollowUpDraftKey(key)).toBe(true);
    expect(key.length).toBeLessThanOrEqual(64);

    // A wrong address is caught before anything is queued.
    store.getState().setEmailTo(key, 'lucia.mora');
    store.getState().setDraft(key, 'Buenas tardes. Necesita el formulario único y los planos firmados.');
    await store.getState().submitReply(key);
    expect(store.getState().followUpNotices[request.id]).toMatchObject({ error: true, message: { key: 'outbox.error.invalidAddress' } });
    store.getState().setEmailTo(key, 'lucia.mora@example.org');

    // An answer with problems stops at the review; "Enviar de todos modos" queues it.
    store.getState().setDraft(key, 'necesita el formulario unico');
    await store.getState().submitReply(key);
    expect(store.getState().review?.chatId).toBe(key);
    expect(smtp.received).toHaveLength(0);
    await store.getState().sendAnyway();

    // The hub records the done mark, and the request leaves the list; the notice stays.
    await waitFor(() => store.getState().followUps.length === 0);
    expect(store.getState().drafts[key]).toBe('');
    expect(store.getState().followUpNotices[request.id]).toEqual({ error: false, message: { key: 'followUps.queued', params: { to: 'lucia.mora@example.org' } } });
    await smtp.waitForCount(1, 10_000);
    expect(smtp.received[0]!.text).toContain('necesita el formulario unico');
    expect(smtp.received[0]!.text).toContain('¿Qué necesito para la licencia de construcción?');

    // Once the hub recorded the mark, the request can no longer be marked pending again.
    await store.getState().setFollowUpDone(request.id, false);
    expect(store.getState().followUpNotices[request.id]).toMatchObject({ error: true, message: { key: 'followUp.error.unknown' } });
  });
});

describe('followUpDraftKey', () => {
  it('gives distinct short keys no chat id matches', () => {
    const ids = ['0mi8a3b2c-000001-1a2b3c4d-f-1', '0mi8a3b2c-000001-1a2b3c4d-f-2', 'x'.repeat(200)];
    const keys = ids.map(followUpDraftKey);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^fu-[0-9a-f]{8}$/);
    expect(isFollowUpDraftKey('0mi8a3b2c-000001-1a2b3c4d')).toBe(false);
  });
});

