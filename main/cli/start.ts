/**
 * `npm start`: the desktop workstation. Launches Electron with the built main
 * bundle; when the binary is missing it tries the electron package's download once,
 * and when that fails it explains, in Spanish and English, to use `npm run serve`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { translate } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import { electronInstallScript, findElectronBinary } from '../electron/binary';
import { findPackageRoot } from '../host/package-root';

export interface StartIo {
  stderr: NodeJS.WritableStream;
  logger: Logger;
}

function explainMissing(io: StartIo): number {
  io.stderr.write(`${translate('es', 'cli.electronMissing')}\n${translate('en', 'cli.electronMissing')}\n`);
  return 1;
}

export async function runStartCommand(argv: string[], io: StartIo): Promise<number> {
  let binary = findElectronBinary();
  const installScript = electronInstallScript();
  if (!binary && installScript && process.env.ATIENDE_NO_ELECTRON_DOWNLOAD !== '1') {
    io.logger.info({}, 'electron binary missing; trying the electron package download');
    spawnSync(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
    binary = findElectronBinary();
  }
  if (!binary) {
    io.logger.warn({}, 'electron binary not available');
    return explainMissing(io);
  }

  const main = join(findPackageRoot(), 'dist', 'electron', 'main.cjs');
  const child = spawn(binary, [main, ...argv], { stdio: 'inherit' });
  return new Promise<number>((resolve) => {
    child.once('error', () => resolve(explainMissing(io)));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
