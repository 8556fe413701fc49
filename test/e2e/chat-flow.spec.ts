/**
 * The chat flow as an agent works it: inserting two knowledge-base passages,
 * switching between two chats with an article open, closing a chat before its
 * protocol closing is done, a citizen who leaves, and losing the local serve process.
 */
import { agentTakesNextChat, citizenWrites, expect, passSelfTest, sendGreeting, startServe, startServeWithHub, takeAndGreet, test } from './fixtures';

const ANSWER = 'El certificado se expide en un plazo máximo de cinco (5) días hábiles';

test('passages go at the caret as paragraphs', async ({ browser, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'cuanto demora el sertificado de residensia');
  const { page: agent, close: closeAgent } = await agentTakesNextChat(browser, served.workstationUrl);
  try {
    const composer = await sendGreeting(agent);

    // The emoji's fix takes one space with it, and two spaces typed by hand are flagged.
    await composer.fill('Con gusto, Juan 😊 el certificado llega hoy.');
    const problems = agent.getByRole('list', { name: /problema/i });
    await problems.getByRole('listitem').filter({ hasText: 'emoji' }).getByRole('button', { name: 'Quitar' }).click();
    await expect(composer).toHaveValue('Con gusto, Juan el certificado llega hoy.');
    await composer.fill('Con gusto, Juan  el certificado llega hoy.');
    await expect(problems.getByRole('listitem').filter({ hasText: 'Hay dos espacios seguidos.' })).toBeVisible();
    await expect(agent.locator('.finding-mark--blank')).toHaveCount(1);

    await composer.fill('Con gusto le informo.');
    const panel = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
    await panel.getByRole('list', { name: 'Artículos sugeridos' }).getByRole('button').first().click();
    const insert = panel.getByRole('button', { name: 'Insertar en la respuesta' });
    await insert.click();
    const first = await composer.inputValue();
    expect(first.startsWith(`Con gusto le informo.\n\n${ANSWER}`)).toBe(true);
    const passage = first.slice('Con gusto le informo.\n\n'.length);

    // A second passage goes after the first, as a paragraph of its own.
    await insert.click();
    await expect(composer).toHaveValue(`Con gusto le informo.\n\n${passage}\n\n${passage}`);

    // With the caret moved to the start before the focus left, the passage goes there.
    await composer.fill('Saludos.');
    await composer.press('Control+Home');
    await insert.click();
    await expect(composer).toHaveValue(`${passage}\n\nSaludos.`);
  } finally {
    await citizen.close();
    await closeAgent();
  }
});

test('panels follow the chat and closing asks first', async ({ browser, served }) => {
  const first = await citizenWrites(browser, served.citizenUrl, 'cuanto demora el sertificado de residensia');
  const second = await citizenWrites(browser, served.citizenUrl, 'a que hora atienden en la sede del norte');
  const { page: agent, close: closeAgent } = await agentTakesNextChat(browser, served.workstationUrl);
  try {
    const composer = await sendGreeting(agent);

    const kb = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
    const suggested = kb.getByRole('list', { name: 'Artículos sugeridos' });
    await suggested.getByRole('button').first().click();
    await expect(kb.getByRole('heading', { name: 'Certificado de residencia' })).toBeVisible();

    // The protocol panel keeps a scroll position per chat; the tests' TypeScript has no DOM types.
    const protocolPanel = agent.locator('.protocol-panel');
    const scrollTop = () => protocolPanel.evaluate((element) => (element as unknown as { scrollTop: number }).scrollTop);
    await protocolPanel.evaluate((element) => void ((element as unknown as { scrollTop: number }).scrollTop = 10_000));
    await expect.poll(scrollTop).toBeGreaterThan(0);
    const firstChatScroll = await scrollTop();

    // Taking the second chat shows its own suggestions, not the first chat's article.
    await agent.getByRole('button', { name: 'Atender siguiente' }).click();
    await expect(agent.getByRole('tab', { selected: true })).toContainText('A que hora atienden');
    await expect(suggested.getByRole('button').first()).toContainText('Horarios');
    await expect(kb.getByRole('heading', { name: 'Certificado de residencia' })).toHaveCount(0);
    expect(await scrollTop()).toBe(0);

    // Back on the first chat, its article is still open and its panel where it was.
    await agent.getByRole('tab', { name: /Cuanto demora/ }).click();
    await expect(kb.getByRole('heading', { name: 'Certificado de residencia' })).toBeVisible();
    await expect.poll(scrollTop).toBe(firstChatScroll);

    // Closing the live chat is a secondary action that asks first and names what is missing.
    const protocol = agent.getByRole('complementary', { name: 'Protocolo' });
    const close = protocol.getByRole('button', { name: 'Cerrar el chat y guardar la transcripción' });
    await expect(close).not.toHaveClass(/button--primary/);
    await close.click();
    const dialog = agent.getByRole('dialog', { name: '¿Cerrar el chat sin terminar el cierre?' });
    await expect(dialog).toContainText('No se ha enviado el agradecimiento y la despedida.');
    await expect(dialog).toContainText('El ciudadano no ha confirmado que está conforme.');
    await dialog.getByRole('button', { name: 'Volver al chat' }).click();
    await expect(dialog).toBeHidden();
    await expect(agent.getByRole('tab', { selected: true })).not.toContainText('cerrado');

    // Sending the farewell first asks for the citizen's name the phrase needs.
    await close.click();
    await dialog.getByRole('button', { name: 'Enviar primero la despedida' }).click();
    const blanks = agent.getByRole('dialog', { name: 'Falta un dato para la frase' });
    await blanks.getByRole('textbox', { name: 'Nombre del ciudadano' }).fill('Juan Gómez');
    await blanks.getByRole('button', { name: 'Guardar e insertar' }).click();
    await expect(composer).toHaveValue(/^Gracias por usar nuestro servicio de chat, Juan Gómez\./);
    await composer.press('Enter');
    await expect(first.page.getByRole('log')).toContainText('Gracias por usar nuestro servicio de chat');
    await expect(protocol.getByText('Agradeció y se despidió')).toHaveClass(/done/);

    // The citizen never confirmed, so closing still asks; closing anyway stores the transcript.
    await close.click();
    await expect(dialog).not.toContainText('No se ha enviado el agradecimiento');
    await dialog.getByRole('button', { name: 'Cerrar de todos modos' }).click();
    await expect(protocol.getByRole('status')).toContainText('La transcripción quedó guardada.');
  } finally {
    await first.close();
    await second.close();
    await closeAgent();
  }
});

test('names the lost local service', async ({ page: agent }) => {
  const served = await startServe({ agent: 'Ana Pérez' });
  try {
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    await served.stop();
    const banner = agent.locator('.offline-banner');
    await expect(banner).toContainText('Se perdió la conexión con el servicio local.', { timeout: 15_000 });
    await expect(banner).not.toContainText('servidor de chat');
  } finally {
    await served.stop();
  }
});

test('explains a cut chat', async ({ browser, page: agent }) => {
  // A hub of its own with a one-second cut delay, so the chat turns cut soon after the citizen leaves.
  const { hub, served, stop } = await startServeWithHub({ presence: { citizenCutMs: 1000 } });
  try {
    const citizen = await citizenWrites(browser, hub.citizenUrl, 'Necesito un certificado de residencia');
    await takeAndGreet(agent, served.workstationUrl);
    await citizen.close();

    const header = agent.locator('.chat-header');
    await expect(header).toContainText('El ciudadano salió del chat, no responde o perdió la conexión.', { timeout: 15_000 });
    await expect(agent.getByRole('tab', { selected: true })).toContainText('(cortado)');
  } finally {
    await stop();
  }
});
