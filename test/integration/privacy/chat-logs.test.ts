/**
 * A full chat through the real hub and workstation with the real pino logger at
 * debug level. Afterwards the log file contains none of the citizen's details.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatch';
import { CITIZEN_PATH, HUB_PROTOCOL_VERSION } from '../../../shared/hub/protocol';
import { startHub, type HubHandle } from '../../../hub/server';
import { createLogger } from '../../../main/log/logger';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';
import { waitFor } from '../../unit/renderer/api-host';

const CITIZEN_NAME = 'Gertrudis Villamizar';
const CITIZEN_EMAIL = 'gertrudis.villamizar@example.org';
const CITIZEN_TEXT = 'Necesito el paz y salvo del predio de la vereda Cucharal';
const AGENT_REPLY = 'Con gusto le explico cómo pedir el paz y salvo predial.';

let dataDir: string;
let hub: HubHandle;
let workstation: Workstation;
let dispatch: Dispatch;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-chat-logs-'));
  const logger = createLogger({ dataDir, level: 'debug' });
  hub = await startHub({ port: 0, dataDir: join(dataDir, 'hub'), logger });
  workstation = await createWorkstation({ dataDir, hubAgentUrl: hub.agentUrl, citizenUrl: hub.citizenUrl, presetAgentName: 'Ana Pérez', logger });
  dispatch = createDispatcher(workstation.handlers, { onUnexpectedError: (method, error) => logger.error({ method, err: error }, 'API call failed unexpectedly') });
});

afterEach(async () => {
  await workstation.close();
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('logs of a full chat hold no citizen details', async () => {
  // The citizen opens the chat and writes, including their name and email.
  const socket = new WebSocket(new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true }));
  await waitFor(() => frames.some((frame) => frame.type === 'welcome'), 5000);
  socket.send(JSON.stringify({ type: 'message', id: 'c-1', text: CITIZEN_TEXT }));
  socket.send(JSON.stringify({ type: 'message', id: 'c-2', text: `Soy ${CITIZEN_NAME}, mi correo es ${CITIZEN_EMAIL}` }));
  await waitFor(() => frames.filter((frame) => frame.type === 'ack').length >= 2, 5000);

  // The agent passes the self-test, takes the chat, records the citizen's data, replies and closes the chat.
  const check = { id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } };
  expect((await dispatch('selftest.record', { checks: [check], durationMs: 10, override: null })).ok).toBe(true);
  let taken = await dispatch('chat.takeNext', {});
  for (let attempt = 0; !taken.ok && attempt < 50; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    taken = await dispatch('chat.takeNext', {});
  }
  expect(taken.ok).toBe(true);
  const chatId = (taken as { result: { id: string } }).result.id;
  expect((await dispatch('chat.setCitizen', { chatId, name: CITIZEN_NAME, email: CITIZEN_EMAIL })).ok).toBe(true);
  expect((await dispatch('chat.send', { chatId, text: AGENT_REPLY })).ok).toBe(true);
  expect((await dispatch('chat.setFollowUp', { chatId, email: CITIZEN_EMAIL })).ok).toBe(true);
  expect((await dispatch('chat.close', { chatId })).ok).toBe(true);
  socket.close();

  // Bad input from the citizen is logged too, without its text.
  expect((await dispatch('chat.setCitizen', { chatId: 'desconocido', email: CITIZEN_EMAIL })).ok).toBe(false);

  await workstation.close();
  await hub.close();
  const log = readFileSync(join(dataDir, 'logs', 'atiende.log'), 'utf8');
  expect(log.split('\n').length).toBeGreaterThan(5);
  for (const secret of [CITIZEN_NAME, 'Gertrudis', 'Villamizar', CITIZEN_EMAIL, 'gertrudis.villamizar', CITIZEN_TEXT, 'Cucharal', AGENT_REPLY]) {
    expect(log, secret).not.toContain(secret);
  }
});
