/**
 * Inserting from a suggested article without selecting anything, as a new agent
 * would on the first try: the passage that goes into the reply is the one that
 * answers the citizen's question, not the article's opening paragraph.
 */
import { agentTakesNextChat, citizenWrites, expect, sendGreeting, test } from './fixtures';

const ANSWER = 'El certificado se expide en un plazo máximo de cinco (5) días hábiles';

test('inserts the answering paragraph unselected', async ({ browser, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'cuanto demora el sertificado de residensia');
  const { page: agent, close: closeAgent } = await agentTakesNextChat(browser, served.workstationUrl);
  try {
    const composer = await sendGreeting(agent);

    // The first suggestion opens and is inserted as it is, with no passage selected.
    const panel = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
    await panel.getByRole('list', { name: 'Artículos sugeridos' }).getByRole('button').first().click();
    const insert = panel.getByRole('button', { name: 'Insertar en la respuesta' });
    await expect(insert).toBeInViewport();
    await insert.click();
    await expect(composer).toHaveValue(new RegExp(`^${ANSWER.replace(/[()]/g, '\\$&')}`));

    await composer.press('Enter');
    await expect(composer).toHaveValue('');
    await expect(citizen.page.getByRole('log').getByText(ANSWER, { exact: false })).toBeVisible();
  } finally {
    await citizen.close();
    await closeAgent();
  }
});
