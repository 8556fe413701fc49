// The citizen widget in Chromium against `atiende serve` or a hub of its own: the wait it shows, a request left by
// email when no agent can serve, each agent's join shown once across reloads, drops and transfers, and leaving a served chat.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { startHub, type HubHandle, type HubOptions } from '../../hub/server';
import type { HubToAgentFrame } from '../../shared/hub/protocol';
import { expect, test } from './fixtures';

test('widget takes a request by email when no agent is available', async ({ browser, served }) => {
  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto(served.citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Necesito el certificado de estratificación');
  await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();

  // The workstation's agent is paused until the self-test, so no agent is available.
  await expect(citizen.getByText(/no hay agentes disponibles/)).toBeVisible();
  await citizen.getByRole('button', { name: 'Dejar la solicitud por correo' }).click();
  await expect(citizen.getByRole('textbox', { name: 'Su solicitud' })).toHaveValue('Necesito el certificado de estratificación');

  await citizen.getByRole('textbox', { name: 'Correo electrónico' }).fill('no-es-correo');
  await citizen.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(citizen.getByRole('alert')).toHaveText('El correo electrónico no es válido. Revíselo e intente de nuevo.');

  await citizen.getByRole('textbox', { name: 'Correo electrónico' }).fill('laura.mejia@example.org');
  await citizen.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(citizen.getByRole('log').getByText('Recibimos su solicitud. Le responderemos al correo laura.mejia@example.org.')).toBeVisible();
  await expect(citizen.getByText('El chat terminó. Gracias por usar nuestro servicio.')).toBeVisible();

  const stored = readFileSync(join(served.dataDir, 'hub', 'follow-ups.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { email: string; text: string; service: string });
  expect(stored).toEqual([expect.objectContaining({ email: 'laura.mejia@example.org', text: 'Necesito el certificado de estratificación', service: 'no-agents' })]);
  await context.close();
});

test('widget shows the estimated wait and the agent who joins', async ({ browser, served }) => {
  // An agent client of its own on the embedded hub, which admits agents from loopback without a token.
  const hubUrl = new URL(served.citizenUrl);
  const agent = new WebSocket(`ws://${hubUrl.host}/ws/agent`);
  const agentFrames: Array<{ type: string }> = [];
  agent.on('message', (data) => agentFrames.push(JSON.parse(String(data)) as { type: string }));
  await new Promise<void>((resolve, reject) => {
    agent.once('open', () => resolve());
    agent.once('error', reject);
  });
  agent.send(JSON.stringify({ type: 'hello', v: 1, agentName: 'Luis Rodríguez', availability: 'available' }));
  await expect.poll(() => agentFrames.some((frame) => frame.type === 'welcome')).toBe(true);

  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto(served.citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  // One available agent with five chats at a time and no chat measured yet: the default of five minutes.
  await expect(citizen.getByText('Usted es el número 1 en la fila. Tiempo de espera estimado: 5 min, según la duración de los chats recientes.')).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Dejar la solicitud por correo' })).toBeHidden();

  agent.send(JSON.stringify({ type: 'take-next', id: 't1' }));
  await expect(citizen.getByRole('log').getByText('Luis Rodríguez se unió al chat.')).toBeVisible();
  agent.close();
  await context.close();
});

/** A raw agent client on a hub's agent endpoint; loopback agents need no token on a hub without accounts. */
async function connectAgent(agentUrl: string, agentName: string): Promise<{ frames: HubToAgentFrame[]; send(frame: unknown): void; close(): void }> {
  const socket = new WebSocket(agentUrl);
  const frames: HubToAgentFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as HubToAgentFrame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', v: 1, agentName }));
  await expect.poll(() => frames.some((frame) => frame.type === 'welcome')).toBe(true);
  return { frames, send: (frame) => socket.send(JSON.stringify(frame)), close: () => socket.terminate() };
}

/** Starts a hub on loopback with a data folder of its own; restart() stops it and starts it again on the same port and folder. */
async function ownHub(options: HubOptions = {}): Promise<{ hub(): HubHandle; restart(): Promise<void>; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-widget-'));
  let hub = await startHub({ port: 0, host: '127.0.0.1', dataDir, timings: { queueFrameIntervalMs: 10 }, ...options });
  const port = hub.port;
  return {
    hub: () => hub,
    async restart() {
      await hub.close();
      hub = await startHub({ port, host: '127.0.0.1', dataDir, timings: { queueFrameIntervalMs: 10 }, ...options });
    },
    async stop() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Returns the log's lines as "author: text", in order, for comparing what the citizen sees. */
async function logLines(page: Page): Promise<string[]> {
  return page
    .getByRole('log')
    .locator('.entry')
    .evaluateAll((entries) => entries.map((entry) => [entry.querySelector('.author')?.textContent, entry.querySelector('.text')?.textContent].filter(Boolean).join(': ')));
}

test('widget shows each agent join once', async ({ browser }) => {
  const hubs = await ownHub();
  const failed: string[] = [];
  const context = await browser.newContext();
  try {
    const citizen = await context.newPage();
    citizen.on('response', (response) => void (response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`)));
    await citizen.goto(hubs.hub().citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Necesito un certificado');
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();

    const ana = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
    ana.send({ type: 'take-next' });
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.');
    // The status names the agent; the joined line is in the log only.
    await expect(citizen.getByText('Ana Pérez se unió al chat.')).toHaveCount(1);
    const chatId = ana.frames.find((frame) => frame.type === 'chat')!.chat.id;

    // A reload rebuilds the log from the hub, with the join where it happened.
    ana.send({ type: 'message', chatId, id: 'a1', text: 'Buenas tardes, con gusto le ayudo.' });
    await expect(citizen.getByRole('log').getByText('Buenas tardes, con gusto le ayudo.')).toBeVisible();
    await citizen.reload();
    const afterReload = ['Usted: Necesito un certificado', 'Ana Pérez se unió al chat.', 'Ana Pérez: Buenas tardes, con gusto le ayudo.'];
    await expect.poll(() => logLines(citizen)).toEqual(afterReload);

    // The hub restarts: the widget resumes from its last seq and the hub repeats the join, which is not shown again.
    ana.close();
    await hubs.restart();
    const anaBack = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.', { timeout: 20_000 });
    anaBack.send({ type: 'message', chatId, id: 'a2', text: '¿Me indica su nombre, por favor?' });
    await expect(citizen.getByRole('log').getByText('¿Me indica su nombre, por favor?')).toBeVisible();
    expect(await logLines(citizen)).toEqual([...afterReload, 'Ana Pérez: ¿Me indica su nombre, por favor?']);

    // A transfer adds the new agent's line; after a reload each message keeps the name of the agent who wrote it.
    const luis = await connectAgent(hubs.hub().agentUrl, 'Luis Rodríguez');
    anaBack.send({ type: 'transfer', id: 'tr1', chatId, toAgent: 'Luis Rodríguez', note: 'Certificado de residencia' });
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Luis Rodríguez.');
    luis.send({ type: 'message', chatId, id: 'l1', text: 'Continúo con su solicitud.' });
    const afterTransfer = [
      ...afterReload,
      'Ana Pérez: ¿Me indica su nombre, por favor?',
      'Luis Rodríguez se unió al chat.',
      'Luis Rodríguez: Continúo con su solicitud.',
    ];
    await expect.poll(() => logLines(citizen)).toEqual(afterTransfer);
    await citizen.reload();
    await expect.poll(() => logLines(citizen)).toEqual(afterTransfer);
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Luis Rodríguez.');

    expect(failed).toEqual([]);
    anaBack.close();
    luis.close();
  } finally {
    await context.close();
    await hubs.stop();
  }
});

test('widget leaves a served chat to the agent', async ({ browser }) => {
  const hubs = await ownHub();
  const context = await browser.newContext();
  try {
    const citizen = await context.newPage();
    await citizen.goto(hubs.hub().citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Soy Marta Gómez, marta.gomez@example.org');
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();
    const ana = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
    ana.send({ type: 'take-next' });
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.');
    const chatId = ana.frames.find((frame) => frame.type === 'chat')!.chat.id;

    await citizen.getByRole('button', { name: 'Terminar el chat' }).click();
    await expect(citizen.getByRole('status')).toHaveText(
      'Usted terminó la conversación. Si nos dio su correo electrónico, la respuesta puede llegarle allí. Gracias por usar nuestro servicio.',
    );
    await expect(citizen.getByRole('textbox', { name: 'Mensaje' })).toBeDisabled();
    await expect.poll(() => ana.frames.filter((frame) => frame.type === 'citizen-left' || frame.type === 'chat-status')).toEqual([
      { type: 'chat-status', chatId, status: 'cut' },
      { type: 'citizen-left', chatId, reason: 'left' },
    ]);

    // A reload does not bring the chat back: the widget forgot it, and a new chat starts after the notice.
    await citizen.reload();
    await expect(citizen.getByRole('log').getByText('Soy Marta Gómez, marta.gomez@example.org')).toBeHidden();
    ana.close();
  } finally {
    await context.close();
    await hubs.stop();
  }
});
