/**
 * The agent's hub token on the desktop, encrypted with Electron's safeStorage (DPAPI
 * on Windows, the Keychain on macOS, the secret service on Linux) in
 * <data>/settings/hub-token.bin. Where safeStorage cannot encrypt, the browser
 * host's 0600 file in the data folder is used instead and a warning is logged.
 */
import { safeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../shared/log/logger';
import { fileHubTokenStore, type HubTokenStore } from '../settings/hub-token';
import { writeFileAtomic } from '../storage/atomic-file';

export function encryptedHubTokenFile(dataDir: string): string {
  return join(dataDir, 'settings', 'hub-token.bin');
}

export function safeStorageHubTokenStore(dataDir: string, logger: Logger): HubTokenStore {
  const file = encryptedHubTokenFile(dataDir);
  const plainFile = fileHubTokenStore(dataDir);
  return {
    async load() {
      try {
        return safeStorage.decryptString(await readFile(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err: error, file }, 'stored hub token could not be decrypted');
      }
      return plainFile.load();
    },
    async save(token) {
      if (!safeStorage.isEncryptionAvailable()) {
        logger.warn({}, 'safeStorage encryption unavailable; the hub token is kept in a file readable by its owner only');
        return plainFile.save(token);
      }
      await writeFileAtomic(file, safeStorage.encryptString(token));
      logger.info({ file }, 'hub token stored encrypted');
    },
  };
}
