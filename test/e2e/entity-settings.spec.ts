/**
 * The entity's settings file end to end. A broken file is reported in the
 * workbench (banner and Configuración) while the last valid settings stay in
 * use. Fixing the file on disk applies the new data request to the next
 * greeting without a restart.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, startServe, test } from './fixtures';

const DEFAULT_REQUEST = '¿Me indica por favor su nombre y su correo electrónico?';
const ENTITY_REQUEST = '¿Me regala por favor su nombre completo y un correo electrónico de contacto?';

async function citizenWrites(browser: Browser, citizenUrl: string, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(citizenUrl);
  await page.getByRole('button', { name: 'Acepto' }).click();
  await page.getByRole('textbox', { name: 'Mensaje' }).fill(text);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText(/en la fila/)).toBeVisible();
  return context;
}

async function takeNextGreeting(agent: Page): Promise<string> {
  await agent.getByRole('button', { name: 'Atender siguiente' }).click();
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).not.toHaveValue('');
  return composer.inputValue();
}

test('a fixed settings file applies the new data request', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-e2e-settings-'));
  const file = join(dataDir, 'settings', 'entidad.json');
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  writeFileSync(file, `{\n  "entityName": "Alcaldía de Ejemplo",\n  "phrasez": {}\n}\n`);
  const served = await startServe({ agent: 'Ana Pérez', dataDir });

  try {
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await agent.goto(served.workstationUrl);
    await agent.getByRole('button', { name: 'Continuar' }).click();

    // The broken file is announced over every view and explained in Configuración.
    const banner = agent.getByRole('button', { name: /La configuración de la entidad tiene un error/ });
    await expect(banner).toBeVisible();
    await banner.click();
    await expect(agent.getByText(`El archivo de configuración ${file} tiene un campo desconocido «phrasez» en la línea 3`)).toBeVisible();

    // Meanwhile the protocol's defaults stay in use.
    const first = await citizenWrites(browser, served.citizenUrl, 'Hola, necesito un certificado');
    await agent.getByRole('button', { name: 'Chats' }).first().click();
    expect(await takeNextGreeting(agent)).toContain(DEFAULT_REQUEST);

    // IT staff fix the file; the change applies without a restart.
    writeFileSync(file, JSON.stringify({ entityName: 'Alcaldía de Ejemplo', locked: true, phrases: { dataRequest: ENTITY_REQUEST } }, null, 2));
    await expect(banner).toBeHidden({ timeout: 10_000 });

    // Configuración shows the entity's fields as locked by IT staff.
    await agent.getByRole('button', { name: 'Configuración' }).click();
    await expect(agent.getByText('Soporte técnico bloqueó estos campos')).toBeVisible();
    await expect(agent.getByText(ENTITY_REQUEST)).toBeVisible();
    await agent.getByRole('button', { name: 'Chats' }).first().click();

    const second = await citizenWrites(browser, served.citizenUrl, 'Buenas, una consulta sobre impuestos');
    await agent.getByRole('button', { name: 'Enviar' }).click();
    expect(await takeNextGreeting(agent)).toMatch(new RegExp(`soy Ana Pérez\\. ${ENTITY_REQUEST.replace(/[?¿]/g, '\\$&')}$`));

    await first.close();
    await second.close();
    await agentContext.close();
  } finally {
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
