/**
 * Files of the institutional material that could not be indexed, end to end: the
 * side panel beside the open chat shows how many there are and leads, by keyboard,
 * to their list in the "Base de conocimiento" view, while the good article stays
 * searchable. A bad file dropped into the folder later is counted without a restart.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentTakesNextChat, citizenWrites, expect, startServe, test } from './fixtures';

test('side panel leads to skipped files', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'atiende-e2e-kb-problems-'));
  const dataDir = join(root, 'data');
  const folder = join(root, 'material');
  mkdirSync(join(dataDir, 'settings'), { recursive: true });
  mkdirSync(folder);
  writeFileSync(join(dataDir, 'settings', 'entidad.json'), JSON.stringify({ entityName: 'Alcaldía de Ejemplo', knowledgeBase: { folder } }));
  writeFileSync(join(folder, 'certificado-de-residencia.md'), '---\ntitle: Certificado de residencia\nupdated: 2026-09-15\n---\n\nEl certificado de residencia se expide en cinco días hábiles.\n');
  writeFileSync(join(folder, 'basura.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
  writeFileSync(join(folder, 'horarios.md'), '---\ntitle: Horarios\nupdated: [2026\n---\n\nLas sedes atienden de lunes a viernes.\n');

  const served = await startServe({ agent: 'Ana Pérez', dataDir });
  const citizen = await citizenWrites(browser, served.citizenUrl, 'cuanto demora el sertificado de residensia');
  const { page: agent, close: closeAgent } = await agentTakesNextChat(browser, served.workstationUrl);
  try {

    // Beside the chat, the panel counts the two bad files and still suggests the good article.
    const panel = agent.getByRole('complementary', { name: 'Base de conocimiento del chat abierto' });
    await expect(panel.getByText('Archivos con problemas: 2. Se omitieron o se indexaron en parte.')).toBeVisible();
    await expect(panel.getByRole('list', { name: 'Artículos sugeridos' }).getByRole('button').first()).toContainText('Certificado de residencia');

    // The notice passes axe's WCAG A and AA rules, and its link shows the focus ring.
    const axe = await new AxeBuilder({ page: agent }).include('.kb-side').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    const link = panel.getByRole('button', { name: 'Ver la lista' });
    await link.focus();
    await agent.keyboard.press('Shift+Tab');
    await agent.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await expect(link).not.toHaveCSS('outline-style', 'none');

    // The link works from the keyboard and lands on the list's heading in the full view.
    await agent.keyboard.press('Enter');
    const heading = agent.getByRole('heading', { name: 'Archivos con problemas (2)', level: 2 });
    await expect(heading).toBeFocused();
    await expect(agent.getByRole('heading', { name: 'Base de conocimiento', level: 1 })).toBeVisible();
    await expect(agent.getByText(/^basura\.txt: El archivo no es texto en UTF-8/)).toBeVisible();
    await expect(agent.getByText(/^horarios\.md: El encabezado del artículo \(front matter\) no es válido/)).toBeVisible();

    // A bad file dropped in while the workstation runs is counted within seconds.
    writeFileSync(join(folder, 'vacio.md'), '');
    await agent.getByRole('button', { name: 'Chats' }).first().click();
    await expect(panel.getByText('Archivos con problemas: 3. Se omitieron o se indexaron en parte.')).toBeVisible({ timeout: 15_000 });

    // Once the bad files are removed, the notice goes away.
    rmSync(join(folder, 'basura.txt'));
    rmSync(join(folder, 'horarios.md'));
    rmSync(join(folder, 'vacio.md'));
    await expect(panel.getByText(/Archivos con problemas/)).toBeHidden({ timeout: 15_000 });
  } finally {
    await citizen.close();
    await closeAgent();
    await served.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
