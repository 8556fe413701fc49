/** Finds the installed package's folder, so built assets are found from the bundle and from the sources alike. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findPackageRoot(from: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'atiende') return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`package.json of atiende not found above ${fileURLToPath(from)}`);
    folder = parent;
  }
}

/** Returns the installed version from package.json, or "desconocida" when it cannot be read. */
export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'desconocida';
  } catch {
    return 'desconocida';
  }
}
