/**
 * Transferring a chat between two real workstations on one real hub: the chat
 * leaves the sender's tabs, reaches the colleague with the note, the citizen is
 * told who joined, and each failure (agent not connected, paused, the chat
 * closed, a bad note) comes back as a Spanish catalog key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferCandidates, Workspace } from '../../../shared/api/contract';
import type { Chat } from '../../../shared/chat/model';
import { MAX_TRANSFER_NOTE_LENGTH, type HubToCitizenFrame } from '../../../shared/hub/protocol';
import type { HubHandle } from '../../../hub/server';
import { joinAsCitizen, type HubClient } from '../hub/hub-client';
import { until } from '../../support/until';
import { citizenWsUrl, startCenterHub, Station } from './center';

const ANA = 'Ana Pérez';
const BEATRIZ = 'Beatriz Gómez';
const NOTE = 'Pide un certificado de estratificación; ya le pedí el número de matrícula.';

let hub: HubHandle;
let ana: Station;
let beatriz: Station;
let citizen: HubClient<HubToCitizenFrame>;

/** Opens a citizen's chat and has Ana take it. */
async function chatServedByAna(): Promise<Chat> {
  citizen = (await joinAsCitizen(citizenWsUrl(hub))).citizen;
  citizen.send({ type: 'message', id: 'c-1', text: 'Buenas tardes, necesito un certificado de estratificación.' });
  await citizen.next('ack');
  await ana.waitFor('queue.changed', ({ entries }) => entries.length === 1);
  const chat = await ana.call<Chat>('chat.takeNext');
  await citizen.next('agent-joined');
  return chat;
}

beforeEach(async () => {
  hub = await startCenterHub();
  ana = await Station.open(hub, { agentName: ANA });
  beatriz = await Station.open(hub, { agentName: BEATRIZ });
  await ana.startShift();
  await beatriz.waitConnected();
});

afterEach(async () => {
  citizen?.close();
  await ana.close();
  await beatriz.close();
  await hub.close();
});

describe('chat transfer', () => {
  it('keeps the time budget running', async () => {
    await beatriz.startShift();
    const chat = await chatServedByAna();
    const sendStarted = Date.now();
    await ana.call('chat.send', { chatId: chat.id, text: 'Buenas tardes, soy Ana Pérez. ¿Me indica su nombre?' });
    const sendEnded = Date.now();
    await ana.call('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: NOTE });

    // Beatriz's budget runs from Ana's greeting, not from the transfer.
    const received = await beatriz.waitFor('chat.updated', (payload) => payload.chat.id === chat.id && payload.chat.protocol?.transferredFrom !== undefined);
    expect(received.chat.protocol?.takenAt).toBeGreaterThanOrEqual(sendStarted);
    expect(received.chat.protocol?.takenAt).toBeLessThanOrEqual(sendEnded);
  });

  it('hands the chat over with its note', async () => {
    await beatriz.startShift();
    const chat = await chatServedByAna();

    expect(await ana.call('chat.transfer', { chatId: chat.id, toAgent: ` ${BEATRIZ} `, note: `  ${NOTE}  ` })).toEqual({ chatId: chat.id, toAgent: BEATRIZ });

    // The chat leaves Ana's workstation.
    await ana.waitFor('chat.transferred', (payload) => payload.chatId === chat.id && payload.toAgent === BEATRIZ);
    expect((await ana.call<Workspace>('workspace.get')).chats.map((known) => known.id)).not.toContain(chat.id);
    expect(await ana.callError('chat.send', { chatId: chat.id, text: 'Hola.' })).toMatchObject({ code: 'error.unknownChat' });

    // Beatriz gets it with the note and the citizen's messages.
    const received = await beatriz.waitFor('chat.updated', (payload) => payload.chat.id === chat.id);
    expect(received.chat.protocol?.transferredFrom).toMatchObject({ fromAgent: ANA, note: NOTE });
    expect(received.chat.messages.map((message) => message.text)).toEqual(['Buenas tardes, necesito un certificado de estratificación.']);
    const workspace = await beatriz.call<Workspace>('workspace.get');
    expect(workspace.chats.find((known) => known.id === chat.id)?.protocol?.transferredFrom?.note).toBe(NOTE);

    // The citizen is told, and Beatriz's replies reach them.
    expect(await citizen.next('agent-joined')).toMatchObject({ type: 'agent-joined', agentName: BEATRIZ });
    await beatriz.call('chat.send', { chatId: chat.id, text: 'Buenas tardes, soy Beatriz Gómez y continúo con su solicitud.' });
    expect((await citizen.next('message')).message.text).toBe('Buenas tardes, soy Beatriz Gómez y continúo con su solicitud.');

    // The transcript Beatriz stores on closing keeps who handed the chat over, and why.
    const closed = await beatriz.call<Chat>('chat.close', { chatId: chat.id });
    const transcript = JSON.parse(readFileSync(join(beatriz.dataDir, 'transcripts', closed.protocol!.transcriptFile!), 'utf8')) as { transferredFrom: unknown };
    expect(transcript.transferredFrom).toMatchObject({ fromAgent: ANA, note: NOTE });
  });

  it('proposes available colleagues from the hub', async () => {
    // Beatriz has not recorded a self-test, so she is paused and Ana has nobody to propose.
    const nobody = await until(async () => {
      const candidates = await ana.call<TransferCandidates>('transfer.candidates');
      return candidates.source === 'hub' ? candidates : undefined;
    });
    expect(nobody.colleagues).toEqual([]);

    await beatriz.startShift();
    const withBeatriz = await ana.waitFor('transfer.candidatesChanged', (payload) => payload.colleagues.length === 1);
    expect(withBeatriz).toEqual({ source: 'hub', colleagues: [{ name: BEATRIZ, chats: 0, maxChats: 5 }] });
    expect(await ana.call('transfer.candidates')).toEqual(withBeatriz);

    // Ana's chat shows in the count Beatriz sees, and Ana never proposes herself.
    await chatServedByAna();
    await beatriz.waitFor('transfer.candidatesChanged', (payload) => payload.colleagues.some((colleague) => colleague.name === ANA && colleague.chats === 1));
    expect((await ana.call<TransferCandidates>('transfer.candidates')).colleagues.map((colleague) => colleague.name)).toEqual([BEATRIZ]);

    await beatriz.call('agent.setAvailability', { availability: 'paused' });
    await until(async () => ((await ana.call<TransferCandidates>('transfer.candidates')).colleagues.length === 0 ? true : undefined));
  });

  it('hands a chat back with a new note', async () => {
    await beatriz.startShift();
    const chat = await chatServedByAna();
    await ana.call('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: NOTE });
    await beatriz.waitFor('chat.updated', (payload) => payload.chat.id === chat.id);

    const back = 'Necesita la firma de la jefa de área; se lo devuelvo.';
    await beatriz.call('chat.transfer', { chatId: chat.id, toAgent: ANA, note: back });
    await beatriz.waitFor('chat.transferred', (payload) => payload.chatId === chat.id);
    const returned = await ana.waitFor('chat.updated', (payload) => payload.chat.id === chat.id && payload.chat.protocol?.transferredFrom?.note === back);
    expect(returned.chat.protocol?.transferredFrom?.fromAgent).toBe(BEATRIZ);
    expect((await beatriz.call<Workspace>('workspace.get')).chats).toEqual([]);
    await ana.call('chat.send', { chatId: chat.id, text: 'Retomo su solicitud.' });
  });

  it('rejects an agent who is not connected', async () => {
    const chat = await chatServedByAna();
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: 'Carlos Ruiz', note: NOTE })).toEqual({
      code: 'transfer.error.unknownAgent',
      params: { agent: 'Carlos Ruiz' },
    });
    expect((await ana.call<Workspace>('workspace.get')).chats.map((known) => known.id)).toContain(chat.id);
  });

  it('rejects a paused agent', async () => {
    // Beatriz has not recorded a self-test, so she is paused.
    const chat = await chatServedByAna();
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: NOTE })).toEqual({
      code: 'transfer.error.agentUnavailable',
      params: { agent: BEATRIZ },
    });
    await ana.call('chat.send', { chatId: chat.id, text: 'Sigo atendiéndole.' });
  });

  it('rejects a chat closed meanwhile', async () => {
    await beatriz.startShift();
    const chat = await chatServedByAna();
    await ana.call('chat.close', { chatId: chat.id });
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: NOTE })).toEqual({ code: 'transfer.error.chatClosed', params: {} });
    expect(await ana.callError('chat.transfer', { chatId: 'desconocido', toAgent: BEATRIZ, note: NOTE })).toMatchObject({ code: 'error.unknownChat' });
  });

  it('rejects a transfer to oneself', async () => {
    const chat = await chatServedByAna();
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: ANA, note: NOTE })).toEqual({ code: 'transfer.error.self', params: {} });
  });

  it('requires a note within the maximum', async () => {
    await beatriz.startShift();
    const chat = await chatServedByAna();
    for (const note of ['', '   ']) {
      expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note }), `note of ${note.length}`).toMatchObject({
        code: 'error.invalidRequest',
        params: { field: 'note' },
      });
    }
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: 'x'.repeat(MAX_TRANSFER_NOTE_LENGTH + 1) })).toEqual({
      code: 'transfer.noteTooLong',
      params: { max: MAX_TRANSFER_NOTE_LENGTH },
    });
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: 'beatriz', note: NOTE })).toMatchObject({ code: 'error.invalidRequest', params: { field: 'toAgent' } });
    await ana.call('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: 'x'.repeat(MAX_TRANSFER_NOTE_LENGTH) });
  });

  it('needs the hub', async () => {
    const chat = await chatServedByAna();
    await hub.close();
    await ana.waitFor('hub.connection', ({ state }) => state !== 'connected');
    expect(await ana.callError('chat.transfer', { chatId: chat.id, toAgent: BEATRIZ, note: NOTE })).toEqual({ code: 'error.hubUnavailable', params: {} });
  });
});
