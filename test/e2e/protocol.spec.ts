/**
 * The guided protocol panel and the live reply checker as an agent uses them
 * through `npm run serve`. Covered: every phase of a chat, phrases with blanks, the
 * time budget, findings in the composer and the Problemas panel, the pre-send
 * review with its recorded override, and the same rules as the check command.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { citizenWrites, expect, expectedSalutation, takeAndGreet, test } from './fixtures';

function phase(agent: Page, name: string) {
  return agent.getByRole('list', { name: 'Fases del protocolo' }).getByRole('listitem').filter({ hasText: name }).first();
}

/** Sends the composer's text with Enter and waits until the citizen's page shows it. */
async function sendAndSee(agent: Page, citizen: Page, expected: RegExp | string): Promise<void> {
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(citizen.getByRole('log').getByText(expected)).toBeVisible();
}

test('agent serves a chat through every phase', async ({ browser, page: agent, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Hola');
  await takeAndGreet(agent, served.workstationUrl);
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  const panel = agent.getByRole('complementary', { name: 'Protocolo' });
  await expect(phase(agent, 'Saludo')).toContainText('hecho');
  await expect(phase(agent, 'Datos del ciudadano')).toContainText('fase actual');

  // The citizen's data is found in their message; the agent confirms the name and takes the email.
  await citizen.write('Me llamo Juan Gómez, mi correo es Juan.Gomez@example.com');
  await expect(panel.getByText('Nombre detectado: Juan Gómez')).toBeVisible();
  await panel.getByRole('button', { name: 'Confirmar nombre' }).click();
  await panel.getByRole('button', { name: 'Usar este correo' }).click();
  const header = agent.locator('.chat-header');
  await expect(header).toContainText('Nombre del ciudadano: Juan Gómez');
  await expect(header).toContainText('Correo: juan.gomez@example.com');
  await expect(header).toContainText(/Tiempo: \d+:\d{2} de 10:00/);
  await expect(phase(agent, 'Datos del ciudadano')).toContainText('hecho');

  // Alt+3 inserts "¿En qué le puedo servir?" with the confirmed name.
  await composer.focus();
  await agent.keyboard.press('Alt+3');
  await expect(composer).toHaveValue('Gracias, Juan Gómez. ¿En qué le puedo servir?');
  await sendAndSee(agent, citizen.page, '¿En qué le puedo servir?');
  await expect(phase(agent, 'Necesidad')).toContainText('hecho');

  await citizen.write('Necesito un certificado de residencia. ¿Cuánto cuesta?');
  await expect(phase(agent, 'Análisis')).toContainText('fase actual');
  await panel.getByRole('button', { name: 'Se resuelve por chat' }).click();
  await expect(panel.getByText('Usted indicó que la solicitud se resuelve por chat.')).toBeVisible();

  await panel.getByRole('button', { name: 'Pedir más detalle' }).click();
  await expect(composer).toHaveValue('¿Puede por favor precisarme con más detalle su solicitud o pregunta?');
  await sendAndSee(agent, citizen.page, /precisarme con más detalle/);
  await expect(phase(agent, 'Aclaración')).toContainText('hecho');

  await citizen.write('Es para un trámite en el banco.');
  await composer.fill('El certificado de residencia no cuesta nada. Lo puede pedir en la sede principal.');
  await sendAndSee(agent, citizen.page, /no cuesta nada/);
  await expect(phase(agent, 'Respuesta')).toContainText('hecho');

  // The closing: ask, the citizen is satisfied, thanks and farewell.
  await agent.keyboard.press('Alt+7');
  await expect(composer).toHaveValue('¿Hay algo más en lo que le pueda servir?');
  await sendAndSee(agent, citizen.page, /algo más/);
  await citizen.write('No, gracias.');
  await expect(panel.getByText('El ciudadano confirmó que está conforme')).toBeVisible();
  await agent.keyboard.press('Alt+8');
  const wish = { 'Buenos días': 'Que tenga un buen día', 'Buenas tardes': 'Que tenga una buena tarde', 'Buenas noches': 'Que tenga una buena noche' }[expectedSalutation()];
  await expect(composer).toHaveValue(`Gracias por usar nuestro servicio de chat, Juan Gómez. ${wish}.`);
  await sendAndSee(agent, citizen.page, wish!);
  for (const name of ['Saludo', 'Datos del ciudadano', 'Necesidad', 'Análisis', 'Aclaración', 'Respuesta', 'Cierre']) {
    await expect(phase(agent, name)).toContainText('hecho');
  }

  await panel.getByRole('button', { name: 'Cerrar el chat y guardar la transcripción' }).click();
  await expect(panel.getByRole('status')).toContainText('La transcripción quedó guardada.');
  await expect(citizen.page.getByText('El chat terminó. Gracias por usar nuestro servicio.')).toBeVisible();
  const [file] = readdirSync(join(served.dataDir, 'transcripts'));
  const transcript = JSON.parse(readFileSync(join(served.dataDir, 'transcripts', file!), 'utf8'));
  expect(transcript.citizen).toEqual({ name: 'Juan Gómez', email: 'juan.gomez@example.com' });
  expect(transcript.analysis).toBe('fits');
  expect(transcript.messages.filter((message: { author: string }) => message.author === 'agent')).toHaveLength(6);
  expect(transcript.reviewOverrides).toEqual([]);
  await citizen.close();
});

test('phrases ask for a missing blank and never overwrite', async ({ browser, page: agent, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Buenas tardes');
  await takeAndGreet(agent, served.workstationUrl);
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await composer.fill('Con gusto.');

  // Without a confirmed name the phrase opens a prompt for it, and a bad value is rejected.
  await agent.getByRole('button', { name: 'Preguntar en qué le puede servir' }).click();
  const dialog = agent.getByRole('dialog', { name: 'Falta un dato para la frase' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Nombre del ciudadano' }).fill('123');
  await dialog.getByRole('button', { name: 'Guardar e insertar' }).click();
  await expect(dialog.getByRole('alert')).toContainText('no es válido');
  await expect(composer).toHaveValue('Con gusto.');

  await dialog.getByRole('textbox', { name: 'Nombre del ciudadano' }).fill('Luisa Ríos');
  await dialog.getByRole('button', { name: 'Guardar e insertar' }).click();
  await expect(dialog).toBeHidden();
  await expect(composer).toHaveValue('Con gusto. Gracias, Luisa Ríos. ¿En qué le puedo servir?');
  await expect(agent.getByText('Nombre del ciudadano: Luisa Ríos')).toBeVisible();

  // Too complex: the composer proposes the message with the options, after what is there.
  await agent.keyboard.press('Alt+4');
  await expect(composer).toHaveValue(/^Con gusto\. Gracias, Luisa Ríos\. ¿En qué le puedo servir\? Su solicitud requiere un análisis .*radicar una PQRSD en línea.*línea telefónica.*atención presencial.*correo electrónico/);
  await expect(agent.getByText('Usted indicó que la solicitud es demasiado compleja para el chat.')).toBeVisible();

  // The palette lists the protocol's commands with their keys.
  await agent.keyboard.press('F1');
  const palette = agent.getByRole('dialog', { name: 'Paleta de comandos' });
  await palette.getByRole('combobox').fill('protocolo');
  await expect(palette.getByRole('option', { name: /Insertar el saludo institucional/ })).toContainText('Alt+1');
  await expect(palette.getByRole('option', { name: /Agradecer y despedirse/ })).toContainText('Alt+8');
  await agent.keyboard.press('Escape');
  await citizen.close();
});

test('time budget proposes the extra time notice', async ({ browser, page: agent, served }) => {
  await agent.clock.install();
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Mi correo es ana.ruiz@example.com');
  await takeAndGreet(agent, served.workstationUrl);
  await agent.getByRole('button', { name: 'Usar este correo' }).click();
  await expect(agent.getByText(/Tiempo: 0:\d{2} de 10:00/)).toBeVisible();
  await expect(agent.getByText(/Lleva el \d+ % del tiempo/)).toBeHidden();

  // Eight and a half minutes later the composer proposes the notice.
  await agent.clock.fastForward('08:30');
  const proposal = agent.getByRole('status').filter({ hasText: /Lleva el 8\d % del tiempo del chat/ });
  await expect(proposal).toBeVisible();
  await proposal.getByRole('button', { name: 'Insertar el aviso de tiempo adicional' }).click();
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  await expect(composer).toHaveValue(/^Para dar respuesta a su solicitud, se requiere de tiempo adicional\./);
  await sendAndSee(agent, citizen.page, /tiempo adicional/);

  // The citizen agrees; the agent marks the email follow-up with the agreed address.
  await citizen.write('Sí, de acuerdo.');
  const address = agent.getByRole('textbox', { name: 'Correo acordado con el ciudadano' });
  await expect(address).toHaveValue('ana.ruiz@example.com');
  await agent.getByRole('button', { name: 'Marcar seguimiento por correo' }).click();
  await expect(agent.getByText('Seguimiento por correo a ana.ruiz@example.com')).toBeVisible();
  await citizen.close();
});

test('checker catches a faulty reply live and on send', async ({ browser, page: agent, served }) => {
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Hola');
  await takeAndGreet(agent, served.workstationUrl);
  const composer = agent.getByRole('textbox', { name: 'Respuesta' });
  const problems = agent.getByRole('region', { name: 'Problemas' });

  // Typing is checked live: the Problemas panel lists the findings and the composer underlines them.
  await composer.pressSequentially('Hola!! :)');
  await expect(problems.getByText('No use signos de admiración en la respuesta.')).toBeVisible();
  await expect(problems.getByText('Quite la carita «:)». Una respuesta formal no usa emoticones.')).toBeVisible();
  const marks = agent.locator('.composer__backdrop .finding-mark');
  await expect(marks).toHaveCount(2);
  const composerRules = (await marks.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-rule')))).sort();

  // The check command finds the same rules in the same text.
  const folder = mkdtempSync(join(tmpdir(), 'atiende-check-'));
  try {
    const file = join(folder, 'respuesta.txt');
    writeFileSync(file, await composer.inputValue());
    let output = '';
    try {
      execFileSync(process.execPath, ['dist/node/cli.js', 'check', file], { encoding: 'utf8' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const commandRules = output.trim().split('\n').map((line) => JSON.parse(line).rule).sort();
    expect(commandRules).toEqual(composerRules);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // A fix applies with one click.
  await problems.getByRole('button', { name: 'Cambiar por punto' }).click();
  await expect(composer).toHaveValue('Hola. :)');
  await expect(problems.getByText('No use signos de admiración en la respuesta.')).toBeHidden();

  // Sending opens the pre-send review; "Corregir" goes back to the composer with the text kept.
  await composer.press('Enter');
  const review = agent.getByRole('dialog', { name: 'Revisión antes de enviar' });
  await expect(review).toBeVisible();
  await expect(review.getByRole('region', { name: 'Redacción' })).toContainText('Quite la carita');
  await expect(review.getByText(/Legibilidad: -?\d+/)).toBeVisible();
  await review.getByRole('button', { name: 'Corregir' }).click();
  await expect(review).toBeHidden();
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue('Hola. :)');

  // "Enviar de todos modos" sends, and the override is recorded with the chat.
  await agent.getByRole('button', { name: 'Enviar', exact: true }).click();
  await review.getByRole('button', { name: 'Enviar de todos modos' }).click();
  await expect(citizen.page.getByRole('log').getByText('Hola. :)')).toBeVisible();
  await expect(composer).toHaveValue('');

  await agent.keyboard.press('F1');
  await agent.getByRole('combobox', { name: 'Filtrar comandos' }).fill('cerrar el chat');
  await agent.keyboard.press('Enter');
  // The closing phase is not done, so closing asks first.
  await agent.getByRole('dialog', { name: '¿Cerrar el chat sin terminar el cierre?' }).getByRole('button', { name: 'Cerrar de todos modos' }).click();
  await expect(agent.getByText(/La transcripción quedó guardada/)).toBeVisible();
  const [file] = readdirSync(join(served.dataDir, 'transcripts'));
  const transcript = JSON.parse(readFileSync(join(served.dataDir, 'transcripts', file!), 'utf8'));
  const sent = transcript.messages.find((message: { text: string }) => message.text === 'Hola. :)');
  expect(transcript.reviewOverrides).toEqual([{ at: expect.any(Number), messageSeq: sent.seq, rules: ['emoticon'] }]);
  await citizen.close();
});

test('word list loads behind the token', async ({ browser, page: agent, request, served }) => {
  // Without the token the host refuses the word list, as it refuses every file.
  const origin = new URL(served.workstationUrl).origin;
  expect((await request.get(`${origin}/spelling/es-words.txt`)).status()).toBe(403);

  // With it, the composer's worker loads the list and checks spelling.
  const citizen = await citizenWrites(browser, served.citizenUrl, 'Hola');
  await takeAndGreet(agent, served.workstationUrl);
  await agent.getByRole('textbox', { name: 'Respuesta', exact: true }).fill('Traiga su cédula de ciudadania.');
  const problems = agent.getByRole('region', { name: 'Problemas' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'ciudadanía' })).toBeVisible();
  await expect(agent.locator('.composer__backdrop .finding-mark[data-rule="spelling"]')).toHaveText('ciudadania');
  await citizen.close();
});
