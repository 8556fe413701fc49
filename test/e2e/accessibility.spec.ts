/**
 * Axe (axe-core through @axe-core/playwright) over the workstation's main screens
 * and the citizen widget: no serious or critical violation, and each screen is
 * reached with the keyboard alone, with a visible focus.
 */
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, startServe, test } from './fixtures';

/** Asserts the focused element draws an outline, the focus ring the theme promises. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const focused = page.locator(':focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).not.toHaveCSS('outline-style', 'none');
  await expect(focused).not.toHaveCSS('outline-width', '0px');
}

test('first run has no serious violations', async ({ page }) => {
  const served = await startServe();
  try {
    await page.goto(served.workstationUrl);
    await expect(page.getByRole('textbox')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The name field takes focus from the keyboard.
    await page.keyboard.press('Tab');
    await expectVisibleFocus(page);
  } finally {
    await served.stop();
  }
});

test('workbench screens have no serious violations', async ({ browser, served }) => {
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(served.workstationUrl);

  // Self-test, operated by keyboard: tab to "Continuar" and press Enter.
  const proceed = agent.getByRole('button', { name: 'Continuar' });
  await expect(proceed).toBeEnabled({ timeout: 15_000 });
  expect(await seriousViolations(agent), 'self-test').toEqual([]);
  await proceed.focus();
  await expectVisibleFocus(agent);
  await agent.keyboard.press('Enter');

  // A citizen writes and the agent takes the chat with the keyboard.
  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  await citizen.goto(served.citizenUrl);
  expect(await seriousViolations(citizen), 'citizen widget before consent').toEqual([]);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Hola, necesito un certificado de residencia');
  await citizen.getByRole('textbox', { name: 'Mensaje' }).press('Enter');
  await expect(citizen.getByText(/en la fila/)).toBeVisible();
  expect(await seriousViolations(citizen), 'citizen widget in a chat').toEqual([]);

  const takeNext = agent.getByRole('button', { name: 'Atender siguiente' });
  await expect(takeNext).toBeEnabled();
  await takeNext.focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('textbox', { name: 'Respuesta' })).not.toHaveValue('');
  expect(await seriousViolations(agent), 'chats with a taken chat').toEqual([]);

  // Settings, reached from the activity bar by keyboard.
  await agent.getByRole('button', { name: 'Configuración' }).focus();
  await expectVisibleFocus(agent);
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('heading', { name: 'Configuración', level: 1 })).toBeVisible();
  await expect(agent.getByText('Sus preferencias')).toBeVisible();
  expect(await seriousViolations(agent), 'settings').toEqual([]);

  // The dark theme keeps the contrast rules.
  await agent.getByLabel('Tema').selectOption('dark');
  await expect(agent.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(agent), 'settings in the dark theme').toEqual([]);
  // The chat in the dark theme, with the words the knowledge base matched highlighted.
  await agent.getByRole('button', { name: 'Chats', exact: true }).click();
  await expect(agent.locator('.kb-result__snippet mark').first()).toBeVisible({ timeout: 15_000 });
  expect(await seriousViolations(agent), 'chat and knowledge base in the dark theme').toEqual([]);
  await agent.getByRole('button', { name: 'Configuración' }).click();
  await agent.getByLabel('Tema').selectOption('light');

  // The command palette, opened with F1.
  await agent.keyboard.press('F1');
  await expect(agent.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(agent), 'command palette').toEqual([]);

  await citizenContext.close();
  await agentContext.close();
});
