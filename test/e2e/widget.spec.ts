// The citizen widget in Chromium against `atiende serve` or a hub of its own. These tests cover the wait it shows and a
// request left by email when no agent can serve. They also cover each agent's join shown once across reloads, drops
// and transfers, leaving a served chat, and a new chat after the end. Two more check the page at phone and laptop
// sizes, and one keeps a chat through the citizen's network dropping and a kill -9 of the hub.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { startHub, type HubHandle, type HubOptions } from '../../hub/server';
import type { HubToAgentFrame } from '../../shared/hub/protocol';
import { startHubProcess } from '../support/hub-process';
import { seriousViolations } from './axe';
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
  // One idle agent with five free slots: the first in line waits only for the agent to take the chat, and no chat ended yet.
  await expect(citizen.getByRole('status')).toHaveText('Usted es el número 1 en la fila. Tiempo de espera estimado: menos de 1 min.');
  await expect(citizen.getByRole('button', { name: 'Dejar la solicitud por correo' })).toBeHidden();

  agent.send(JSON.stringify({ type: 'take-next', id: 't1' }));
  await expect(citizen.getByRole('log').getByText('Luis Rodríguez se unió al chat.')).toBeVisible();
  agent.close();
  await context.close();
});

/** Connects a raw agent client to a hub's agent endpoint. Loopback agents need no token on a hub without accounts. */
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
  let icon: number | undefined;
  const context = await browser.newContext();
  try {
    const citizen = await context.newPage();
    citizen.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      if (new URL(response.url()).pathname === '/favicon.svg') icon = response.status();
    });
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
      'Su conversación pasó a Luis Rodríguez, que continuará la atención.',
      'Luis Rodríguez: Continúo con su solicitud.',
    ];
    await expect.poll(() => logLines(citizen)).toEqual(afterTransfer);
    await citizen.reload();
    await expect.poll(() => logLines(citizen)).toEqual(afterTransfer);
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Luis Rodríguez.');

    // The page declares its icon, so Chromium fetches it instead of a /favicon.ico that would be 404.
    expect(failed).toEqual([]);
    expect(icon).toBe(200);
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

test('widget offers a new chat after the end', async ({ browser }) => {
  const hubs = await ownHub();
  const context = await browser.newContext();
  try {
    const citizen = await context.newPage();
    await citizen.goto(hubs.hub().citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Primera consulta');
    await citizen.getByRole('textbox', { name: 'Mensaje' }).press('Enter');
    const ana = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
    ana.send({ type: 'take-next' });
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.');
    const firstChat = ana.frames.find((frame) => frame.type === 'chat')!.chat.id;
    await expect(citizen.getByRole('button', { name: 'Iniciar un nuevo chat' })).toBeHidden();

    // The agent closes the chat while the citizen's cursor is in the message box.
    await citizen.getByRole('textbox', { name: 'Mensaje' }).focus();
    ana.send({ type: 'close', chatId: firstChat });
    await expect(citizen.getByRole('status')).toHaveText('El chat terminó. Gracias por usar nuestro servicio.');
    await expect(citizen.getByRole('textbox', { name: 'Mensaje' })).toBeDisabled();
    await expect(citizen.getByRole('button', { name: 'Enviar', exact: true })).toBeDisabled();
    await expect(citizen.getByRole('button', { name: 'Terminar el chat' })).toBeHidden();
    const newChat = citizen.getByRole('button', { name: 'Iniciar un nuevo chat' });
    // Focus left the disabled box for the button, so Enter alone starts the new chat.
    await expect(newChat).toBeFocused();
    await citizen.keyboard.press('Enter');

    await expect(newChat).toBeHidden();
    await expect(citizen.getByRole('textbox', { name: 'Mensaje' })).toBeEnabled();
    await expect(citizen.getByRole('textbox', { name: 'Mensaje' })).toBeFocused();
    await expect(citizen.getByRole('status')).toHaveText(/Usted es el número 1 en la fila/);
    expect(await logLines(citizen)).toEqual([]);
    await citizen.keyboard.type('Segunda consulta');
    await citizen.keyboard.press('Enter');
    // The hub stored the message before the take, so the join line comes after it.
    await expect(citizen.locator('.entry.pending')).toHaveCount(0);
    ana.send({ type: 'take-next' });
    await expect.poll(() => ana.frames.filter((frame) => frame.type === 'chat').length).toBe(2);
    const chatIds = ana.frames.flatMap((frame) => (frame.type === 'chat' ? [frame.chat.id] : []));
    expect(chatIds[1]).not.toBe(firstChat);
    await expect.poll(() => logLines(citizen)).toEqual(['Usted: Segunda consulta', 'Ana Pérez se unió al chat.']);

    // Leaving the second chat offers a third, reached with Tab like any control.
    await citizen.getByRole('button', { name: 'Terminar el chat' }).click();
    await expect(citizen.getByRole('status')).toHaveText(/Usted terminó la conversación/);
    await citizen.getByRole('log').focus();
    await citizen.keyboard.press('Tab');
    await expect(newChat).toBeFocused();
    await citizen.keyboard.press('Space');
    await expect(citizen.getByRole('textbox', { name: 'Mensaje' })).toBeEnabled();
    await expect(citizen.getByRole('button', { name: 'Terminar el chat' })).toBeVisible();
    ana.close();
  } finally {
    await context.close();
    await hubs.stop();
  }
});

test('widget left offline opens no chat', async ({ browser }) => {
  const hubs = await ownHub();
  const relay = await networkRelay(() => hubs.hub().port);
  const context = await browser.newContext();
  try {
    const ana = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
    ana.send({ type: 'availability', availability: 'paused' });
    const citizen = await context.newPage();
    await citizen.goto(`http://127.0.0.1:${relay.port}/`);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Necesito un certificado');
    await citizen.getByRole('textbox', { name: 'Mensaje' }).press('Enter');
    const queueSizes = (): number[] => ana.frames.flatMap((frame) => (frame.type === 'queue' ? [frame.entries.length] : []));
    await expect.poll(() => queueSizes().at(-1)).toBe(1);

    // The citizen ends the chat while the network is down, so the widget has a reconnect pending.
    relay.cut();
    await expect(citizen.getByRole('status')).toHaveText('Se perdió la conexión. Intentando reconectar…');
    await citizen.getByRole('button', { name: 'Terminar el chat' }).click();
    await expect(citizen.getByRole('status')).toHaveText('El chat terminó. Gracias por usar nuestro servicio.');
    relay.restore();

    // The widget's retries back off from 0.5 s doubling, and at most four failed while the network was down, so a
    // retry still pending would have connected within 6 s.
    await citizen.waitForTimeout(6_000);
    expect(queueSizes().at(-1)).toBe(1);
    ana.close();
  } finally {
    await context.close();
    await relay.close();
    await hubs.stop();
  }
});

/** Returns by how many CSS pixels the page is wider than the viewport; 0 when nothing scrolls sideways. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 800 },
]) {
  test(`widget fits a ${viewport.name} screen`, async ({ browser }, testInfo) => {
    const hubs = await ownHub();
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    /** Checks one state of the page: axe, no sideways scroll, and a screenshot kept with the test's results. */
    const check = async (page: Page, state: string): Promise<void> => {
      expect(await seriousViolations(page), state).toEqual([]);
      expect(await sidewaysOverflow(page), state).toBe(0);
      await page.screenshot({ path: testInfo.outputPath(`${viewport.name}-${state}.png`) });
    };
    try {
      const citizen = await context.newPage();
      await citizen.goto(hubs.hub().citizenUrl);
      await expect(citizen.getByRole('button', { name: 'Acepto' })).toBeVisible();
      await check(citizen, 'notice');

      await citizen.getByRole('button', { name: 'Acepto' }).click();
      await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Necesito el certificado de estratificación de mi vivienda en el barrio La Candelaria');
      await citizen.getByRole('textbox', { name: 'Mensaje' }).press('Enter');
      await expect(citizen.getByText(/no hay agentes disponibles/)).toBeVisible();
      await citizen.getByRole('button', { name: 'Dejar la solicitud por correo' }).click();
      await check(citizen, 'no-agents');

      const ana = await connectAgent(hubs.hub().agentUrl, 'Ana Pérez');
      await expect(citizen.getByRole('status')).toHaveText('Usted es el número 1 en la fila. Tiempo de espera estimado: menos de 1 min.');
      await check(citizen, 'queued');

      ana.send({ type: 'take-next' });
      await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.');
      const chatId = ana.frames.find((frame) => frame.type === 'chat')!.chat.id;
      const luis = await connectAgent(hubs.hub().agentUrl, 'Luis Rodríguez');
      ana.send({ type: 'message', chatId, id: 'a1', text: 'Con gusto. Le paso con el área de catastro, que expide ese certificado.' });
      ana.send({ type: 'transfer', id: 'tr1', chatId, toAgent: 'Luis Rodríguez', note: 'Estratificación' });
      await expect(citizen.getByRole('status')).toHaveText('Le atiende Luis Rodríguez.');
      luis.send({ type: 'message', chatId, id: 'l1', text: 'Buenas tardes. ¿Me indica la dirección del predio, por favor?' });
      await expect(citizen.getByText('¿Me indica la dirección del predio, por favor?', { exact: false })).toBeVisible();
      // Ana's message was still being stored when she transferred the chat, and it keeps her name.
      await expect.poll(() => logLines(citizen)).toEqual([
        'Usted: Necesito el certificado de estratificación de mi vivienda en el barrio La Candelaria',
        'Ana Pérez se unió al chat.',
        'Ana Pérez: Con gusto. Le paso con el área de catastro, que expide ese certificado.',
        'Su conversación pasó a Luis Rodríguez, que continuará la atención.',
        'Luis Rodríguez: Buenas tardes. ¿Me indica la dirección del predio, por favor?',
      ]);
      await check(citizen, 'served');

      luis.send({ type: 'close', chatId });
      await expect(citizen.getByRole('button', { name: 'Iniciar un nuevo chat' })).toBeVisible();
      await check(citizen, 'ended');
      ana.close();
      luis.close();
    } finally {
      await context.close();
      await hubs.stop();
    }
  });
}

/**
 * Starts a TCP relay on loopback in front of the hub, so the test can cut the citizen's network. cut() destroys every
 * relayed connection and refuses new ones until restore().
 */
async function networkRelay(targetPort: () => number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** An agent client that resumes its chat after a drop, keeping every message by seq (its own ones by their ack) as the protocol asks. */
class ResumingAgent {
  readonly messages = new Map<number, string>();
  private readonly sent = new Map<string, string>();
  /** Seqs received more than once, which the hub must never send. */
  readonly repeated: number[] = [];
  frames: HubToAgentFrame[] = [];
  private socket: WebSocket | undefined;
  private stream = '';
  chatId = '';

  constructor(private readonly agentName: string) {}

  async connect(agentUrl: string): Promise<void> {
    const socket = new WebSocket(agentUrl);
    this.socket = socket;
    this.frames = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as HubToAgentFrame;
      this.frames.push(frame);
      if (frame.type === 'chat') {
        this.chatId = frame.chat.id;
        this.stream = frame.stream ?? '';
        frame.chat.messages.forEach((message) => this.keep(message.seq, message.text));
      } else if (frame.type === 'message') this.keep(frame.message.seq, frame.message.text);
      else if (frame.type === 'ack') this.keep(frame.seq, this.sent.get(frame.id) ?? '');
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    let lastSeq = 0;
    while (this.messages.has(lastSeq + 1)) lastSeq += 1;
    const resume = this.chatId ? [{ chatId: this.chatId, stream: this.stream, lastSeq }] : undefined;
    socket.send(JSON.stringify({ type: 'hello', v: 1, agentName: this.agentName, ...(resume ? { resume } : {}) }));
    await expect.poll(() => this.frames.some((frame) => frame.type === 'welcome')).toBe(true);
  }

  send(frame: { type: string; chatId?: string; id?: string; text?: string }): void {
    if (frame.type === 'message' && frame.id && frame.text) this.sent.set(frame.id, frame.text);
    this.socket!.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket?.terminate();
  }

  private keep(seq: number, text: string): void {
    if (this.messages.has(seq)) this.repeated.push(seq);
    this.messages.set(seq, text);
  }
}

test('widget chat survives a network drop and a hub crash', async ({ browser }) => {
  test.setTimeout(90_000);
  const folder = mkdtempSync(join(tmpdir(), 'atiende-widget-crash-'));
  const settingsPath = join(folder, 'hub.json');
  writeFileSync(settingsPath, JSON.stringify({ dataDir: 'datos-hub' }));
  let hub = await startHubProcess(settingsPath);
  const relay = await networkRelay(() => hub.port);
  const agentUrl = (): string => `ws://127.0.0.1:${hub.port}/ws/agent`;
  const context = await browser.newContext();
  const ana = new ResumingAgent('Ana Pérez');
  try {
    const citizen = await context.newPage();
    await citizen.goto(`http://127.0.0.1:${relay.port}/`);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('C1 Necesito un certificado de residencia.');
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();

    await ana.connect(agentUrl());
    ana.send({ type: 'take-next' });
    await expect.poll(() => ana.chatId).not.toBe('');
    ana.send({ type: 'message', chatId: ana.chatId, id: 'a1', text: 'A1 Buenas tardes, soy Ana Pérez.' });
    await expect(citizen.getByRole('log').getByText('A1 Buenas tardes, soy Ana Pérez.')).toBeVisible();

    // The citizen's network drops. The agent writes meanwhile, and the citizen writes before the widget is back.
    relay.cut();
    await expect(citizen.getByRole('status')).toHaveText('Se perdió la conexión. Intentando reconectar…');
    ana.send({ type: 'message', chatId: ana.chatId, id: 'a2', text: 'A2 ¿Sigue ahí?' });
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('C2 Sí, aquí sigo.');
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();
    relay.restore();
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.', { timeout: 20_000 });
    await expect.poll(() => [...ana.messages.values()]).toContain('C2 Sí, aquí sigo.');

    // kill -9 of the hub: a new process on the same port and data folder, and both sides resume by themselves or by hello.
    hub.kill();
    await hub.exited;
    ana.close();
    hub = await startHubProcess(settingsPath, undefined, hub.port);
    await ana.connect(agentUrl());
    await expect(citizen.getByRole('status')).toHaveText('Le atiende Ana Pérez.', { timeout: 20_000 });
    ana.send({ type: 'message', chatId: ana.chatId, id: 'a3', text: 'A3 Le envío los requisitos.' });
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('C3 Muchas gracias.');
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();

    const expected = [
      'Usted: C1 Necesito un certificado de residencia.',
      'Ana Pérez se unió al chat.',
      'Ana Pérez: A1 Buenas tardes, soy Ana Pérez.',
      'Ana Pérez: A2 ¿Sigue ahí?',
      'Usted: C2 Sí, aquí sigo.',
      'Ana Pérez: A3 Le envío los requisitos.',
      'Usted: C3 Muchas gracias.',
    ];
    await expect.poll(() => logLines(citizen)).toEqual(expected);
    await expect.poll(() => [...ana.messages.entries()].sort(([a], [b]) => a - b).map(([, text]) => text)).toEqual(
      expected.filter((line) => line.includes(': ')).map((line) => line.slice(line.indexOf(': ') + 2)),
    );
    expect(ana.repeated).toEqual([]);
    await expect(citizen.locator('.entry.pending')).toHaveCount(0);
  } finally {
    // The hub is a process of its own, so it goes first: nothing that fails below may leave it running.
    hub.kill();
    await hub.exited;
    ana.close();
    await relay.close();
    await context.close().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
});
