/**
 * Queue scroll bench: a standalone hub with 1,000 citizens waiting, the workbench
 * served by `atiende serve` and connected to it, driven in Debian Chromium. The
 * bench scrolls the queue from top to bottom and back with the mouse wheel and
 * records the time between animation frames meanwhile. Budget: p95 at most two
 * frames at 60 Hz (33.3 ms), which is how this bench reads "a queue of 1,000 chats
 * scrolls smoothly". The same scroll over a short queue of 20 chats, in a second
 * run, is the reference under the same machine load.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION } from '../../shared/hub/constants';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startServeWithHub } from '../e2e/fixtures';
import { quantile, type Figure } from './figure';

const LONG_QUEUE = 1000;
const SHORT_QUEUE = 20;
const FRAME_BUDGET_MS = 33.3;
const WHEEL_STEPS = 120;
const WHEEL_DELTA_PX = 1000;
const WHEEL_DELAY_MS = 16;
const CONNECT_TIMEOUT_MS = 30_000;
const REQUESTS = ['Necesito un certificado de residencia', 'Quiero radicar una PQRSD', 'Cuál es el horario de atención', 'Cómo pago el impuesto predial'];

/** Opens `count` citizen chats on the hub, each with one message, and resolves once all are welcomed. */
async function queueCitizens(citizenWsUrl: string, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  const welcomed = Array.from({ length: count }, (_, index) => {
    const socket = new WebSocket(citizenWsUrl);
    sockets.push(socket);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`citizen ${index} timed out: no welcome within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true })));
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string };
        if (frame.type !== 'welcome') return;
        clearTimeout(timer);
        socket.send(JSON.stringify({ type: 'message', id: `bench-${index}`, text: `${REQUESTS[index % REQUESTS.length]} (${index + 1})` }));
        resolve();
      });
    });
  });
  await Promise.all(welcomed);
  return sockets;
}

/** Gets the agent past the self-test, with a written reason when a check failed here. */
async function startShift(agent: Page, workstationUrl: string): Promise<void> {
  await agent.goto(workstationUrl);
  await agent.getByText(/La verificación tomó/).waitFor({ timeout: 30_000 });
  await agent.getByRole('button', { name: 'Continuar' }).click();
  const reason = agent.getByRole('textbox', { name: 'Motivo' });
  if (await reason.isVisible({ timeout: 2000 }).catch(() => false)) {
    await reason.fill('Verificación revisada con soporte técnico.');
    await agent.getByRole('button', { name: 'Continuar' }).click();
  }
}

/** Scrolls the queue down and back up with the wheel and returns the sorted times between frames, in ms. */
async function scrollFrames(agent: Page, count: number): Promise<number[]> {
  const viewport = agent.locator('.queue__viewport');
  await viewport.hover();
  // A string, so that the bundler's helpers for named functions do not reach the page.
  await agent.evaluate(`(() => {
    window.benchFrames = [];
    window.benchRecording = true;
    let last = 0;
    const tick = (time) => {
      if (last) window.benchFrames.push(time - last);
      last = time;
      if (window.benchRecording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const reached: string[] = [];
  for (const direction of [1, -1]) {
    for (let step = 0; step < WHEEL_STEPS / 2; step++) {
      await agent.mouse.wheel(0, direction * WHEEL_DELTA_PX);
      await agent.waitForTimeout(WHEEL_DELAY_MS);
    }
    // The row drawn last at each end shows that the wheel really moved the list there.
    reached.push((await agent.locator('.queue-item').last().getAttribute('aria-posinset')) ?? '');
  }
  const frames = await agent.evaluate<number[]>('window.benchRecording = false, window.benchFrames');
  if (reached[0] !== String(count) || Number(reached[1]) > 30) {
    throw new Error(`the queue did not scroll end to end: last rows drawn ${reached.join(' and ')} of ${count}`);
  }
  return frames.sort((a, b) => a - b);
}

async function measure(browser: Browser, count: number): Promise<number[]> {
  // Every citizen connects from 127.0.0.1, so the per-address limits are raised for this bench only.
  const limits = { maxConnectionsPerAddress: count + 50, framesPerSecondPerAddress: 10_000, frameBurstPerAddress: 10_000 };
  const { hub, served, stop } = await startServeWithHub({ limits });
  let citizens: WebSocket[] = [];
  const context = await browser.newContext({ locale: 'es-CO', timezoneId: 'America/Bogota', viewport: { width: 1366, height: 800 } });
  try {
    citizens = await queueCitizens(hub.citizenWsUrl, count);
    const agent = await context.newPage();
    await startShift(agent, served.workstationUrl);
    await agent.locator('.queue .badge').filter({ hasText: String(count) }).waitFor({ timeout: 30_000 });
    await agent.locator('.queue-item').first().waitFor();
    return await scrollFrames(agent, count);
  } finally {
    for (const socket of citizens) socket.terminate();
    await context.close();
    await stop();
  }
}

export default async function (): Promise<Figure[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const long = await measure(browser, LONG_QUEUE);
    const short = await measure(browser, SHORT_QUEUE);
    const figure = (name: string, frames: number[], q: number, budget: number | null): Figure => ({
      name: `queue scroll frame time, ${name}, p${Math.round(q * 100)}`,
      value: quantile(frames, q),
      unit: 'ms',
      budget,
      better: 'lower',
    });
    return [
      figure(`${LONG_QUEUE} chats`, long, 0.5, null),
      figure(`${LONG_QUEUE} chats`, long, 0.95, FRAME_BUDGET_MS),
      figure(`${LONG_QUEUE} chats`, long, 1, null),
      figure(`${SHORT_QUEUE} chats (reference)`, short, 0.95, null),
    ];
  } finally {
    await browser.close();
  }
}
