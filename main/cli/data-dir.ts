/**
 * The default data folder, the same one Electron's app.getPath('userData') gives
 * for an app named Atiende, so the desktop app and the browser host share settings.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Atiende');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Atiende');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Atiende');
}
