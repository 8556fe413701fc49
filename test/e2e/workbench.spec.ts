/**
 * The workbench as an agent uses it through `npm run serve`: the first-run name
 * form, the self-test, the command palette, the live waiting time, the automatic
 * greeting, desktop notifications and the chat tabs.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, expectedSalutation, startServe, test } from './fixtures';

/** Opens the citizen widget in its own context, accepts the notice and writes a first message. */
async function citizenWrites(browser: Browser, citizenUrl: string, text: string): Promise<Page> {
  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto(citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill(text);
  await citizen.getByRole('button', { name: 'Enviar' }).click();
  await expect(citizen.getByText(/número \d+ en la fila/)).toBeVisible();
  return citizen;
}

/** Opens the workstation and goes past the equipment check to the chats. */
async function openChats(agent: Page, workstationUrl: string): Promise<void> {
  await agent.goto(workstationUrl);
  await agent.getByRole('button', { name: 'Continuar' }).click();
}

test('first run asks for the name and keeps a bad one', async ({ page }) => {
  const served = await startServe();
  try {
    await page.goto(served.workstationUrl);
    const name = page.getByRole('textbox', { name: 'Nombre y apellido' });
    await expect(name).toBeVisible();

    // One word is not a name and surname: the rule shows and the text stays.
    await name.fill('Ana');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('alert')).toHaveText('Escriba al menos un nombre y un apellido, solo con letras.');
    await expect(name).toHaveValue('Ana');
    await expect(name).toHaveAttribute('aria-invalid', 'true');

    // An empty name has its own message.
    await name.fill('   ');
    await name.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('Escriba su nombre y apellido.');

    await name.fill('Ana Pérez');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeVisible();

    // The name was stored: a reload goes straight to the workbench.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeVisible();
    await page.getByRole('button', { name: 'Configuración' }).click();
    await expect(page.locator('.settings__fact').filter({ has: page.locator('dt', { hasText: /^Agente$/ }) }).locator('dd')).toHaveText('Ana Pérez');
  } finally {
    await served.stop();
  }
});

test('self-test lists each check and continues', async ({ page, served }) => {
  await page.goto(served.workstationUrl);
  const checks = page.getByRole('list', { name: 'Resultados de la verificación' });
  await expect(checks.getByText('Micrófono', { exact: true })).toBeVisible();
  await expect(checks.getByText('Diadema', { exact: true })).toBeVisible();
  await expect(checks.getByText('Servicios de red: hub de chat')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /La verificación tomó/ })).toBeVisible();

  await page.getByRole('button', { name: 'Verificar de nuevo' }).click();
  await expect(page.getByRole('status').filter({ hasText: /La verificación tomó/ })).toBeVisible();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByText('Use «Atender siguiente» para tomar el chat')).toBeVisible();
});

test('palette opens with F1 and Ctrl+Shift+P and takes a chat', async ({ browser, page, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Necesito un certificado de residencia');
  await openChats(page, served.workstationUrl);
  await expect(page.getByText('Necesito un certificado de residencia')).toBeVisible();

  // F1 opens the palette and Escape closes it.
  await page.keyboard.press('F1');
  const palette = page.getByRole('dialog', { name: 'Paleta de comandos' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Filtrar comandos' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // Ctrl+Shift+P opens it too; the filter narrows the list and the arrows move the selection.
  await page.keyboard.press('Control+Shift+P');
  await expect(palette).toBeVisible();
  await page.keyboard.type('ver');
  const options = palette.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');

  await palette.getByRole('combobox').fill('zzz');
  await expect(palette.getByText('Ningún comando coincide.')).toBeVisible();

  await palette.getByRole('combobox').fill('atender');
  await expect(options).toHaveText(['Chat: Atender siguiente']);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();

  // The chat opens with the greeting proposed in the focused composer.
  const composer = page.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).toHaveValue(new RegExp(`^${expectedSalutation()}, soy Ana Pérez\\. `));
  await expect(composer).toBeFocused();
  await expect(page.getByRole('log', { name: 'Conversación' })).toContainText('Necesito un certificado de residencia');
  await expect(page.getByText('No hay ciudadanos en espera.')).toBeVisible();

  // Shift+Enter adds a line; Enter sends, and an empty composer cannot send.
  await composer.press('End');
  await composer.press('Shift+Enter');
  await expect(composer).toHaveValue(/\n$/);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Enviar' })).toBeDisabled();
  await expect(citizen.getByText(/soy Ana Pérez/)).toBeVisible();
  await citizen.context().close();
});

test('waiting time counts up every second', async ({ browser, page, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Quisiera una cita presencial');
  await openChats(page, served.workstationUrl);
  const waiting = page.getByText(/^En espera \d+:\d{2}$/);
  await expect(waiting).toBeVisible();

  const first = await waiting.textContent();
  await expect(waiting).not.toHaveText(first!, { timeout: 2500 });
  const seconds = (text: string) => {
    const [minutes, secs] = text.replace('En espera ', '').split(':').map(Number);
    return minutes! * 60 + secs!;
  };
  expect(seconds((await waiting.textContent())!)).toBeGreaterThan(seconds(first!));
  await expect(page.getByRole('button', { name: 'Atender siguiente' })).toBeEnabled();
  await citizen.context().close();
});

test('settings toggle sends the greeting at once', async ({ browser, page, served }) => {
  await openChats(page, served.workstationUrl);
  await page.getByRole('button', { name: 'Configuración' }).click();
  const toggle = page.getByRole('checkbox', { name: 'Enviar el saludo automáticamente' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();

  // The setting is stored on the Node side, so it survives a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Configuración' }).click();
  await expect(page.getByRole('checkbox', { name: 'Enviar el saludo automáticamente' })).toBeChecked();

  const citizen = await citizenWrites(browser, served.citizenUrl, 'Tengo una pregunta sobre impuestos');
  await page.getByRole('button', { name: 'Chats' }).click();
  await page.getByRole('button', { name: 'Atender siguiente' }).click();

  const log = page.getByRole('log', { name: 'Conversación' });
  await expect(log).toContainText(`${expectedSalutation()}, soy Ana Pérez.`);
  await expect(page.getByRole('textbox', { name: 'Respuesta' })).toHaveValue('');
  await expect(citizen.getByText(/soy Ana Pérez/)).toBeVisible();
  await citizen.context().close();
});

test('new chat notifies an unfocused agent', async ({ browser, page, served }) => {
  // The browser's Notification is replaced by a recorder, and the window reports no focus,
  // because headless Chromium neither shows notifications nor loses focus.
  await page.addInitScript(() => {
    // This runs in the page; the test project has no DOM types, so the globals are typed here.
    type Permission = 'default' | 'granted' | 'denied';
    const page = globalThis as unknown as {
      shown: { title: string; body?: string }[];
      permissionRequests: number;
      Notification: unknown;
      document: { hasFocus: () => boolean };
    };
    page.shown = [];
    page.permissionRequests = 0;
    class RecordingNotification {
      static permission: Permission = 'default';
      static async requestPermission(): Promise<Permission> {
        page.permissionRequests++;
        RecordingNotification.permission = 'granted';
        return 'granted';
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        page.shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: RecordingNotification });
    page.document.hasFocus = () => false;
  });
  const pick = () =>
    page.evaluate(() => {
      const { shown, permissionRequests } = globalThis as unknown as { shown: { title: string; body?: string }[]; permissionRequests: number };
      return { shown, permissionRequests };
    });

  // A chat already waiting when the workbench opens is not announced.
  const first = await citizenWrites(browser, served.citizenUrl, 'Primera consulta');
  await openChats(page, served.workstationUrl);
  await expect(page.getByText('Primera consulta')).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await pick()).toEqual({ shown: [], permissionRequests: 1 });

  const second = await citizenWrites(browser, served.citizenUrl, 'Segunda consulta');
  await expect(page.getByText('Segunda consulta')).toBeVisible();
  await expect.poll(async () => (await pick()).shown).toEqual([{ title: 'Nuevo chat en la cola', body: '2 ciudadanos en espera.' }]);
  expect((await pick()).permissionRequests).toBe(1);
  await first.context().close();
  await second.context().close();
});

test('chat tabs keep a draft each', async ({ browser, page, served }) => {
  const first = await citizenWrites(browser, served.citizenUrl, 'Consulta sobre predial');
  const second = await citizenWrites(browser, served.citizenUrl, 'Consulta sobre licencias');
  await openChats(page, served.workstationUrl);
  const take = page.getByRole('button', { name: 'Atender siguiente' });
  const composer = page.getByRole('textbox', { name: 'Respuesta' });
  const log = page.getByRole('log', { name: 'Conversación' });

  // The oldest chat comes first.
  await take.click();
  await expect(log).toContainText('Consulta sobre predial');
  await composer.fill('Borrador del primer chat');
  await take.click();
  await expect(log).toContainText('Consulta sobre licencias');
  await expect(composer).toHaveValue(new RegExp(`^${expectedSalutation()}, soy Ana Pérez\\. `));

  // The arrow keys move between tabs, and each chat keeps its own draft.
  const tabs = page.getByRole('tablist', { name: 'Chats en curso' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await tabs.nth(1).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(0)).toBeFocused();
  await expect(log).toContainText('Consulta sobre predial');
  await expect(composer).toHaveValue('Borrador del primer chat');
  await page.keyboard.press('End');
  await expect(log).toContainText('Consulta sobre licencias');

  // The palette switches chats too.
  await page.keyboard.press('F1');
  await page.keyboard.type('ir al siguiente');
  await page.keyboard.press('Enter');
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(log).toContainText('Consulta sobre predial');
  await expect(page.getByText('Atendiendo')).toBeVisible();
  await first.context().close();
  await second.context().close();
});

test('self-test explains missing audio devices', async ({ page, served }) => {
  // The page's media devices behave as on a computer with no microphone and no audio output.
  await page.addInitScript(() => {
    const media = (globalThis as unknown as { navigator: { mediaDevices: Record<string, unknown> } }).navigator.mediaDevices;
    media.getUserMedia = async () => {
      throw new DOMException('Requested device not found', 'NotFoundError');
    };
    media.enumerateDevices = async () => [];
  });
  await page.goto(served.workstationUrl);

  const checks = page.getByRole('list', { name: 'Resultados de la verificación' });
  await expect(checks.getByText('Navegador: No se detectó ningún micrófono. Conecte la diadema y vuelva a verificar.')).toBeVisible();
  await expect(checks.getByText(/Navegador: No se detectó ninguna diadema ni salida de audio/)).toBeVisible();
  await expect(page.getByText('Una o más verificaciones fallaron.', { exact: false })).toBeVisible();
  await expect(page.getByText('Micrófono: sin detectar')).toBeVisible();
  await expect(page.getByText('Diadema: sin detectar')).toBeVisible();

  // With a failed check the shift starts only through a written, recorded reason.
  await page.getByRole('button', { name: 'Continuar' }).click();
  const reason = page.getByRole('textbox', { name: 'Motivo' });
  await expect(reason).toBeFocused();
  await reason.fill('corto');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByText(/al menos 10 caracteres/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeVisible();

  await reason.fill('Equipo prestado sin diadema; soporte técnico ya fue avisado.');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeHidden();
  const statusBar = page.getByRole('contentinfo', { name: 'Barra de estado' });
  await expect(statusBar.getByRole('button', { name: 'Disponible' })).toBeVisible();

  // The recorded run, reason included, can be exported for IT support.
  await page.getByRole('navigation').getByRole('button', { name: 'Verificación de equipos' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar informe' }).click();
  const file = await (await download).path();
  const report = readFileSync(file, 'utf8');
  expect(report).toContain('Informe de verificación de equipos');
  expect(report).toContain('Motivo: Equipo prestado sin diadema; soporte técnico ya fue avisado.');
});

test('self-test explains a denied microphone', async ({ page, served }) => {
  await page.addInitScript(() => {
    const media = (globalThis as unknown as { navigator: { mediaDevices: Record<string, unknown> } }).navigator.mediaDevices;
    media.getUserMedia = async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    };
  });
  await page.goto(served.workstationUrl);
  await expect(page.getByText('Navegador: No hay permiso para usar el micrófono. Permita el acceso al micrófono y vuelva a verificar.')).toBeVisible();
});

test('status bar pauses and shows a lost service', async ({ page }) => {
  const served = await startServe({ agent: 'Ana Pérez' });
  try {
    await page.goto(served.workstationUrl);
    const statusBar = page.getByRole('contentinfo', { name: 'Barra de estado' });
    await expect(statusBar.getByText('Hub conectado')).toBeVisible();

    // Before the self-test is recorded the agent cannot become available.
    await statusBar.getByRole('button', { name: 'En pausa' }).click();
    await expect(statusBar.getByRole('alert')).toContainText('haga la verificación de equipos');
    await page.getByRole('button', { name: 'Continuar' }).click();

    await statusBar.getByRole('button', { name: 'Disponible' }).click();
    await expect(statusBar.getByRole('button', { name: 'En pausa' })).toBeVisible();
    await statusBar.getByRole('button', { name: 'En pausa' }).click();
    await expect(statusBar.getByRole('button', { name: 'Disponible' })).toBeVisible();
  } finally {
    await served.stop();
  }
  await expect(page.getByText('Reconectando con el servicio local…')).toBeVisible();
  await expect(page.getByText('Hub conectado')).toBeHidden();
});

test('unplugging the headset during the shift offers a new check', async ({ page, served }) => {
  // The page sees a headset (one input, one output) until the test unplugs it.
  await page.addInitScript(() => {
    const media = (globalThis as unknown as { navigator: { mediaDevices: EventTarget & Record<string, unknown> } }).navigator.mediaDevices;
    const state = { devices: [
      { kind: 'audioinput', deviceId: 'mic-1', label: 'Diadema USB', groupId: 'g' },
      { kind: 'audiooutput', deviceId: 'out-1', label: 'Diadema USB', groupId: 'g' },
    ] };
    (globalThis as unknown as { unplugHeadset: () => void }).unplugHeadset = () => {
      state.devices = [];
      media.dispatchEvent(new Event('devicechange'));
    };
    media.enumerateDevices = async () => state.devices.map((device) => ({ ...device, toJSON: () => device }));
  });
  await page.goto(served.workstationUrl);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeHidden();

  await page.evaluate(() => (globalThis as unknown as { unplugHeadset: () => void }).unplugHeadset());
  const alert = page.getByRole('alert').filter({ hasText: 'Se desconectó un micrófono' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Verificar de nuevo' }).click();
  await expect(page.getByRole('heading', { name: 'Verificación de equipos' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Se desconectó' })).toBeHidden();
});

test('test tone answer decides the headset check', async ({ page, served }) => {
  await page.goto(served.workstationUrl);
  const headset = page.getByRole('listitem').filter({ has: page.getByText('Diadema', { exact: true }) });
  await expect(headset.getByText('Correcto')).toBeVisible();

  await headset.getByRole('button', { name: 'Reproducir tono de prueba' }).click();
  const question = headset.getByRole('group', { name: '¿Escuchó el tono en la diadema?' });
  await question.getByRole('button', { name: 'No lo escuché' }).click();
  await expect(headset.getByText('Falla')).toBeVisible();
  await expect(headset.getByText(/Usted no escuchó el tono de prueba/)).toBeVisible();

  await headset.getByRole('button', { name: 'Reproducir tono de prueba' }).click();
  await question.getByRole('button', { name: 'Sí, lo escuché' }).click();
  await expect(headset.getByText('Correcto')).toBeVisible();
  await expect(headset.getByText(/Usted confirmó que escucha el tono de prueba/)).toBeVisible();
});
