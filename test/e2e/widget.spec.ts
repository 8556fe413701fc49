// The citizen widget in Chromium against `atiende serve`: the wait it shows, and a request left by email when no agent can serve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
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

test('widget shows the estimated wait and the agent who joins', async ({ browser, served }) => {
  // An agent client of its own on the embedded hub, which admits agents from loopback without a token.
  const hubUrl = new URL(served.citizenUrl);
  const agent = new WebSocket(`ws://${hubUrl.host}/ws/agent`);
  const agentFrames: Array<{ type: string }> = [];
  agent.on('message', (data) => agentFrames.push(JSON.parse(String(data)) as { type: string }));
  await new Promise<void>((resolve, reject) => {
    agent.once('open', () => resolve());
    agent.once('error', reject);
  });
  agent.send(JSON.stringify({ type: 'hello', v: 1, agentName: 'Luis Rodríguez', availability: 'available' }));
  await expect.poll(() => agentFrames.some((frame) => frame.type === 'welcome')).toBe(true);

  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto(served.citizenUrl);
  await citizen.getByRole('button', { name: 'Acepto' }).click();
  // One available agent with five chats at a time and no chat measured yet: the default of five minutes.
  await expect(citizen.getByText('Usted es el número 1 en la fila. Tiempo de espera estimado: 5 min, según la duración de los chats recientes.')).toBeVisible();
  await expect(citizen.getByRole('button', { name: 'Dejar la solicitud por correo' })).toBeHidden();

  agent.send(JSON.stringify({ type: 'take-next', id: 't1' }));
  await expect(citizen.getByRole('log').getByText('Luis Rodríguez se unió al chat.')).toBeVisible();
  agent.close();
  await context.close();
});
