/**
 * Finds the Electron executable that the electron package installed, without
 * requiring the package: its index downloads the binary when it is missing, and the
 * tests and the launcher must be able to ask without touching the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Returns the executable's path, or null when no binary is installed. */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }

  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!executable) return null;
  const candidate = join(packageDir, 'dist', executable);
  return existsSync(candidate) ? candidate : null;
}

/** Returns the electron package's own download script, run on the first start of a machine that has internet access. */
export function electronInstallScript(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}
