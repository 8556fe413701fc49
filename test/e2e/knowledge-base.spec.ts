/**
 * The knowledge base in the workbench, with the sample material: the panel
 * proposes the right article for the citizen's question without being asked, the
 * agent inserts a passage of it into the reply, and the citizen receives it.
 */
import { expect, test } from './fixtures';

interface PageRange {
  setStart(node: unknown, offset: number): void;
  setEnd(node: unknown, offset: number): void;
}

interface PageGlobals {
  document: { createRange(): PageRange };
  getSelection(): { removeAllRanges(): void; addRange(range: PageRange): void };
}

const QUESTION = 'cuanto demora el sertificado de residensia';
const PASSAGE = 'El certificado se expide en un plazo máximo de cinco (5) días hábiles contados desde la radicación de la solicitud completa.';

test('suggests an article and sends a passage of it', async ({ browser, served }) => {
  const citizenContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  const agent = await agentContext.newPage();

  // The citizen writes the question without accents and with typos, as citizens do.
  await citizen.goto(served.citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill(QUESTION);
  await citizen.getByRole('button', { name: 'Enviar' }).click();

  // The agent passes the equipment check, takes the chat and sends the greeting.
  await agent.goto(served.workstationUrl);
  await agent.getByRole('button', { name: 'Continuar' }).click();
  await expect(agent.getByRole('button', { name: 'Disponible' })).toBeVisible();
  await agent.getByRole('button', { name: 'Atender siguiente' }).click();
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).not.toHaveValue('');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');

  // Without a search, the side panel proposes the residence certificate first.
  const panel = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
  const suggested = panel.getByRole('list', { name: 'Artículos sugeridos' });
  await expect(suggested.getByRole('button').first()).toContainText('Certificado de residencia');
  await expect(suggested.getByRole('button').first().locator('mark').first()).toBeVisible();

  // The agent opens it, selects one sentence and inserts it into the reply.
  await suggested.getByRole('button').first().click();
  const article = panel.getByRole('article', { name: 'Artículo: Certificado de residencia' });
  await expect(article.getByText('Actualizado el 15 de septiembre de 2026')).toBeVisible();
  await composer.pressSequentially('Con gusto le informo.');
  // As with a mouse: a click in the article moves the focus there, then the sentence is selected.
  await article.getByText(PASSAGE, { exact: false }).click();
  await article.getByText(PASSAGE, { exact: false }).evaluate((paragraph, passage) => {
    // The tests' TypeScript has no DOM types, so the page's objects get the few members used here.
    const text = (paragraph as unknown as { firstChild: { textContent: string } }).firstChild;
    const page = globalThis as unknown as PageGlobals;
    const start = text.textContent.indexOf(passage);
    const range = page.document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + passage.length);
    const selection = page.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }, PASSAGE);
  await article.getByRole('button', { name: 'Insertar en la respuesta' }).click();
  // The passage becomes a paragraph of its own after what the agent wrote.
  await expect(composer).toHaveValue(`Con gusto le informo.\n\n${PASSAGE}`);
  await expect(composer).toBeFocused();

  // The reply goes out and the citizen receives the passage.
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(citizen.getByRole('log').getByText(PASSAGE, { exact: false })).toBeVisible();

  await citizenContext.close();
  await agentContext.close();
});

test('searches as the agent types', async ({ page, served }) => {
  await page.goto(served.workstationUrl);
  await page.getByRole('button', { name: 'Continuar' }).click();

  // The palette command opens the view with the search field focused.
  await page.keyboard.press('F1');
  await page.keyboard.type('Base de conocimiento: Buscar');
  await page.keyboard.press('Enter');
  const search = page.getByRole('searchbox', { name: 'Buscar en la base de conocimiento' });
  await expect(search).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Base de conocimiento', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^13 artículos; \d+ desactualizados?\.$/ })).toBeVisible();

  // Results follow the typing, typos and missing accents included, and open with the keyboard.
  await search.pressSequentially('paz y salbo', { delay: 30 });
  const results = page.getByRole('list', { name: 'Resultados de la búsqueda' });
  await expect(results.getByRole('button').first()).toContainText('Paz y salvo del impuesto predial');
  await results.getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Artículo: Paz y salvo del impuesto predial' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Insertar en la respuesta' })).toBeDisabled();
  await expect(page.getByText('Abra un chat para insertar el pasaje en la respuesta.')).toBeVisible();

  await search.fill('xilófono');
  await expect(page.getByText('No se encontraron artículos para «xilófono». Pruebe con otras palabras.')).toBeVisible();
});
