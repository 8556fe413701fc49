/**
 * A workstation connected to a hub older than the agents and follow-up-done
 * frames. Such a hub closes a connection that sends a frame it does not know, so
 * the workstation keeps done marks in its own file and never sends them, and
 * proposes the colleagues seen in transfers. The hub here is a real ws server on
 * loopback that speaks only the older frames.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { FollowUpView, TransferCandidates } from '../../../shared/api/contract';
import { AGENT_PATH, HUB_CLOSE_CODES, type FollowUpRequest } from '../../../shared/hub/protocol';
import type { HubHandle } from '../../../hub/server';
import { followUpsDoneFile } from '../../../main/chat/follow-up-book';
import { Station } from './center';

/** The frame types an agent could send before the additions. */
const OLDER_AGENT_FRAMES = new Set(['hello', 'take-next', 'message', 'ping', 'close', 'availability', 'transfer']);

const REQUEST: FollowUpRequest = { id: 'chat-1-f1', at: Date.now() - 60_000, email: 'lucia.mora@example.org', text: 'Necesito una cita.', service: 'closed' };

let server: WebSocketServer;
let received: Array<{ type: string }>;
let closedForUnknownFrame: boolean;
let station: Station | null = null;

beforeEach(async () => {
  received = [];
  closedForUnknownFrame = false;
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: AGENT_PATH });
  server.on('connection', (socket: WebSocket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; agentName?: string };
      received.push(frame);
      if (!OLDER_AGENT_FRAMES.has(frame.type)) {
        closedForUnknownFrame = true;
        socket.close(HUB_CLOSE_CODES.invalidFrame, 'invalid frame');
        return;
      }
      if (frame.type !== 'hello') return;
      socket.send(JSON.stringify({ type: 'welcome', v: 1, agentName: frame.agentName, serverTime: Date.now() }));
      socket.send(JSON.stringify({ type: 'queue', entries: [] }));
      socket.send(JSON.stringify({ type: 'follow-ups', requests: [REQUEST] }));
    });
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
});

afterEach(async () => {
  await station?.close();
  station = null;
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function olderHub(): HubHandle {
  const { port } = server.address() as AddressInfo;
  return { port, httpUrl: `http://127.0.0.1:${port}/`, citizenUrl: `http://127.0.0.1:${port}/`, agentUrl: `ws://127.0.0.1:${port}${AGENT_PATH}`, close: async () => undefined };
}

describe('workstation on an older hub', () => {
  it('keeps done marks locally', async () => {
    station = await Station.open(olderHub(), { agentName: 'Ana Pérez' });
    await station.waitConnected();
    await station.waitFor('followUp.changed', (payload) => payload.requests.length === 1);

    const marked = await station.call<FollowUpView>('followUp.setDone', { id: REQUEST.id, done: true });
    expect(marked.done).toMatchObject({ outboxId: null });
    expect(readFileSync(followUpsDoneFile(station.dataDir), 'utf8')).toContain(REQUEST.id);

    // After a pause the link is still open, and the mark was never sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closedForUnknownFrame).toBe(false);
    expect(received.map((frame) => frame.type)).not.toContain('follow-up-done');
    expect((await station.call<{ connection: string }>('workspace.get')).connection).toBe('connected');
    expect((await station.call<FollowUpView[]>('followUp.list'))[0]!.done).toMatchObject({ outboxId: null });
  });

  it('proposes colleagues seen in transfers', async () => {
    station = await Station.open(olderHub(), { agentName: 'Ana Pérez' });
    await station.waitConnected();
    expect(await station.call<TransferCandidates>('transfer.candidates')).toEqual({ source: 'transfers', colleagues: [] });
  });
});
