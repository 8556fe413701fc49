/**
 * The walking skeleton's promise: a citizen in one browser and the agent in another
 * serve a whole first exchange through `npm run serve`, with the greeting.
 */
import { expect, expectedSalutation, test } from './fixtures';

test('citizen and agent complete a first exchange', async ({ browser, served }) => {
  const citizenContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  const agent = await agentContext.newPage();

  // The citizen accepts the personal-data notice and writes.
  await citizen.goto(served.citizenUrl);
  await expect(citizen.locator('html')).toHaveAttribute('lang', 'es');
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Hola, necesito un certificado de residencia');
  await citizen.getByRole('button', { name: 'Enviar' }).click();
  await expect(citizen.getByText(/número 1 en la fila/)).toBeVisible();

  // The agent passes the equipment check and sees the chat in the queue with its waiting time.
  await agent.goto(served.workstationUrl);
  await agent.getByRole('button', { name: 'Continuar' }).click();
  const queueItem = agent.getByText('Hola, necesito un certificado de residencia');
  await expect(queueItem).toBeVisible();
  await expect(agent.getByText(/En espera \d+:\d{2}/)).toBeVisible();

  // Taking the chat fills the composer with the greeting for this time of day.
  await agent.getByRole('button', { name: 'Atender siguiente' }).click();
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  const salutation = expectedSalutation();
  await expect(composer).toHaveValue(new RegExp(`^${salutation}, soy Ana Pérez\\. .*nombre.*correo electrónico`));
  const greeting = await composer.inputValue();
  await agent.getByRole('button', { name: 'Enviar' }).click();
  await expect(composer).toHaveValue('');

  // The citizen sees the agent join and the greeting, and answers.
  const citizenLog = citizen.getByRole('log');
  await expect(citizenLog.getByText('Ana Pérez se unió al chat.')).toBeVisible();
  await expect(citizenLog.getByText(greeting)).toBeVisible();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Me llamo Carlos Ruiz y mi correo es carlos.ruiz@example.org');
  await citizen.getByRole('textbox', { name: 'Mensaje' }).press('Enter');

  // The agent sees the answer and replies with Enter.
  await expect(agent.getByRole('log').getByText('Me llamo Carlos Ruiz y mi correo es carlos.ruiz@example.org')).toBeVisible();
  await composer.fill('Gracias, señor Ruiz. ¿En qué le puedo servir?');
  await composer.press('Enter');
  await expect(citizenLog.getByText('Gracias, señor Ruiz. ¿En qué le puedo servir?')).toBeVisible();

  // The chat left the queue once taken.
  await expect(agent.getByText('No hay ciudadanos en espera.')).toBeVisible();

  await citizenContext.close();
  await agentContext.close();
});

test('serve prints exactly the two addresses', async ({ served }) => {
  expect(served.stdoutLines).toEqual([`Puesto de trabajo: ${served.workstationUrl}`, `Chat ciudadano: ${served.citizenUrl}`]);
  expect(served.workstationUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  expect(served.citizenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});
