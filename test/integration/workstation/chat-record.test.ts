/**
 * A chat's protocol record outlives the workstation's services: real workstation
 * services on a temporary data folder and a real hub on loopback. The services are
 * closed and opened again on the same folder, the hub gives the chat back, and the
 * record (time budget, citizen's name and email, follow-up address) is the same.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/api/contract';
import type { Chat } from '../../../shared/chat/model';
import type { HubToCitizenFrame } from '../../../shared/hub/protocol';
import type { HubHandle } from '../../../hub/server';
import { joinAsCitizen, type HubClient } from '../hub/hub-client';
import { until } from '../../support/until';
import { citizenWsUrl, RecordingLogger, startCenterHub, Station } from './center';

const ANA = 'Ana Pérez';
const BEATRIZ = 'Beatriz Gómez';
const NAME = 'Juan Gómez';
const EMAIL = 'juan.gomez@example.com';

let hub: HubHandle;
const stations: Station[] = [];
let citizen: HubClient<HubToCitizenFrame> | undefined;

async function openStation(agentName: string, options: { dataDir?: string; logger?: RecordingLogger } = {}): Promise<Station> {
  const station = await Station.open(hub, { agentName, ...options });
  stations.push(station);
  return station;
}

/** Closes a station and keeps its data folder, as a workstation that stops does. */
async function stopStation(station: Station): Promise<void> {
  stations.splice(stations.indexOf(station), 1);
  await station.close({ keepData: true });
}

/** A citizen writes, the agent takes the chat, confirms the citizen's data and marks an email follow-up. */
async function serveChat(station: Station): Promise<Chat> {
  await station.startShift();
  citizen = (await joinAsCitizen(citizenWsUrl(hub))).citizen;
  citizen.send({ type: 'message', id: 'c-1', text: 'Necesito un certificado de residencia.' });
  await citizen.next('ack');
  await station.waitFor('queue.changed', ({ entries }) => entries.length === 1);
  const chat = await station.call<Chat>('chat.takeNext');
  await station.call('chat.setCitizen', { chatId: chat.id, name: NAME, email: EMAIL });
  return station.call<Chat>('chat.setFollowUp', { chatId: chat.id, email: EMAIL });
}

/** Waits until the workstation shows the chat the hub gave back. */
async function chatGivenBack(station: Station, chatId: string): Promise<Chat> {
  return until(async () => (await station.call<Workspace>('workspace.get')).chats.find((chat) => chat.id === chatId));
}

const recordPath = (dataDir: string, chatId: string) => join(dataDir, 'chat-records', `${chatId}.json`);

/** Returns the protocol record stored on disk, or undefined while there is no file. */
function storedRecord(dataDir: string, chatId: string): Chat['protocol'] {
  const path = recordPath(dataDir, chatId);
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { protocol: Chat['protocol'] }).protocol;
}

beforeEach(async () => {
  hub = await startCenterHub();
});

afterEach(async () => {
  citizen?.close();
  citizen = undefined;
  for (const station of stations.splice(0)) await station.close();
  await hub.close();
});

describe('chat record across a restart', () => {
  it('restores the record the hub gives back', async () => {
    const first = await openStation(ANA);
    const served = await serveChat(first);
    const takenAt = served.protocol!.takenAt;
    expect(takenAt).toBeGreaterThan(0);
    await stopStation(first);

    const second = await openStation(ANA, { dataDir: first.dataDir });
    const restored = await chatGivenBack(second, served.id);
    expect(restored.protocol?.takenAt).toBe(takenAt);
    expect(restored.protocol?.citizenName).toBe(NAME);
    expect(restored.protocol?.citizenEmail).toBe(EMAIL);
    expect(restored.protocol?.followUpEmail).toBe(EMAIL);
    expect(restored.messages.map((message) => message.text)).toEqual(['Necesito un certificado de residencia.']);
  });

  it('writes a transcript with the record', async () => {
    const first = await openStation(ANA);
    const served = await serveChat(first);
    await stopStation(first);

    const second = await openStation(ANA, { dataDir: first.dataDir });
    await chatGivenBack(second, served.id);
    const closed = await second.call<Chat>('chat.close', { chatId: served.id });

    const transcript = JSON.parse(readFileSync(join(second.dataDir, 'transcripts', closed.protocol!.transcriptFile!), 'utf8')) as Record<string, unknown>;
    expect(transcript.takenAt).toBe(served.protocol!.takenAt);
    expect(transcript.citizen).toEqual({ name: NAME, email: EMAIL });
    expect(transcript.followUpEmail).toBe(EMAIL);
    // The transcript now holds the record, so its separate copy is gone.
    await until(() => !existsSync(recordPath(second.dataDir, served.id)));
  });

  it('saves a change within a second', async () => {
    const station = await openStation(ANA);
    const served = await serveChat(station);
    const changedAt = Date.now();
    await station.call('chat.setAnalysis', { chatId: served.id, analysis: 'tooComplex' });

    const stored = await until(() => {
      const protocol = storedRecord(station.dataDir, served.id);
      return protocol?.analysis === 'tooComplex' && protocol;
    });
    expect(Date.now() - changedAt).toBeLessThan(1000);
    expect(stored).toMatchObject({ citizenName: NAME, citizenEmail: EMAIL, followUpEmail: EMAIL, takenAt: served.protocol!.takenAt });
  });

  it('sets a damaged record aside and starts', async () => {
    const first = await openStation(ANA);
    const served = await serveChat(first);
    await stopStation(first);
    const damaged = recordPath(first.dataDir, served.id);
    writeFileSync(damaged, '{"version":1,"chatId":');
    writeFileSync(join(first.dataDir, 'chat-records', 'otro.json'), JSON.stringify({ version: 1, chatId: 'otro', savedAt: 1, protocol: { takenAt: 'ayer' } }));

    const logger = new RecordingLogger();
    const second = await openStation(ANA, { dataDir: first.dataDir, logger });
    const restored = await chatGivenBack(second, served.id);

    // The chat starts a new record: a new time budget and no citizen data.
    expect(restored.protocol?.takenAt).toBeGreaterThan(served.protocol!.takenAt!);
    expect(restored.protocol?.citizenName).toBeNull();
    const setAside = readdirSync(join(first.dataDir, 'chat-records', 'corrupt'));
    expect(setAside.filter((name) => name.startsWith(`${served.id}.json.`))).toHaveLength(1);
    expect(setAside.filter((name) => name.startsWith('otro.json.'))).toHaveLength(1);
    const reports = logger.lines.filter((line) => line.includes('chat record file is damaged'));
    expect(reports).toHaveLength(2);
    expect(reports.some((line) => line.includes(JSON.stringify(damaged)))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain(NAME);

    // Each damaged file is reported once: the next start finds nothing to set aside.
    await stopStation(second);
    const quiet = new RecordingLogger();
    await openStation(ANA, { dataDir: first.dataDir, logger: quiet });
    expect(quiet.lines.filter((line) => line.includes('chat record file is damaged'))).toEqual([]);
  });

  it('removes the record of a transferred chat', async () => {
    const ana = await openStation(ANA);
    const beatriz = await openStation(BEATRIZ);
    const served = await serveChat(ana);
    await beatriz.startShift();
    await until(() => existsSync(recordPath(ana.dataDir, served.id)));

    await ana.call('chat.transfer', { chatId: served.id, toAgent: BEATRIZ, note: 'Pide un certificado de residencia.' });
    await ana.waitFor('chat.transferred', (payload) => payload.chatId === served.id);
    await until(() => !existsSync(recordPath(ana.dataDir, served.id)));

    // The colleague's workstation keeps its own record, with the transfer note.
    const received = await until(() => {
      const protocol = storedRecord(beatriz.dataDir, served.id);
      return protocol?.transferredFrom && protocol;
    });
    expect(received.transferredFrom).toMatchObject({ fromAgent: ANA, note: 'Pide un certificado de residencia.' });
  });

  it('writes the record with mode 0600', async () => {
    const station = await openStation(ANA);
    const served = await serveChat(station);
    await until(() => existsSync(recordPath(station.dataDir, served.id)));
    expect(statSync(recordPath(station.dataDir, served.id)).mode & 0o777).toBe(0o600);
  });
});
