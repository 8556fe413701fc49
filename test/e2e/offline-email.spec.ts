/**
 * A cut chat answered by email, as an agent does it through `npm run serve`: the
 * citizen writes an address and closes the widget page mid-chat, the chat shows
 * "Cortado", the composer proposes that address, the agent finishes the answer and
 * sends it despite the pre-send review while the SMTP server is down, sees it pending
 * in the Bandeja de salida and the status bar, closes the chat, restarts the
 * workstation, and "Reintentar ahora" delivers it exactly once once the server is
 * back. The hub runs as its own process with a short cut delay, and both settings
 * files are written before the processes start. Screenshots at 1366x800 go to the
 * test's output folder. A second test stops the hub mid-chat: the editor says
 * "Sin conexión", the reply waits in the send queue, and it reaches the citizen once
 * when the hub is back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { closedPort, TestSmtpServer } from '../integration/outbox/smtp-test-server';
import { startHubProcess } from '../support/hub-process';
import { expect, passSelfTest, startServe, tabTo, takeAndGreet, test, writeEntitySettings } from './fixtures';

// A common laptop screen, at which the email mode and the Bandeja de salida must stay readable.
test.use({ viewport: { width: 1366, height: 800 } });

/**
 * Opens the widget as a citizen who writes `text`, then, as the agent, gets past the
 * self-test, takes the chat and sends the greeting.
 */
async function startChat(browser: Browser, agent: Page, citizenUrl: string, workstationUrl: string, text: string) {
  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  await citizen.goto(citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill(text);
  await citizen.getByRole('button', { name: 'Enviar' }).click();

  const composer = await takeAndGreet(agent, workstationUrl);
  return { citizenContext, citizen, composer };
}

test('cut chat answered by email once', async ({ browser, page: agent }, testInfo) => {
  test.setTimeout(150_000);
  const root = mkdtempSync(join(tmpdir(), 'atiende-e2e-offline-'));
  const smtpPort = await closedPort();
  const smtp = new TestSmtpServer();
  smtp.port = smtpPort;

  const hubSettings = join(root, 'hub.json');
  writeFileSync(hubSettings, JSON.stringify({ presence: { citizenCutMs: 1000 } }));
  const hub = await startHubProcess(hubSettings, join(root, 'hub-data'));

  const dataDir = join(root, 'workstation');
  // A long first retry delay, so only "Reintentar ahora" can send the message during the test.
  writeEntitySettings(dataDir, hub.agentWsUrl, { smtp: { host: '127.0.0.1', port: smtpPort, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false, retryBaseMs: 600_000, connectionTimeoutMs: 3000 } });
  let served = await startServe({ agent: 'Ana Pérez', dataDir });
  const screenshot = (name: string) => agent.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  try {
    const firstMessage = 'Soy Juan Gómez, mi correo es Juan.Gomez@Example.com. Necesito el certificado de residencia <urgente>.';
    const { citizen, composer } = await startChat(browser, agent, hub.citizenUrl, served.workstationUrl, firstMessage);

    // The citizen closes the widget page mid-chat; the agent starts the answer meanwhile.
    await composer.fill('Con gusto le informo que el certificado');
    await citizen.close();
    await expect(agent.locator('.chat-header')).toContainText('Cortado');

    // The draft is kept, the composer now prepares an email, and the address the citizen wrote is proposed.
    await expect(composer).toHaveValue('Con gusto le informo que el certificado');
    const address = agent.getByRole('textbox', { name: 'Correo del ciudadano' });
    await expect(address).toHaveValue('juan.gomez@example.com');

    // The proposal stays editable, and an invalid address is named in Spanish.
    await address.fill('juan.gomez@');
    await expect(agent.getByText('La dirección de correo «juan.gomez@» no es válida.', { exact: false })).toBeVisible();
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await address.fill('juan.gomez@example.com');
    await expect(address).toHaveAttribute('aria-invalid', 'false');

    // Keyboard focus on the address field is visible.
    await address.focus();
    await expect(address).not.toHaveCSS('outline-style', 'none');
    await expect(address).not.toHaveCSS('outline-width', '0px');

    // The answer breaks a rule: the pre-send review stops it, and the agent sends it anyway.
    const answer = 'Con gusto le informo que el certificado se pide en la sede principal. El trámite no tiene costo!!';
    await composer.fill(answer);
    await screenshot('email-mode');
    await agent.getByRole('button', { name: 'Enviar por correo' }).click();
    const review = agent.getByRole('dialog', { name: 'Revisión antes de enviar' });
    await expect(review).toBeVisible();
    await review.getByRole('button', { name: 'Enviar de todos modos' }).click();
    await expect(agent.getByText('La respuesta quedó en la bandeja de salida para juan.gomez@example.com.')).toBeVisible();
    await expect(composer).toHaveValue('');

    // The server is down: the message waits, with its reason, in the Bandeja de salida and in the status bar.
    const outboxButton = agent.getByRole('button', { name: 'Bandeja de salida' });
    await outboxButton.click();
    const row = agent.locator('.outbox__row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('juan.gomez@example.com');
    await expect(row).toContainText('Pendiente');
    await expect(row).toContainText('No se pudo conectar con el servidor de correo');
    await expect(agent.locator('.status-bar__outbox')).toHaveText('Correos: 1 pendiente, 0 fallidos');
    await screenshot('outbox-pending');

    // Closing the chat stores the transcript, which names the email sent despite the review.
    await agent.getByRole('button', { name: 'Chats' }).click();
    await expect(agent.getByText('Respondido por correo')).toBeVisible();
    await agent.keyboard.press('F1');
    await agent.getByRole('combobox', { name: 'Filtrar comandos' }).fill('cerrar el chat');
    await agent.keyboard.press('Enter');
    await expect(agent.getByText(/La transcripción quedó guardada/)).toBeVisible();
    const [file] = readdirSync(join(dataDir, 'transcripts'));
    const transcript = JSON.parse(readFileSync(join(dataDir, 'transcripts', file!), 'utf8'));
    const [emailAnswer] = transcript.emailAnswers;
    expect(transcript.reviewOverrides).toEqual([{ at: emailAnswer.at, outboxId: emailAnswer.outboxId, messageId: expect.any(String), rules: expect.arrayContaining(['exclamation']) }]);

    // The workstation restarts: the message is still queued, and no draft file is left behind.
    await served.stop();
    served = await startServe({ agent: 'Ana Pérez', dataDir });
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    await agent.getByRole('button', { name: 'Bandeja de salida' }).click();
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Pendiente');
    await expect(agent.locator('.status-bar__outbox')).toHaveText('Correos: 1 pendiente, 0 fallidos');
    expect(readdirSync(join(dataDir, 'drafts')).filter((name) => name.endsWith('.json'))).toEqual([]);

    // "Probar conexión" in the settings explains the failure, and passes once the server is back.
    await agent.getByRole('button', { name: 'Configuración' }).click();
    await agent.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(agent.getByText(/El servidor de correo 127\.0\.0\.1 no respondió correctamente/)).toBeVisible();
    await smtp.start();
    await agent.getByRole('button', { name: 'Probar conexión' }).click();
    await expect(agent.getByText('El servidor de correo 127.0.0.1 aceptó la conexión.')).toBeVisible();
    await expect(agent.getByText(/Conexión segura: STARTTLS si el servidor lo ofrece\. Usuario: sin usuario\./)).toBeVisible();
    expect(smtp.received).toHaveLength(0);

    // "Reintentar ahora", reached with the keyboard, delivers the message.
    await agent.getByRole('button', { name: 'Bandeja de salida' }).click();
    const retry = row.getByRole('button', { name: /Reintentar ahora/ });
    await tabTo(agent, retry);
    await expect(retry).not.toHaveCSS('outline-style', 'none');
    await expect(retry).not.toHaveCSS('outline-width', '0px');
    await screenshot('outbox-retry-focused');
    await agent.keyboard.press('Enter');
    await expect(row).toContainText('Enviado');
    await smtp.waitForCount(1, 10_000);
    await expect(agent.locator('.status-bar__outbox')).toHaveText('Correos: 0 pendientes, 0 fallidos');
    await screenshot('outbox-sent');

    // Exactly once, as mailparser reads it: HTML and text parts with the answer, the signature and the escaped transcript.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(['juan.gomez@example.com']);
    expect(mail!.subject).toBe('Respuesta a su consulta en el chat de Alcaldía de Prueba');
    expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail!.text).toContain('El trámite no tiene costo!!');
    expect(mail!.text).toContain('Cordialmente,\nAna Pérez\nAlcaldía de Prueba');
    expect(mail!.text).toContain('-- Transcripción del chat --');
    expect(mail!.text).toContain(`Ciudadano o ciudadana: ${firstMessage}`);
    expect(mail!.html).toContain('El trámite no tiene costo!!');
    expect(mail!.html).toContain('Cordialmente,<br>\nAna Pérez<br>\nAlcaldía de Prueba');
    expect(mail!.html).toContain('Necesito el certificado de residencia &lt;urgente&gt;.');
    expect(mail!.html).not.toContain('<urgente>');
    expect(mail!.messageId).toBe(transcript.reviewOverrides[0].messageId);
  } finally {
    await served.stop();
    await hub.stop();
    await smtp.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('chat the citizen ends goes by email', async ({ browser, page: agent }) => {
  const root = mkdtempSync(join(tmpdir(), 'atiende-e2e-offline-'));
  const smtp = new TestSmtpServer();
  await smtp.start();
  const hubSettings = join(root, 'hub.json');
  writeFileSync(hubSettings, JSON.stringify({}));
  const hub = await startHubProcess(hubSettings, join(root, 'hub-data'));

  const dataDir = join(root, 'workstation');
  writeEntitySettings(dataDir, hub.agentWsUrl, { smtp: { host: '127.0.0.1', port: smtp.port, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false, connectionTimeoutMs: 3000 } });
  const served = await startServe({ agent: 'Ana Pérez', dataDir });

  try {
    const { citizen, composer } = await startChat(browser, agent, hub.citizenUrl, served.workstationUrl, 'Soy Marta Gómez, marta.gomez@example.org. Necesito un paz y salvo.');
    await composer.fill('Le confirmo que');

    // The citizen ends the chat in the widget: it is cut at once, and the composer keeps the draft in email mode.
    await citizen.getByRole('button', { name: 'Terminar el chat' }).click();
    await expect(agent.locator('.chat-header')).toContainText('Cortado');
    await expect(composer).toHaveValue('Le confirmo que');
    await expect(agent.getByRole('textbox', { name: 'Correo del ciudadano' })).toHaveValue('marta.gomez@example.org');

    await composer.fill('Le confirmo que el paz y salvo se expide en la sede principal.');
    await agent.getByRole('button', { name: 'Enviar por correo' }).click();
    await expect(agent.getByText('La respuesta quedó en la bandeja de salida para marta.gomez@example.org.')).toBeVisible();
    await smtp.waitForCount(1, 10_000);

    // Delivered once, and the chat stays cut with the agent until the agent closes it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.map((mail) => mail.to)).toEqual([['marta.gomez@example.org']]);
    expect(smtp.received[0]!.text).toContain('Le confirmo que el paz y salvo se expide en la sede principal.');
    await expect(agent.locator('.chat-header')).toContainText('Cortado');
    await expect(agent.getByText('Respondido por correo')).toBeVisible();
  } finally {
    await served.stop();
    await hub.stop();
    await smtp.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('replies wait for the hub and go once', async ({ browser, page: agent }) => {
  const root = mkdtempSync(join(tmpdir(), 'atiende-e2e-offline-'));
  const hubSettings = join(root, 'hub.json');
  const hubData = join(root, 'hub-data');
  writeFileSync(hubSettings, JSON.stringify({}));
  let hub = await startHubProcess(hubSettings, hubData);
  const hubPort = Number(new URL(hub.citizenUrl).port);

  const dataDir = join(root, 'workstation');
  writeEntitySettings(dataDir, hub.agentWsUrl);
  const served = await startServe({ agent: 'Ana Pérez', dataDir });

  try {
    const { citizen, composer } = await startChat(browser, agent, hub.citizenUrl, served.workstationUrl, 'Hola, necesito ayuda.');

    // The hub goes down: the editor says so, the draft stays editable, and the reply waits.
    await hub.stop();
    await expect(agent.getByText('Sin conexión.')).toBeVisible({ timeout: 20_000 });
    await composer.fill('Con gusto le ayudo con su solicitud.');
    await composer.press('Enter');
    await expect(composer).toHaveValue('');
    await expect(agent.getByText('En cola: 1 mensaje espera la conexión.')).toBeVisible();

    // The hub comes back with its journal: the reply is delivered once, and the agent is told.
    hub = await startHubProcess(hubSettings, hubData, hubPort);
    await expect(agent.getByText('Se entregó 1 mensaje.')).toBeVisible({ timeout: 20_000 });
    await expect(citizen.getByRole('log').getByText('Con gusto le ayudo con su solicitud.')).toHaveCount(1, { timeout: 20_000 });
    await expect(agent.getByRole('log').getByText('Con gusto le ayudo con su solicitud.')).toHaveCount(1);
  } finally {
    await served.stop();
    await hub.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
