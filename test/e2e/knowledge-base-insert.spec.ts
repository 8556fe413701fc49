/**
 * Inserting from a suggested article without selecting anything, as a new agent
 * would on the first try: the passage that goes into the reply is the one that
 * answers the citizen's question, not the article's opening paragraph.
 */
import { expect, passSelfTest, test } from './fixtures';

const ANSWER = 'El certificado se expide en un plazo máximo de cinco (5) días hábiles';

test('inserts the answering paragraph unselected', async ({ browser, served }) => {
  const citizenContext = await browser.newContext();
  const agentContext = await browser.newContext();
  try {
    const citizen = await citizenContext.newPage();
    await citizen.goto(served.citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('cuanto demora el sertificado de residensia');
    await citizen.getByRole('button', { name: 'Enviar' }).click();

    const agent = await agentContext.newPage();
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    await agent.getByRole('button', { name: 'Atender siguiente' }).click();
    const composer = agent.getByRole('textbox', { name: 'Respuesta' });
    await expect(composer).not.toHaveValue('');
    await composer.press('Enter');
    await expect(composer).toHaveValue('');

    // The first suggestion opens and is inserted as it is, with no passage selected.
    const panel = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
    await panel.getByRole('list', { name: 'Artículos sugeridos' }).getByRole('button').first().click();
    const insert = panel.getByRole('button', { name: 'Insertar en la respuesta' });
    await expect(insert).toBeInViewport();
    await insert.click();
    await expect(composer).toHaveValue(new RegExp(`^${ANSWER.replace(/[()]/g, '\\$&')}`));

    await composer.press('Enter');
    await expect(composer).toHaveValue('');
    await expect(citizen.getByRole('log').getByText(ANSWER, { exact: false })).toBeVisible();
  } finally {
    await citizenContext.close();
    await agentContext.close();
  }
});
