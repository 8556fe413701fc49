/**
 * IT staff's first day with the entity settings file, as a new user would try it
 * at 1366×800: a mistake in the file gives a message naming the file, the field
 * and the line; the fix applies without a restart, Configuración says what
 * changed, and the next chat opens with the entity's own greeting. Configuración
 * passes axe and is operated by keyboard with a visible focus.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, startServe, test } from './fixtures';

const GREETING = '{saludo}, le atiende {nombre_agente}, de la Alcaldía de Ejemplo. ¿Me regala su nombre y su correo electrónico?';

/** Presses Tab until the element with this accessible name has the focus, and checks its outline. */
async function tabTo(page: Page, name: RegExp, maxPresses = 40): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    const id = await focused.getAttribute('id');
    const label = id ? await page.locator(`label[for="${id}"]`).textContent() : null;
    const focusedName = label ?? (await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '';
    if (name.test(focusedName)) {
      await expect(focused).not.toHaveCSS('outline-style', 'none');
      await expect(focused).not.toHaveCSS('outline-width', '0px');
      return;
    }
  }
  throw new Error(`${name} never took the focus within ${maxPresses} presses of Tab`);
}

test('IT fixes a settings file and agents see it', async ({ browser }, testInfo) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-e2e-walk-'));
  const file = join(dataDir, 'settings', 'entidad.json');
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  const valid = { entityName: 'Alcaldía de Ejemplo', locked: true, chatTimeBudgetMinutes: 10 };
  writeFileSync(file, JSON.stringify(valid, null, 2));
  const served = await startServe({ agent: 'Ana Pérez', dataDir });

  try {
    const agentContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const agent = await agentContext.newPage();
    await agent.goto(served.workstationUrl);
    await agent.getByRole('button', { name: 'Continuar' }).click();

    // IT staff type a word where a number goes, on line 4.
    writeFileSync(file, '{\n  "entityName": "Alcaldía de Ejemplo",\n  "locked": true,\n  "chatTimeBudgetMinutes": "diez"\n}\n');
    const banner = agent.getByRole('button', { name: /La configuración de la entidad tiene un error/ });
    await expect(banner).toBeVisible();
    await banner.click();
    await expect(
      agent.getByText(`El archivo de configuración ${file} tiene un valor no válido en «chatTimeBudgetMinutes», línea 4: se esperaba un número.`),
    ).toBeVisible();
    await agent.screenshot({ path: testInfo.outputPath('1-settings-error.png') });

    // They fix it, with the entity's own greeting and a debug log level; no restart.
    writeFileSync(file, JSON.stringify({ ...valid, phrases: { greeting: GREETING }, logLevel: 'debug' }, null, 2));
    await expect(banner).toBeHidden();
    const applied = agent.getByRole('status').filter({ hasText: 'Cambios del archivo aplicados' });
    await expect(applied).toContainText('frases del protocolo');
    await expect(applied).toContainText('nivel de registro');
    await expect(agent.getByText('Bloqueado por soporte técnico')).toBeVisible();
    await expect(agent.getByText(GREETING)).toBeVisible();
    await agent.screenshot({ path: testInfo.outputPath('2-settings-applied.png') });
    expect(await seriousViolations(agent), 'settings, locked').toEqual([]);

    // Keyboard only, from the activity bar through the preferences.
    await agent.getByRole('button', { name: 'Configuración' }).focus();
    await tabTo(agent, /^Enviar el saludo automáticamente$/);
    await tabTo(agent, /^Tema$/);
    await tabTo(agent, /^Tamaño de letra/);
    await agent.keyboard.press('ArrowUp');
    await expect(agent.getByRole('spinbutton', { name: /Tamaño de letra/ })).toHaveValue('15');
    await tabTo(agent, /^Avisos de chats nuevos$/);
    await agent.screenshot({ path: testInfo.outputPath('3-settings-keyboard.png') });
    await tabTo(agent, /^Probar conexión$/);

    // A citizen writes and the agent's next chat opens with the entity's greeting.
    const citizenContext = await browser.newContext();
    const citizen = await citizenContext.newPage();
    await citizen.goto(served.citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Hola, necesito un certificado de residencia');
    await citizen.getByRole('button', { name: 'Enviar' }).click();
    await expect(citizen.getByText(/en la fila/)).toBeVisible();

    await agent.getByRole('button', { name: 'Chats' }).first().click();
    await agent.getByRole('button', { name: 'Atender siguiente' }).click();
    const composer = agent.getByRole('textbox', { name: 'Respuesta' });
    await expect(composer).toHaveValue(/^Buen(os días|as tardes|as noches), le atiende Ana Pérez, de la Alcaldía de Ejemplo\. ¿Me regala su nombre y su correo electrónico\?$/);
    await agent.screenshot({ path: testInfo.outputPath('4-composer-greeting.png') });

    await citizenContext.close();
    await agentContext.close();
  } finally {
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
