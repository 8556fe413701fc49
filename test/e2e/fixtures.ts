/**
 * Starts `atiende serve` as a user would (the built command line, a fresh data
 * folder, ephemeral ports on loopback) and reads the two addresses it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test as base, type Browser, type Locator, type Page } from '@playwright/test';
import { startHubProcess } from '../support/hub-process';

export interface ServedWorkstation {
  workstationUrl: string;
  citizenUrl: string;
  dataDir: string;
  /** Everything the process wrote to standard output, line by line. */
  stdoutLines: string[];
  stderr: () => string;
}

export interface ServeOptions {
  agent?: string;
  demo?: boolean;
  dataDir?: string;
  /** More options for serve, such as --settings or --hub-token-file. */
  args?: string[];
}

const STARTUP_TIMEOUT_MS = 20_000;

export async function startServe(options: ServeOptions = {}): Promise<ServedWorkstation & { stop(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atiende-e2e-'));
  const args = ['dist/node/cli.js', 'serve', '--data', dataDir, '--hub-port', '0'];
  if (options.agent) args.push('--agent', options.agent);
  if (options.demo) args.push('--demo');
  if (options.args) args.push(...options.args);

  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ATIENDE_LOG_LEVEL: 'info' } });
  const stdoutLines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));

  const urls = await new Promise<{ workstationUrl: string; citizenUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no addresses within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr}`)), STARTUP_TIMEOUT_MS);
    let workstationUrl = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdoutLines.push(line);
      const workstation = /^Puesto de trabajo: (\S+)$/.exec(line);
      const citizen = /^Chat ciudadano: (\S+)$/.exec(line);
      if (workstation) workstationUrl = workstation[1]!;
      if (citizen && workstationUrl) {
        clearTimeout(timer);
        resolve({ workstationUrl, citizenUrl: citizen[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code}; stderr: ${stderr}`));
    });
  });

  return {
    ...urls,
    dataDir,
    stdoutLines,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Playwright test with a served workstation whose agent is Ana Pérez. */
export const test = base.extend<{ served: ServedWorkstation }>({
  served: async ({}, use) => {
    const served = await startServe({ agent: 'Ana Pérez' });
    await use(served);
    await served.stop();
  },
});

/** The salutation the greeting must use now in Bogotá, where the tests' browser clock runs. */
export function expectedSalutation(now: Date = new Date()): string {
  const hour = Number(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: 'America/Bogota' }).format(now));
  if (hour >= 5 && hour < 12) return 'Buenos días';
  if (hour >= 12 && hour < 19) return 'Buenas tardes';
  return 'Buenas noches';
}

/** Opens the widget in its own browser context, accepts the notice and writes a first message. */
export async function citizenWrites(browser: Browser, citizenUrl: string, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(citizenUrl);
  await page.getByRole('button', { name: 'Acepto' }).click();
  const write = async (message: string) => {
    await page.getByRole('textbox', { name: 'Mensaje' }).fill(message);
    await page.getByRole('button', { name: 'Enviar' }).click();
  };
  await write(text);
  return { page, write, close: () => context.close() };
}

/** Presses Tab until `target` has the keyboard focus, at most 40 times. */
export async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the element never got the keyboard focus');
}

/** Gets past the self-test of a freshly opened workstation, with a written reason when a check failed. */
export async function passSelfTest(agent: Page) {
  await expect(agent.getByText(/La verificación tomó/)).toBeVisible();
  await agent.getByRole('button', { name: 'Continuar' }).click();
  const reason = agent.getByRole('textbox', { name: 'Motivo' });
  const selfTestPending = agent.getByText('Antes de atender chats, haga la verificación');
  await expect.poll(async () => (await reason.isVisible()) || (await selfTestPending.count()) === 0).toBe(true);
  if (await reason.isVisible()) {
    await reason.fill('Verificación revisada con soporte técnico.');
    await agent.getByRole('button', { name: 'Continuar' }).click();
  }
  await expect(selfTestPending).toHaveCount(0);
}

/** Opens the workstation as the agent in a new browser context, gets past the self-test and takes the next chat. */
export async function agentTakesNextChat(browser: Browser, workstationUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(workstationUrl);
  await passSelfTest(page);
  await page.getByRole('button', { name: 'Atender siguiente' }).click();
  return { page, close: () => context.close() };
}

/** Sends the greeting Ana Pérez's composer proposes for a chat just taken; returns the composer. */
export async function sendGreeting(agent: Page) {
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).toHaveValue(/soy Ana Pérez/);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  return composer;
}

/** Goes past the self-test, takes the waiting chat and sends the proposed greeting of Ana Pérez; returns the composer. */
export async function takeAndGreet(agent: Page, workstationUrl: string) {
  await agent.goto(workstationUrl);
  await passSelfTest(agent);
  await agent.getByRole('button', { name: 'Atender siguiente' }).click();
  return sendGreeting(agent);
}

/** Writes the entity settings file of a workstation's data folder, pointed at the hub's agent endpoint. */
export function writeEntitySettings(dataDir: string, hubAgentUrl: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  writeFileSync(join(dataDir, 'settings', 'entidad.json'), JSON.stringify({ entityName: 'Alcaldía de Prueba', hubUrl: hubAgentUrl, ...extra }));
}

/** Starts a standalone hub with `hubSettings` and Ana Pérez's workstation pointed at it, both under one temporary folder. */
export async function startServeWithHub(hubSettings: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'atiende-e2e-center-'));
  const settingsPath = join(root, 'hub.json');
  writeFileSync(settingsPath, JSON.stringify(hubSettings));
  const hub = await startHubProcess(settingsPath, join(root, 'hub-data'));
  const dataDir = join(root, 'workstation');
  writeEntitySettings(dataDir, hub.agentWsUrl);
  const served = await startServe({ agent: 'Ana Pérez', dataDir });
  return {
    hub,
    served,
    async stop() {
      await served.stop();
      await hub.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export { expect };
