/**
 * The first exchange in the desktop app. It runs only where the Electron binary is
 * installed; elsewhere it is skipped with the reason, because the binary cannot be
 * downloaded on machines without internet access.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../main/electron/binary';
import { expectedSalutation } from '../e2e/fixtures';

const binary = findElectronBinary();
const SKIP_REASON = 'Electron binary not installed (node_modules/electron/dist is missing and this machine cannot download it); the browser-host specs cover the same flow.';

test.skip(!binary, SKIP_REASON);
if (!binary) console.log(`Skipped the Electron spec: ${SKIP_REASON}`);

test('desktop app serves a first exchange', async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['dist/electron/main.cjs', '--agent', 'Ana Pérez'],
    env: { ...process.env, ATIENDE_DATA_DIR: dataDir, ATIENDE_HUB_PORT: '0' },
  });

  try {
    const citizenUrl = await new Promise<string>((resolve) => {
      app.process().stdout!.on('data', (chunk) => {
        const match = /Chat ciudadano: (\S+)/.exec(String(chunk));
        if (match) resolve(match[1]!);
      });
    });
    const window = await app.firstWindow();

    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(citizenUrl);
    await citizen.getByRole('button', { name: 'Acepto' }).click();
    await citizen.getByRole('textbox', { name: 'Mensaje' }).fill('Hola, necesito un certificado de residencia');
    await citizen.getByRole('button', { name: 'Enviar' }).click();

    await window.getByRole('button', { name: 'Continuar' }).click();
    await expect(window.getByText('Hola, necesito un certificado de residencia')).toBeVisible();
    await window.getByRole('button', { name: 'Atender siguiente' }).click();
    const composer = window.getByRole('textbox', { name: 'Respuesta' });
    await expect(composer).toHaveValue(new RegExp(`^(${expectedSalutation()}|Buen[oa]s \\w+), soy Ana Pérez\\.`));
    await window.getByRole('button', { name: 'Enviar' }).click();
    await expect(citizen.getByText(/soy Ana Pérez/)).toBeVisible();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
