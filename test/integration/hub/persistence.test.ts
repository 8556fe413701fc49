import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../hub/chat-store';
import type { Logger, LogFields } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { CITIZEN_PATH } from '../../../shared/hub/protocol';
import { until } from '../../support/until';
import { HubClient, joinAsAgent, joinAsCitizen } from './hub-client';

let dataDir: string;
let hub: HubHandle;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-'));
  hub = await startHub({ port: 0, dataDir, timings: { queueFrameIntervalMs: 10 } });
});

afterEach(async () => {
  await hub.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Reads an open chat's entries from the journal. */
async function journalOf(chatId: string): Promise<TranscriptEntry[]> {
  const text = await readFile(join(dataDir, 'journal', 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { chatId: string; entry: TranscriptEntry })
    .filter((line) => line.chatId === chatId)
    .map((line) => line.entry);
}

/** Reads a closed chat's transcript file. */
async function transcriptOf(chatId: string): Promise<TranscriptEntry[]> {
  const text = await readFile(join(dataDir, 'chats', `${chatId}.jsonl`), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as TranscriptEntry);
}

describe('hub persistence', () => {
  it('appends each chat to its transcript before the ack', async () => {
    const citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);

    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un certificado de residencia.' });
    await citizen.next('ack');
    // The ack came after the append resolved, so the line is already in the journal.
    const afterAck = await journalOf(chatId);
    expect(afterAck.map((entry) => entry.kind)).toEqual(['opened', 'message']);
    expect(afterAck[1]).toMatchObject({ kind: 'message', message: { chatId, seq: 1, id: 'c1', author: 'citizen', text: 'Necesito un certificado de residencia.' } });

    agent.send({ type: 'take-next' });
    await agent.next('chat');
    agent.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto le ayudo.' });
    await agent.next('ack');
    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un certificado de residencia.' });
    await citizen.next('ack');
    citizen.send({ type: 'leave' });
    await agent.next('citizen-left');
    // A served chat the citizen left stays open, cut, until its agent closes it.
    const kindsAfterLeave = await until(async () => {
      const kinds = (await journalOf(chatId)).map((entry) => entry.kind);
      return kinds.includes('left') && kinds;
    });
    expect(kindsAfterLeave).toEqual(['opened', 'message', 'taken', 'message', 'left']);
    agent.send({ type: 'close', chatId });
    await until(async () => (await readdir(join(dataDir, 'chats')).catch(() => [])).length === 1);
    agent.close();
    citizen.close();
    await hub.close();

    const entries = await transcriptOf(chatId);
    expect(entries.map((entry) => entry.kind)).toEqual(['opened', 'message', 'taken', 'message', 'left', 'closed']);
    expect(entries[2]).toMatchObject({ kind: 'taken', agentName: 'Ana Pérez' });
    expect(entries[3]).toMatchObject({ kind: 'message', message: { seq: 2, author: 'agent', text: 'Con gusto le ayudo.' } });
    // A closed chat's log gets its own file, and its journal lines are garbage for the next compaction.
    expect(await readdir(join(dataDir, 'chats'))).toEqual([`${chatId}.jsonl`]);
    expect(await readdir(join(dataDir, 'journal'))).toEqual(['journal.jsonl']);
  });

  it('keeps a left chat cut across a restart', async () => {
    const citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const { citizen, chatId, token } = await joinAsCitizen(citizenWsUrl);
    agent.send({ type: 'take-next' });
    await agent.next('chat');
    citizen.send({ type: 'leave' });
    await agent.next('citizen-left');
    // The journal file appears with the first flushed append, which may come after the frames above.
    await until(async () => (await journalOf(chatId).catch(() => [])).some((entry) => entry.kind === 'left'));
    agent.close();
    citizen.close();
    await hub.close();

    // Past the agent's grace period the chat still waits for its agent instead of going back to the queue.
    hub = await startHub({ port: 0, dataDir, timings: { queueFrameIntervalMs: 10, agentGraceMs: 50 } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const restartedUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
    const back = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const reclaimed = await back.next('chat');
    expect(reclaimed.chat).toMatchObject({ id: chatId, status: 'cut', agentName: 'Ana Pérez' });
    expect(await back.next('citizen-left')).toEqual({ type: 'citizen-left', chatId, reason: 'left' });

    const resumed = await HubClient.connect(restartedUrl);
    resumed.send({ type: 'hello', v: 1, consent: true, resume: { chatId, token } });
    expect((await resumed.next('error')).code).toBe('resume-rejected');
    resumed.close();
    back.close();
  });

  it('keeps one transcript per chat', async () => {
    const citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
    const chats = await Promise.all([joinAsCitizen(citizenWsUrl), joinAsCitizen(citizenWsUrl), joinAsCitizen(citizenWsUrl)]);
    for (const [index, { citizen }] of chats.entries()) citizen.send({ type: 'message', id: 'c1', text: `Solicitud número ${index + 1}` });
    for (const { citizen } of chats) await citizen.next('ack');

    for (const [index, { chatId }] of chats.entries()) {
      const entries = await journalOf(chatId);
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({ kind: 'message', message: { text: `Solicitud número ${index + 1}` } });
    }
    for (const { citizen } of chats) citizen.close();
  });

  it('sends no ack when the transcript cannot be written', async () => {
    const brokenDir = await mkdtemp(join(tmpdir(), 'atiende-hub-broken-'));
    const errors: LogFields[] = [];
    const recording: Logger = {
      debug() {},
      info() {},
      warn() {},
      error: (fields) => void errors.push(fields),
      child: () => recording,
    };
    const broken = await startHub({ port: 0, dataDir: brokenDir, logger: recording });
    // A file where the journal's folder should be, put there after the start, makes every append fail.
    await writeFile(join(brokenDir, 'journal'), 'not a folder');
    try {
      const { citizen, chatId } = await joinAsCitizen(new URL(CITIZEN_PATH, broken.httpUrl.replace(/^http/, 'ws')).href);
      citizen.send({ type: 'message', id: 'c1', text: 'Texto privado del ciudadano.' });
      await expect(citizen.next('ack', 300)).rejects.toThrow(/No "ack" frame/);
      expect(errors.some((fields) => fields.chatId === chatId)).toBe(true);
      expect(JSON.stringify(errors.map(({ err: _err, ...fields }) => fields))).not.toContain('Texto privado');
      citizen.close();
    } finally {
      await broken.close();
      await rm(brokenDir, { recursive: true, force: true });
    }
  });
});
