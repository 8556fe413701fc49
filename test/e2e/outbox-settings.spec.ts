/**
 * The Bandeja de salida follows the entity settings while serve runs: IT adds
 * smtp to the settings file, and the "no server" notice goes away without a reload.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { passSelfTest, startServe, test } from './fixtures';

function writeSettings(dataDir: string, smtp?: Record<string, unknown>): void {
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  writeFileSync(join(dataDir, 'settings', 'entidad.json'), JSON.stringify({ entityName: 'Alcaldía de Prueba', ...(smtp ? { smtp } : {}) }));
}

test('outbox notice follows the settings file', async ({ page: agent }) => {
  const served = await startServe({ agent: 'Ana Pérez' });
  try {
    writeSettings(served.dataDir);
    await agent.goto(served.workstationUrl);
    await passSelfTest(agent);
    await agent.getByRole('button', { name: 'Bandeja de salida' }).click();
    const notice = agent.getByText('No hay un servidor de correo configurado.');
    await expect(notice).toBeVisible();

    // A server on a closed loopback port is enough: the notice is about the settings, not about delivery.
    writeSettings(served.dataDir, { host: '127.0.0.1', port: 9, from: 'Chat <chat@alcaldia.example>', connectionTimeoutMs: 1000 });

    await expect(notice).toBeHidden({ timeout: 10_000 });
  } finally {
    await served.stop();
  }
});
