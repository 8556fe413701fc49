/**
 * The workbench's layout, wording and keyboard at 1366×800. A cut chat under a
 * banner keeps several messages and its send button in view. Finished chats' tabs close and six tabs stay readable. The agent's font size
 * reaches every text, the self-test reason submits with Ctrl+Enter, and the queue
 * shows it is taken in order. Screenshots go to the test's output folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { closedPort } from '../integration/outbox/smtp-test-server';
import { citizenWrites, expect, passSelfTest, startServe, startServeWithHub, takeAndGreet, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 800 } });

/** Tells whether the element is fully inside the window and on top at its centre, so a click would reach it. */
async function reachable(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const view = element.ownerDocument.defaultView!;
    const box = element.getBoundingClientRect();
    const inside = box.top >= 0 && box.left >= 0 && box.bottom <= view.innerHeight && box.right <= view.innerWidth && box.height > 0;
    const top = element.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inside && top !== null && element.contains(top);
  });
}

/** Counts the conversation's messages shown whole inside its scrolled viewport. */
async function messagesInView(agent: Page): Promise<number> {
  return agent.locator('.conversation').evaluate((list) => {
    list.scrollTop = list.scrollHeight;
    const frame = list.getBoundingClientRect();
    return [...list.querySelectorAll('.message')].filter((message) => {
      const box = message.getBoundingClientRect();
      return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    }).length;
  });
}

test('cut chat under a banner keeps its composer in view', async ({ browser, page: agent }, testInfo) => {
  test.setTimeout(90_000);
  const { hub, served, stop } = await startServeWithHub({ presence: { citizenCutMs: 1000 } });

  try {
    const citizen = await citizenWrites(browser, hub.citizenUrl, 'Buenas tardes, necesito el certificado de residencia.');
    const composer = await takeAndGreet(agent, served.workstationUrl);
    await citizen.write('Me llamo Carlos Andrés Ruiz.');
    await citizen.write('Mi correo es carlos.ruiz@example.org');
    await citizen.write('Es para un trámite del banco.');
    await expect(agent.getByRole('log').getByText('Es para un trámite del banco.')).toBeVisible();

    // The citizen leaves: the chat is cut and the composer prepares an email.
    await citizen.close();
    await expect(agent.locator('.chat-header')).toContainText('Cortado');
    await composer.fill('Con gusto le informo que el certificado se pide en la sede principal.');

    // The hub goes down too, so a banner sits above the chat.
    await hub.stop();
    await expect(agent.getByText('Sin conexión.')).toBeVisible({ timeout: 20_000 });
    await agent.screenshot({ path: testInfo.outputPath('cut-with-banner.png') });

    expect(await reachable(agent.getByRole('button', { name: 'Enviar por correo' }))).toBe(true);
    expect(await reachable(agent.getByRole('textbox', { name: 'Correo del ciudadano' }))).toBe(true);
    expect(await messagesInView(agent)).toBeGreaterThanOrEqual(3);

    // A reply with many findings fills the Problemas panel only up to its cap; the send button stays reachable.
    await composer.fill('Hola!! xq no me dijo?? El tramite es gratis!!! Vaya a la sede YA. Tambien puede llamar al 123 o escribir a info@example.org :)');
    await expect(agent.locator('.problems .problem').nth(2)).toBeVisible({ timeout: 15_000 });
    await agent.screenshot({ path: testInfo.outputPath('cut-with-findings.png') });
    const panelHeight = await agent.locator('.panel').evaluate((panel) => panel.getBoundingClientRect().height);
    expect(panelHeight).toBeLessThanOrEqual(800 * 0.22 + 1);
    expect(await reachable(agent.getByRole('button', { name: 'Enviar por correo' }))).toBe(true);
    expect(await messagesInView(agent)).toBeGreaterThanOrEqual(2);
  } finally {
    await stop();
  }
});

test('closed chats leave the tabs', async ({ browser, page: agent }, testInfo) => {
  test.setTimeout(90_000);
  const served = await startServe({ agent: 'Ana Pérez', demo: true });
  try {
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);

    // The queue is first come, first served: the hint states it and the rows are not buttons.
    await expect(agent.getByText('Los chats se atienden en orden de llegada')).toBeVisible({ timeout: 20_000 });
    await expect(agent.locator('.queue-item').first()).toContainText('siguiente');
    await expect(agent.locator('.queue-item').first()).toHaveCSS('cursor', 'default');
    await expect(agent.locator('.queue').getByRole('button')).toHaveCount(1);
    await expect(agent.getByText('Use «Atender siguiente» para tomar el chat que lleva más tiempo en espera')).toBeVisible();
    await agent.screenshot({ path: testInfo.outputPath('queue.png') });

    // The demo brings five citizens; a sixth writes from the widget.
    const sixth = await citizenWrites(browser, served.citizenUrl, 'Necesito saber los horarios de la sede principal.');
    const take = agent.getByRole('button', { name: 'Atender siguiente' });
    const tabs = agent.getByRole('tab');
    const closeOpenChat = async () => {
      await agent.keyboard.press('F1');
      await agent.getByRole('combobox', { name: 'Filtrar comandos' }).fill('cerrar el chat');
      await agent.keyboard.press('Enter');
      // The chat ends early, so the protocol requests a confirmation first.
      await agent.getByRole('dialog', { name: '¿Cerrar el chat sin terminar el cierre?' }).getByRole('button', { name: 'Cerrar de todos modos' }).click();
      await expect(agent.getByText(/La transcripción quedó guardada/)).toBeVisible();
    };
    for (let taken = 1; taken <= 5; taken += 1) {
      await expect(take).toBeEnabled({ timeout: 20_000 });
      await take.click();
      await expect(tabs).toHaveCount(taken);
    }

    // A chat in course cannot be closed: no close mark, and Alt+W does nothing.
    const fifth = agent.getByRole('tab', { selected: true });
    await expect(fifth.locator('.chat-tab__close')).toHaveCount(0);
    await agent.keyboard.press('Alt+w');
    await expect(tabs).toHaveCount(5);

    // Once closed, the chat keeps its tab, now with a close mark, and the agent may take a sixth chat.
    await closeOpenChat();
    await expect(fifth.locator('.chat-tab__close')).toHaveCount(1);
    await expect(take).toBeEnabled({ timeout: 20_000 });
    await take.click();
    await expect(tabs).toHaveCount(6);

    // Every tab keeps a readable width; the row scrolls sideways instead of squeezing them.
    for (const width of await agent.locator('.chat-tab__label').evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().width))) {
      expect(width).toBeGreaterThanOrEqual(80);
    }
    await agent.screenshot({ path: testInfo.outputPath('six-tabs.png') });

    // "Cerrar pestaña" in the palette, with its shortcut, removes the closed chat's tab.
    await tabs.nth(4).click();
    await agent.keyboard.press('F1');
    await agent.getByRole('combobox', { name: 'Filtrar comandos' }).fill('cerrar pestaña');
    await expect(agent.getByRole('option', { name: /Chat: Cerrar pestaña/ })).toContainText('Alt+W');
    await agent.keyboard.press('Enter');
    await expect(tabs).toHaveCount(5);
    await expect(agent.getByRole('tab', { selected: true })).toHaveCount(1);

    // Another closed chat goes with Alt+W, and a third with a click on its mark.
    await closeOpenChat();
    await agent.keyboard.press('Alt+w');
    await expect(tabs).toHaveCount(4);
    await closeOpenChat();
    await agent.getByRole('tab', { selected: true }).locator('.chat-tab__close').click();
    await expect(tabs).toHaveCount(3);
    await sixth.close();
  } finally {
    await served.stop();
  }
});

test('font size reaches every text', async ({ page: agent }, testInfo) => {
  const served = await startServe({ agent: 'Ana Pérez', demo: true });
  try {
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    const statusSize = async () => parseFloat(await agent.locator('.status-bar').evaluate((bar) => bar.ownerDocument.defaultView!.getComputedStyle(bar).fontSize));
    const waitingSize = async () => parseFloat(await agent.locator('.queue-item__waiting').first().evaluate((time) => time.ownerDocument.defaultView!.getComputedStyle(time).fontSize));
    await expect(agent.locator('.queue-item').first()).toBeVisible({ timeout: 20_000 });
    const [statusBefore, waitingBefore] = [await statusSize(), await waitingSize()];

    await agent.getByRole('button', { name: 'Configuración', exact: true }).click();
    await agent.getByRole('spinbutton', { name: /Tamaño de letra/ }).fill('22');
    await agent.getByRole('spinbutton', { name: /Tamaño de letra/ }).press('Tab');
    await expect.poll(statusSize).toBeCloseTo((statusBefore * 22) / 14, 0);
    expect(await waitingSize()).toBeCloseTo((waitingBefore * 22) / 14, 0);

    // Queue rows grow with the text, so the waiting time is not cut.
    const row = agent.locator('.queue-item').first();
    const rowFits = await row.evaluate((item) => item.scrollHeight <= item.clientHeight + 1);
    expect(rowFits).toBe(true);
    await agent.getByRole('button', { name: 'Chats' }).click();
    await agent.screenshot({ path: testInfo.outputPath('font-22.png') });

    // With a chat open, the conversation keeps a usable width beside the protocol and the knowledge base.
    await agent.getByRole('button', { name: 'Atender siguiente' }).click();
    await expect(agent.getByRole('tab')).toHaveCount(1);
    const conversationWidth = await agent.locator('.conversation').evaluate((list) => list.getBoundingClientRect().width);
    await agent.screenshot({ path: testInfo.outputPath('font-22-chat.png') });
    expect(conversationWidth).toBeGreaterThanOrEqual(320);
    expect(await reachable(agent.getByRole('button', { name: 'Enviar' }))).toBe(true);
  } finally {
    await served.stop();
  }
});

test('self-test reason submits with Ctrl+Enter', async ({ page: agent }, testInfo) => {
  // A local network service on a closed loopback port makes the LAN check fail, so the reason is asked.
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-e2e-trial-'));
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  const settings = { entityName: 'Alcaldía de Prueba', selfTest: { lan: { tcp: [`127.0.0.1:${await closedPort()}`] } } };
  writeFileSync(join(dataDir, 'settings', 'entidad.json'), JSON.stringify(settings));
  const served = await startServe({ agent: 'Ana Pérez', dataDir });
  try {
    await agent.goto(served.workstationUrl);
    await expect(agent.getByText(/La verificación tomó \d+(,\d)? s\./)).toBeVisible({ timeout: 30_000 });
    await agent.getByRole('button', { name: 'Continuar' }).click();
    const reason = agent.getByRole('textbox', { name: 'Motivo' });
    await expect(reason).toBeFocused();

    // Enter writes a new line; Tab goes to Continuar, which sits below the box.
    await reason.fill('Diadema prestada');
    await reason.press('Enter');
    await reason.pressSequentially('por soporte técnico.');
    await expect(reason).toHaveValue('Diadema prestada\npor soporte técnico.');
    await reason.press('Tab');
    const next = agent.getByRole('button', { name: 'Continuar' });
    await expect(next).toBeFocused();
    expect((await next.boundingBox())!.y).toBeGreaterThan((await reason.boundingBox())!.y);
    await agent.screenshot({ path: testInfo.outputPath('selftest-reason.png') });

    // Ctrl+Enter in the box starts the shift.
    await reason.focus();
    await reason.press('Control+Enter');
    await expect(agent.getByText('Antes de atender chats, haga la verificación')).toHaveCount(0);
  } finally {
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('rejected settings file named once', async ({ page: agent }, testInfo) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-e2e-trial-'));
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  writeFileSync(join(dataDir, 'settings', 'entidad.json'), '{ "entityName": 5 }');
  const served = await startServe({ agent: 'Ana Pérez', dataDir });
  try {
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    await agent.getByRole('button', { name: 'Configuración', exact: true }).click();
    await expect(agent.locator('.settings__entity').getByRole('alert')).toContainText('entidad.json');
    await expect(agent.getByText('No hay archivo de configuración de la entidad')).toHaveCount(0);
    // No valid file was ever loaded, so nothing may claim that the last valid settings are kept.
    await expect(agent.getByText(/última configuración válida|se mantiene la última/)).toHaveCount(0);
    await expect(agent.getByText('Mientras se corrige el archivo, Atiende usa los textos del protocolo.')).toBeVisible();
    await agent.screenshot({ path: testInfo.outputPath('settings-error.png') });
  } finally {
    await served.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
