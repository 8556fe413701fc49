/**
 * The microphone check with Chromium's fake capture playing real recordings: Spanish
 * speech must pass, and a track of pure silence (what a privacy switch or a hardware
 * mute gives) must fail with its own explanation. The WAV files are made by
 * scripts/make-test-audio.sh.
 */
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, test } from './fixtures';

const audioFolder = join(process.cwd(), 'test', 'fixtures', 'audio');

async function browserHearing(file: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${join(audioFolder, file)}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
}

test('microphone passes on recorded speech', async ({ served }) => {
  const browser = await browserHearing('voz.wav');
  try {
    const page = await browser.newPage();
    await page.goto(served.workstationUrl);
    const microphone = page.getByRole('listitem').filter({ has: page.getByText('Micrófono', { exact: true }) });
    await expect(microphone.getByText('Correcto')).toBeVisible({ timeout: 15_000 });
    await expect(microphone.getByText(/Navegador: El micrófono .* capta su voz\./)).toBeVisible();
    const meter = microphone.getByRole('meter', { name: 'Nivel del micrófono' });
    await expect(meter).toBeVisible();
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(-40);
  } finally {
    await browser.close();
  }
});

test('microphone fails on a silent track', async ({ served }) => {
  const browser = await browserHearing('silencio.wav');
  try {
    const page = await browser.newPage();
    await page.goto(served.workstationUrl);
    const microphone = page.getByRole('listitem').filter({ has: page.getByText('Micrófono', { exact: true }) });
    await expect(microphone.getByText('Falla')).toBeVisible({ timeout: 15_000 });
    await expect(microphone.getByText(/no capta sonido\. Revise que no esté silenciado/)).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'Barra de estado' }).getByText('Micrófono: sin detectar')).toBeVisible();
  } finally {
    await browser.close();
  }
});
