/**
 * The reply checker's screens at 1366x800 as an agent uses them through `npm run
 * serve`. Covered: the pre-send review when the checker's worker fails to load, the
 * review and blank-prompt dialogs by keyboard, and the palette kept closed over them.
 * Also the Problemas panel scrolled to its last finding by keyboard, the final-period
 * fix, chat tabs named after the citizen, and the farewell for the time of day.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { citizenWrites, expect, expectedSalutation, passSelfTest, tabTo, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 800 } });

/** Opens the widget as a citizen who writes `text`, and waits until the chat is queued. */
async function citizenQueued(browser: Browser, citizenUrl: string, text: string) {
  const citizen = await citizenWrites(browser, citizenUrl, text);
  await expect(citizen.page.getByText(/número \d+ en la fila/)).toBeVisible();
  return citizen;
}

/** Goes past the equipment check, takes the oldest chat and sends the proposed greeting. */
async function takeAndGreet(agent: Page): Promise<Locator> {
  await agent.getByRole('button', { name: 'Atender siguiente' }).click();
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).toHaveValue(/soy Ana Pérez/);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  return composer;
}

async function openWorkstation(agent: Page, workstationUrl: string): Promise<void> {
  await agent.goto(workstationUrl);
  await passSelfTest(agent);
}

async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  await expect(target).not.toHaveCSS('outline-style', 'none');
  await expect(target).not.toHaveCSS('outline-width', '0px');
}

test('review opens when the checker worker fails', async ({ browser, page: agent, served }) => {
  // The worker's script never loads, as when the file is damaged or blocked.
  await agent.route(/checker\.worker-[^/]*\.js/, (route) => route.abort());
  const citizen = await citizenQueued(browser, served.citizenUrl, 'Hola');
  await openWorkstation(agent, served.workstationUrl);
  const composer = await takeAndGreet(agent);

  // The same checker runs on the main thread: live findings, spelling included, and the review.
  await composer.fill('Con gusto!! la informacion esta en la sede');
  const problems = agent.getByRole('region', { name: 'Problemas' });
  await expect(problems.getByText(/«informacion» no está en el diccionario/)).toBeVisible();
  await composer.press('Enter');
  const review = agent.getByRole('dialog', { name: 'Revisión antes de enviar' });
  await expect(review).toBeVisible();
  await expect(review.getByRole('region', { name: 'Ortografía' })).toContainText('informacion');
  await expect(review.getByRole('region', { name: 'Redacción' })).toContainText('No use signos de admiración');
  await expect(citizen.page.getByRole('log').getByText('Con gusto!!')).toHaveCount(0);
  await citizen.close();
});

test('dialogs keep the keyboard and block the palette', async ({ browser, page: agent, served }) => {
  const citizen = await citizenQueued(browser, served.citizenUrl, 'Hola');
  await openWorkstation(agent, served.workstationUrl);
  const composer = await takeAndGreet(agent);
  const palette = agent.getByRole('dialog', { name: 'Paleta de comandos' });

  // The review opens on the fix button; Tab and Shift+Tab stay inside, with a visible focus.
  await composer.fill('Hola!! :)');
  await composer.press('Enter');
  const review = agent.getByRole('dialog', { name: 'Revisión antes de enviar' });
  const fix = review.getByRole('button', { name: 'Corregir' });
  const sendAnyway = review.getByRole('button', { name: 'Enviar de todos modos' });
  await expectVisibleFocus(fix);
  await agent.keyboard.press('Tab');
  await expectVisibleFocus(sendAnyway);
  await agent.keyboard.press('Tab');
  await expectVisibleFocus(fix);
  await agent.keyboard.press('Shift+Tab');
  await expectVisibleFocus(sendAnyway);

  // Neither palette shortcut nor a protocol key acts behind the review.
  await agent.keyboard.press('F1');
  await agent.keyboard.press('Control+Shift+P');
  await agent.keyboard.press('Alt+5');
  await expect(palette).toHaveCount(0);
  await expect(review).toBeVisible();
  await expect(composer).toHaveValue('Hola!! :)');

  // Escape goes back to the composer with the draft kept; then the palette opens again.
  await agent.keyboard.press('Escape');
  await expect(review).toBeHidden();
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue('Hola!! :)');
  await agent.keyboard.press('F1');
  await expect(palette).toBeVisible();
  await agent.keyboard.press('Tab');
  await expect(palette.getByRole('combobox', { name: 'Filtrar comandos' })).toBeFocused();
  await agent.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // The blank prompt is the same dialog: focus on its field, Tab wraps, Escape cancels back to the composer.
  const serviceQuestion = agent.getByRole('button', { name: 'Preguntar en qué le puede servir' });
  await serviceQuestion.click();
  const prompt = agent.getByRole('dialog', { name: 'Falta un dato para la frase' });
  const nameField = prompt.getByRole('textbox', { name: 'Nombre del ciudadano' });
  await expectVisibleFocus(nameField);
  await agent.keyboard.press('Shift+Tab');
  await expectVisibleFocus(prompt.getByRole('button', { name: 'Guardar e insertar' }));
  await agent.keyboard.press('Tab');
  await expectVisibleFocus(nameField);
  await agent.keyboard.press('F1');
  await expect(palette).toHaveCount(0);
  await agent.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue('Hola!! :)');
  await citizen.close();
});

test('Problemas panel reaches its last finding', async ({ browser, page: agent, served }) => {
  const citizen = await citizenQueued(browser, served.citizenUrl, 'Hola');
  await openWorkstation(agent, served.workstationUrl);
  const composer = await takeAndGreet(agent);

  // Six findings: more than the panel shows at once at 1366x800.
  await composer.fill('hola!! :) El horario es de 8 a 5 y la informacion esta en  la web');
  const problems = agent.getByRole('region', { name: 'Problemas' });
  const list = problems.getByRole('list', { name: /Problemas de la respuesta/ });
  await expect(list.getByRole('listitem')).toHaveCount(6);
  const last = list.getByRole('listitem').last();
  await expect(last).toContainText('Falta el punto final');
  await expect(last).not.toBeInViewport({ ratio: 0.9 });

  // The list takes the keyboard focus and End scrolls to the last finding, under a title that stays in view.
  await composer.focus();
  await tabTo(agent, list);
  await expectVisibleFocus(list);
  await agent.keyboard.press('End');
  await expect(last).toBeInViewport({ ratio: 0.9 });
  await expect(problems.getByRole('heading', { name: 'Problemas' })).toBeInViewport();

  // The final-period fix puts the period after the last word, with one action.
  await last.getByRole('button', { name: 'Cambiar por «web.»' }).click();
  await expect(composer).toHaveValue('hola!! :) El horario es de 8 a 5 y la informacion esta en  la web.');
  await composer.fill('El horario es de 8 a 5');
  await problems.getByRole('button', { name: 'Cambiar por «5.»' }).click();
  await expect(composer).toHaveValue('El horario es de 8 a 5.');
  await expect(problems.getByText('No hay problemas en la respuesta.')).toBeVisible();
  await citizen.close();
});

test('tabs name the citizen, never the chat id', async ({ browser, page: agent, served }) => {
  const first = await citizenQueued(browser, served.citizenUrl, 'Buenas tardes, necesito pagar el impuesto predial de mi casa');
  const second = await citizenQueued(browser, served.citizenUrl, 'Hola');
  await openWorkstation(agent, served.workstationUrl);
  const tabs = agent.getByRole('tablist', { name: 'Chats en curso' }).getByRole('tab');

  await takeAndGreet(agent);
  const composer = await takeAndGreet(agent);
  await expect(tabs).toHaveText(['Necesito pagar el impuesto…', 'Ciudadano 2']);

  // Once the agent confirms the name the citizen gave, the tab shows it.
  await second.write('soy luisa fernanda ríos, luisa.rios@example.com');
  const panel = agent.getByRole('complementary', { name: 'Protocolo' });
  await expect(panel.getByText('Nombre detectado: Luisa Fernanda Ríos')).toBeVisible();
  await panel.getByRole('button', { name: 'Confirmar nombre' }).click();
  await expect(tabs).toHaveText(['Necesito pagar el impuesto…', 'Luisa Fernanda Ríos']);
  await expect(agent.getByRole('tabpanel', { name: 'Luisa Fernanda Ríos' })).toBeVisible();
  for (const label of await tabs.allTextContents()) expect(label).not.toMatch(/^Chat /);

  // The farewell follows the time of day, as the greeting does.
  const wish = { 'Buenos días': 'un buen día', 'Buenas tardes': 'una buena tarde', 'Buenas noches': 'una buena noche' }[expectedSalutation()];
  await composer.focus();
  await agent.keyboard.press('Alt+8');
  await expect(composer).toHaveValue(`Gracias por usar nuestro servicio de chat, Luisa Fernanda Ríos. Que tenga ${wish}.`);
  await first.close();
  await second.close();
});
