/**
 * The protocol's contract methods against the real workstation services and a
 * real hub on loopback: citizen data, analysis, email follow-up, overridden
 * reviews and closing a chat with its transcript file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract';
import type { Dispatch } from '../../../shared/api/dispatch';
import type { Chat } from '../../../shared/chat/model';
import type { HubHandle } from '../../../hub/server';
import { joinAsCitizen, type HubClient } from '../hub/hub-client';
import type { HubToCitizenFrame } from '../../../shared/hub/protocol';
import { until } from '../../support/until';
import { citizenWsUrl, startCenterHub, Station } from './center';

let dataDir: string;
let hub: HubHandle;
let station: Station;
let dispatch: Dispatch;
let events: Array<{ event: ApiEvent; payload: unknown }>;
let citizen: HubClient<HubToCitizenFrame>;


function call<T = Chat>(method: string, params: unknown): Promise<T> {
  return station.call<T>(method, params);
}

/** Writes as a citizen, then records a self-test and takes the chat as the agent. */
async function takeChat(): Promise<Chat> {
  await until(() => events.some((entry) => entry.event === 'hub.connection' && (entry.payload as { state: string }).state === 'connected'));
  await call('selftest.record', { checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } }], durationMs: 1, override: null });
  citizen = (await joinAsCitizen(citizenWsUrl(hub))).citizen;
  citizen.send({ type: 'message', id: 'c-1', text: 'Me llamo Juan Gómez, juan@example.com' });
  await citizen.next('ack');
  await until(() => events.some((entry) => entry.event === 'queue.changed' && (entry.payload as { entries: unknown[] }).entries.length === 1));
  return call('chat.takeNext', {});
}

beforeEach(async () => {
  hub = await startCenterHub();
  station = await Station.open(hub, { agentName: 'Ana Pérez' });
  ({ dataDir, dispatch, events } = station);
});

afterEach(async () => {
  citizen?.close();
  await station.close();
  await hub.close();
});

describe('chat protocol methods', () => {
  it('starts the time budget on take', async () => {
    const before = Date.now();
    const chat = await takeChat();
    expect(chat.protocol?.takenAt).toBeGreaterThanOrEqual(before);
    expect(chat.protocol).toMatchObject({ citizenName: null, citizenEmail: null, analysis: null, followUpEmail: null, reviewOverrides: [] });
  });

  it('stores the citizen data and tells the renderer', async () => {
    const chat = await takeChat();
    const named = await call('chat.setCitizen', { chatId: chat.id, name: '  Juan   Gómez ' });
    expect(named.protocol).toMatchObject({ citizenName: 'Juan Gómez', citizenEmail: null });

    const both = await call('chat.setCitizen', { chatId: chat.id, email: 'Juan@Example.com' });
    expect(both.protocol).toMatchObject({ citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com' });
    const updates = events.filter((entry) => entry.event === 'chat.updated');
    expect((updates.at(-1)!.payload as { chat: Chat }).chat.protocol?.citizenEmail).toBe('juan@example.com');

    // The record survives the hub sending the chat again, and a reload reads it.
    const workspace = await call<{ chats: Chat[] }>('workspace.get', {});
    expect(workspace.chats[0]!.protocol?.citizenName).toBe('Juan Gómez');
  });

  it('rejects a bad email or name', async () => {
    const chat = await takeChat();
    expect(await dispatch('chat.setCitizen', { chatId: chat.id, email: 'juan@' })).toMatchObject({ ok: false, error: { code: 'error.invalidRequest', params: { field: 'email' } } });
    expect(await dispatch('chat.setCitizen', { chatId: chat.id, name: 'J4n' })).toMatchObject({ ok: false, error: { code: 'error.invalidRequest', params: { field: 'name' } } });
    expect(await dispatch('chat.setFollowUp', { chatId: chat.id, email: 'no es correo' })).toMatchObject({ ok: false, error: { code: 'error.invalidRequest' } });
    expect(await dispatch('chat.setAnalysis', { chatId: chat.id, analysis: 'maybe' })).toMatchObject({ ok: false, error: { code: 'error.invalidRequest' } });
  });

  it('rejects an unknown chat', async () => {
    for (const [method, params] of [
      ['chat.setCitizen', { chatId: 'nope', name: 'Juan Gómez' }],
      ['chat.setAnalysis', { chatId: 'nope', analysis: 'fits' }],
      ['chat.setFollowUp', { chatId: 'nope', email: 'a@example.com' }],
      ['chat.recordOverride', { chatId: 'nope', messageSeq: 1, rules: ['emoji'] }],
      ['chat.close', { chatId: 'nope' }],
    ] as const) {
      expect(await dispatch(method, params), method).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^error\.unknown(Chat|Message)$/) } });
    }
  });

  it('records the analysis and the follow-up', async () => {
    const chat = await takeChat();
    expect((await call('chat.setAnalysis', { chatId: chat.id, analysis: 'tooComplex' })).protocol?.analysis).toBe('tooComplex');
    expect((await call('chat.setFollowUp', { chatId: chat.id, email: 'juan@example.com' })).protocol?.followUpEmail).toBe('juan@example.com');
  });

  it('records an override only for an agent message', async () => {
    const chat = await takeChat();
    const sent = await call<{ seq: number }>('chat.send', { chatId: chat.id, text: 'Hola!! :)' });
    const citizenSeq = chat.messages[0]!.seq;
    expect(await dispatch('chat.recordOverride', { chatId: chat.id, messageSeq: citizenSeq, rules: ['emoji'] })).toMatchObject({ ok: false, error: { code: 'error.unknownMessage' } });
    expect(await dispatch('chat.recordOverride', { chatId: chat.id, messageSeq: sent.seq, rules: [] })).toMatchObject({ ok: false, error: { code: 'error.invalidRequest' } });
    expect(await dispatch('chat.recordOverride', { chatId: chat.id, messageSeq: sent.seq, rules: ['not-a-rule'] })).toMatchObject({ ok: false });

    const recorded = await call('chat.recordOverride', { chatId: chat.id, messageSeq: sent.seq, rules: ['exclamation', 'emoticon', 'exclamation'] });
    expect(recorded.protocol?.reviewOverrides).toEqual([{ at: expect.any(Number), messageSeq: sent.seq, rules: ['exclamation', 'emoticon'] }]);
  });

  it('closes the chat and stores the transcript', async () => {
    const chat = await takeChat();
    await call('chat.setCitizen', { chatId: chat.id, name: 'Juan Gómez', email: 'juan@example.com' });
    const sent = await call<{ seq: number }>('chat.send', { chatId: chat.id, text: 'Hola!! :)' });
    await call('chat.recordOverride', { chatId: chat.id, messageSeq: sent.seq, rules: ['exclamation'] });

    const closed = await call('chat.close', { chatId: chat.id });
    expect(closed.status).toBe('closed');
    expect(closed.protocol?.transcriptFile).toBe(`chat-${chat.id}.json`);
    await citizen.next('closed');

    const files = readdirSync(join(dataDir, 'transcripts'));
    expect(files).toEqual([`chat-${chat.id}.json`]);
    const transcript = JSON.parse(readFileSync(join(dataDir, 'transcripts', files[0]!), 'utf8'));
    expect(transcript).toMatchObject({
      version: 1,
      chatId: chat.id,
      agentName: 'Ana Pérez',
      citizen: { name: 'Juan Gómez', email: 'juan@example.com' },
      reviewOverrides: [{ messageSeq: sent.seq, rules: ['exclamation'] }],
    });
    expect(transcript.messages.map((message: { author: string; text: string }) => `${message.author}:${message.text}`)).toEqual([
      'citizen:Me llamo Juan Gómez, juan@example.com',
      'agent:Hola!! :)',
    ]);
    expect(transcript.closedAt).toBeGreaterThanOrEqual(transcript.takenAt);

    // A closed chat takes no more replies.
    expect(await dispatch('chat.send', { chatId: chat.id, text: 'Otra cosa.' })).toMatchObject({ ok: false, error: { code: 'error.unknownChat' } });
  });

  it('keeps the chat open when the transcript cannot be written', async () => {
    const chat = await takeChat();
    // A file where the folder should be makes the write fail.
    writeFileSync(join(dataDir, 'transcripts'), 'not a folder');
    expect(await dispatch('chat.close', { chatId: chat.id })).toMatchObject({ ok: false, error: { code: 'error.internal' } });
    const workspace = await call<{ chats: Chat[] }>('workspace.get', {});
    expect(workspace.chats[0]!.status).toBe('active');
    expect(workspace.chats[0]!.protocol?.transcriptFile).toBeNull();
  });
});
