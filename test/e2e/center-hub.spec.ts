/**
 * A citizen-service center as IT staff set it up: `atiende hub` with agent accounts,
 * two workstations from `atiende serve` pointed at it (one given its token file, one
 * logging in from the workbench), the citizen widget, and a loopback SMTP server.
 * A citizen leaves a request by email while no agent is available, another is
 * served and transferred with a note to a colleague picked from the hub's list of
 * available agents, and the request is answered by email and leaves both lists.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { TestSmtpServer } from '../integration/outbox/smtp-test-server';
import { startHubProcess } from '../support/hub-process';
import { seriousViolations } from './axe';
import { expect, passSelfTest, startServe, test } from './fixtures';

const ANA = 'Ana Pérez';
const BEATRIZ = 'Beatriz Gómez';
const NOTE = 'Pide el certificado de estratificación; ya confirmó su dirección.';
const REQUEST = 'Quisiera saber qué documentos necesito para la licencia de construcción.';

/** Runs `atiende hub add-agent` and returns the token it printed on its last line. */
function addAgent(settingsPath: string, name: string): string {
  const run = spawnSync(process.execPath, ['dist/node/cli.js', 'hub', 'add-agent', '--settings', settingsPath, '--name', name], { encoding: 'utf8', timeout: 20_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split('\n').at(-1)!;
}

/** Asserts axe finds no serious or critical WCAG 2.1 AA violation in the part of the page the selector names. */
async function expectAccessible(page: Page, selector: string, label: string): Promise<void> {
  expect(await seriousViolations(page, selector), label).toEqual([]);
}

test('a center logs in, transfers a chat and answers a request by email', async ({ browser }) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'atiende-center-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    // IT staff: the hub's accounts, the hub, an SMTP server, and each agent's settings.
    const hubSettings = join(folder, 'hub.json');
    writeFileSync(hubSettings, '{}');
    const anaToken = addAgent(hubSettings, ANA);
    const beatrizToken = addAgent(hubSettings, BEATRIZ);
    const hub = await startHubProcess(hubSettings, join(folder, 'datos-hub'));
    stops.push(() => hub.stop());
    const hubUrl = hub.agentWsUrl;

    const smtp = new TestSmtpServer();
    const smtpPort = await smtp.start();
    stops.push(() => smtp.stop());
    const settingsFor = (name: string) => {
      const path = join(folder, `entidad-${name}.json`);
      writeFileSync(path, JSON.stringify({ entityName: 'Alcaldía de Prueba', hubUrl, smtp: { host: '127.0.0.1', port: smtpPort, from: 'Alcaldía <chat@alcaldia.gov.co>', pool: false } }));
      return path;
    };
    const anaTokenFile = join(folder, 'token-ana');
    writeFileSync(anaTokenFile, `${anaToken}\n`);
    chmodSync(anaTokenFile, 0o600);

    const anaServe = await startServe({ agent: ANA, args: ['--settings', settingsFor('ana'), '--hub-token-file', anaTokenFile] });
    stops.push(() => anaServe.stop());
    const beatrizServe = await startServe({ agent: BEATRIZ, args: ['--settings', settingsFor('beatriz')] });
    stops.push(() => beatrizServe.stop());

    const ana = await (await browser.newContext()).newPage();
    const beatriz = await (await browser.newContext()).newPage();
    const firstCitizen = await (await browser.newContext()).newPage();
    const secondCitizen = await (await browser.newContext()).newPage();

    // No agent is available yet, so the first citizen leaves the request by email.
    await firstCitizen.goto(hub.citizenUrl);
    await firstCitizen.getByRole('button', { name: 'Acepto' }).click();
    await expect(firstCitizen.getByText('En este momento no hay agentes disponibles.', { exact: false })).toBeVisible();
    await firstCitizen.getByRole('button', { name: 'Dejar la solicitud por correo' }).click();
    await firstCitizen.getByLabel('Correo electrónico').fill('lucia.mora@example.org');
    await firstCitizen.getByLabel('Su solicitud').fill(REQUEST);
    await firstCitizen.getByRole('button', { name: 'Enviar solicitud' }).click();
    await expect(firstCitizen.getByText('Recibimos su solicitud. Le responderemos al correo lucia.mora@example.org.')).toBeVisible();

    // Ana came with her token file.
    await ana.goto(anaServe.workstationUrl);
    await passSelfTest(ana);

    // A second citizen is served by Ana. Beatriz is not connected yet, so the transfer dialog has nobody to propose.
    await secondCitizen.goto(hub.citizenUrl);
    await secondCitizen.getByRole('button', { name: 'Acepto' }).click();
    await secondCitizen.getByRole('textbox', { name: 'Mensaje' }).fill('Buenas tardes, necesito un certificado de estratificación.');
    await secondCitizen.getByRole('button', { name: 'Enviar' }).click();
    await ana.getByRole('button', { name: 'Atender siguiente' }).click();
    await ana.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(secondCitizen.getByRole('log').getByText('Ana Pérez se unió al chat.')).toBeVisible();

    await ana.getByRole('button', { name: 'Transferir' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Transferir el chat' });
    await expect(dialog.getByText('Ningún colega está disponible ahora', { exact: false })).toBeVisible();

    // Beatriz has no token file, so her workbench asks for it.
    await beatriz.goto(beatrizServe.workstationUrl);
    const login = beatriz.getByRole('alert').filter({ hasText: 'El hub no admitió su sesión.' });
    await expect(login).toContainText(`El hub ${hubUrl} pide el token del agente de «${BEATRIZ}».`);
    await expectAccessible(beatriz, '.hub-login', 'hub login banner');
    await beatriz.getByLabel('Token del agente').fill('token-equivocado');
    await beatriz.getByRole('button', { name: 'Conectar' }).click();
    await expect(login).toContainText(`El hub ${hubUrl} rechazó el token del agente de «${BEATRIZ}».`);
    await beatriz.getByLabel('Token del agente').fill(beatrizToken);
    await beatriz.getByRole('button', { name: 'Conectar' }).click();
    await expect(beatriz.getByText('Hub conectado')).toBeVisible();
    await expect(beatriz.getByLabel('Token del agente')).toHaveCount(0);
    await passSelfTest(beatriz);

    // Once Beatriz is available, Ana's open dialog lists her; Ana picks her and writes the note.
    const colleague = dialog.getByRole('radio', { name: `${BEATRIZ}, con 0 de 5 chats` });
    await expect(colleague).toBeVisible({ timeout: 10_000 });
    await expect(dialog.getByText('Ningún colega está disponible ahora', { exact: false })).toHaveCount(0);
    await colleague.check();
    await expect(dialog.getByLabel('Agente que recibe el chat')).toHaveValue(BEATRIZ);
    await dialog.getByRole('button', { name: 'Transferir' }).click();
    await expect(dialog.getByText('Escriba una nota para el agente que recibe el chat.')).toBeVisible();
    await expectAccessible(ana, '.transfer-dialog', 'transfer dialog');
    await dialog.getByLabel('Nota para el agente').fill(NOTE);
    await dialog.getByRole('button', { name: 'Transferir' }).click();
    await expect(ana.getByText(`El chat se transfirió a ${BEATRIZ}.`)).toBeVisible();
    await expect(ana.getByRole('tab')).toHaveCount(0);

    await expect(beatriz.getByText(`Chat transferido por ${ANA}. Nota: ${NOTE}`)).toBeVisible();
    await expectAccessible(beatriz, '.transfer-bar', 'transfer bar');
    await expect(secondCitizen.getByRole('log').getByText(`Su conversación pasó a ${BEATRIZ}, que continuará la atención.`)).toBeVisible();
    await beatriz.getByRole('textbox', { name: 'Respuesta' }).fill('Buenas tardes, soy Beatriz Gómez y continúo con su solicitud.');
    await beatriz.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(secondCitizen.getByRole('log').getByText('Buenas tardes, soy Beatriz Gómez y continúo con su solicitud.')).toBeVisible();

    // Ana answers the request left by email.
    await ana.getByRole('button', { name: 'Solicitudes por correo' }).first().click();
    const request = ana.getByRole('listitem', { name: /Solicitud de lucia\.mora@example\.org/ });
    await expect(request.getByText(REQUEST)).toBeVisible();
    await request.getByRole('button', { name: 'Responder' }).click();
    await expect(request.getByLabel('Correo del ciudadano')).toHaveValue('lucia.mora@example.org');
    await expectAccessible(ana, '.follow-ups', 'requests by email');
    await request.getByLabel('Respuesta por correo').fill('Buenas tardes. Necesita el formulario único, el certificado de tradición y los planos firmados.');
    await request.getByRole('button', { name: 'Enviar por correo' }).click();
    // The pre-send review may stop the answer; the agent then sends it knowingly.
    const review = ana.getByRole('dialog', { name: 'Revisión antes de enviar' });
    // The notice stays in the view after the request left the list.
    const queued = ana.getByText('La respuesta quedó en la bandeja de salida para lucia.mora@example.org.');
    await expect(review.or(queued)).toBeVisible();
    if (await review.isVisible()) await review.getByRole('button', { name: 'Enviar de todos modos' }).click();
    await expect(queued).toBeVisible();

    // The hub recorded the request as done, so it leaves Ana's list and Beatriz's.
    await expect(request).toHaveCount(0);
    await expect(ana.getByText('No hay solicitudes por correo.')).toBeVisible();
    await beatriz.getByRole('button', { name: 'Solicitudes por correo' }).first().click();
    await expect(beatriz.getByText('No hay solicitudes por correo.')).toBeVisible();

    await smtp.waitForCount(1, 15_000);
    expect(smtp.received[0]!.to).toEqual(['lucia.mora@example.org']);
    expect(smtp.received[0]!.text).toContain(REQUEST);
    expect(smtp.received[0]!.text).toContain('planos firmados');
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
