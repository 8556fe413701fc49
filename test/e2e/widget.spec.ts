// The citizen widget in Chromium against `atiende serve`: when no agent can answer, the citizen leaves the request by email.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('widget takes a request by email when no agent is available', async ({ browser, served }) => {
  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto(served.citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Necesito el certificado de estratificación');
  await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();

  // The workstation's agent is paused until the self-test, so no agent is available.
  await expect(citizen.getByText(/no hay agentes disponibles/)).toBeVisible();
  await citizen.getByRole('button', { name: 'Dejar la solicitud por correo' }).click();
  await expect(citizen.getByRole('textbox', { name: 'Su solicitud' })).toHaveValue('Necesito el certificado de estratificación');

  await citizen.getByRole('textbox', { name: 'Correo electrónico' }).fill('no-es-correo');
  await citizen.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(citizen.getByRole('alert')).toHaveText('El correo electrónico no es válido. Revíselo e intente de nuevo.');

  await citizen.getByRole('textbox', { name: 'Correo electrónico' }).fill('laura.mejia@example.org');
  await citizen.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(citizen.getByRole('log').getByText('Recibimos su solicitud. Le responderemos al correo laura.mejia@example.org.')).toBeVisible();
  await expect(citizen.getByText('El chat terminó. Gracias por usar nuestro servicio.')).toBeVisible();

  const stored = readFileSync(join(served.dataDir, 'hub', 'follow-ups.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { email: string; text: string; service: string });
  expect(stored).toEqual([expect.objectContaining({ email: 'laura.mejia@example.org', text: 'Necesito el certificado de estratificación', service: 'no-agents' })]);
  await context.close();
});
