/**
 * An agent's chat survives a kill -9 of `npm run serve -- --demo`: after a restart
 * on the same data folder the header still names the confirmed citizen and the
 * elapsed time of the chat's budget goes on from where it was instead of starting
 * again at 0:00.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { expect, passSelfTest, test } from './fixtures';

/** Returns the elapsed seconds the header shows, e.g. 65 for "Tiempo: 1:05 de 10:00". */
async function elapsedSeconds(header: Locator): Promise<number> {
  const match = /Tiempo: (\d+):(\d{2}) de/.exec((await header.textContent()) ?? '');
  if (!match) throw new Error(`the header shows no elapsed time: ${await header.textContent()}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('chat record survives a kill of serve', async ({ page: agent }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-e2e-record-'));
  const processes: ServeProcess[] = [];
  try {
    const first = await startServeProcess(dataDir, 'Ana Pérez', ['--demo']);
    processes.push(first);
    await agent.goto(first.workstationUrl);
    await passSelfTest(agent);

    // A simulated citizen arrives; the greeting is sent and the citizen answers with a name and an email.
    await agent.getByRole('button', { name: 'Atender siguiente' }).click();
    const composer = agent.getByRole('textbox', { name: 'Respuesta' });
    await expect(composer).toHaveValue(/soy Ana Pérez/);
    await composer.press('Enter');
    const panel = agent.getByRole('complementary', { name: 'Protocolo' });
    await expect(panel.getByText(/Nombre detectado: /)).toBeVisible();
    await panel.getByRole('button', { name: 'Confirmar nombre' }).click();
    const header = agent.locator('.chat-header');
    const citizen = header.locator('.chat-header__citizen');
    await expect(citizen).toHaveText(/^Nombre del ciudadano: \S/);
    const name = ((await citizen.textContent()) ?? '').replace('Nombre del ciudadano: ', '');
    await expect.poll(() => elapsedSeconds(header), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const before = await elapsedSeconds(header);

    // The record is written within a second of the change; the kill comes after that.
    await agent.waitForTimeout(1000);
    await first.kill();
    const second = await startServeProcess(dataDir, 'Ana Pérez', ['--demo']);
    processes.push(second);
    await agent.goto(second.workstationUrl);
    await passSelfTest(agent);

    await expect(citizen).toHaveText(`Nombre del ciudadano: ${name}`);
    const after = await elapsedSeconds(header);
    expect(after).toBeGreaterThanOrEqual(before);
    console.info(`chat record after kill -9: ${name} kept, elapsed ${before} s before the kill and ${after} s after the restart`);
  } finally {
    for (const served of processes) await served.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
