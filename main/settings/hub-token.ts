/**
 * The agent's token for a hub with accounts (`npm run hub -- add-agent` prints it
 * once). On the browser host it is kept in <data>/settings/hub-token, readable by
 * its owner only (mode 0600); IT staff may also hand it over at start with
 * `npm run serve -- --hub-token-file FILE`. The desktop app keeps it encrypted with
 * Electron's safeStorage instead (main/electron/hub-token-store.ts). The token is
 * never logged and never sent to the renderer.
 */
import { join } from 'node:path';
import { ApiError } from '../../shared/api/result';
import { writeFileAtomic } from '../storage/atomic-file';
import { readOwnerOnlyFile } from './owner-only-file';

/** Where the workstation keeps the agent's token between launches. */
export interface HubTokenStore {
  /** Returns the stored token, or undefined when none was stored. */
  load(): Promise<string | undefined>;
  save(token: string): Promise<void>;
}

export function hubTokenFile(dataDir: string): string {
  return join(dataDir, 'settings', 'hub-token');
}

/**
 * Reads a token file that must be readable by its owner only. Throws an ApiError
 * with a Spanish message when the file is missing, unreadable, empty or readable by
 * others; returns undefined only when `missingIsEmpty` is set and the file does not exist.
 */
export async function readHubTokenFile(file: string, options: { missingIsEmpty?: boolean; platform?: NodeJS.Platform } = {}): Promise<string | undefined> {
  let text: string;
  try {
    text = await readOwnerOnlyFile(file, { readableByOthers: 'hubToken.error.readableByOthers', openFile: 'hubToken.error.openFile' }, options.platform);
  } catch (error) {
    if (options.missingIsEmpty && error instanceof ApiError && error.params.code === 'ENOENT') return undefined;
    throw error;
  }

  // A trailing newline from `echo token > file` is not part of the token.
  const token = text.trim();
  if (token.length === 0) throw new ApiError('hubToken.error.empty', { file });
  return token;
}

/** The browser host's store: a 0600 file in the data folder, written atomically. */
export function fileHubTokenStore(dataDir: string): HubTokenStore {
  const file = hubTokenFile(dataDir);
  return {
    load: () => readHubTokenFile(file, { missingIsEmpty: true }),
    async save(token) {
      // writeFileAtomic creates the file with mode 0600 before any byte is written.
      await writeFileAtomic(file, `${token}\n`);
    },
  };
}
