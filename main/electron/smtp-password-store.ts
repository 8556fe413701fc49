/**
 * The SMTP password on the desktop, encrypted with Electron's safeStorage (DPAPI
 * on Windows, the Keychain on macOS, the secret service on Linux) in
 * <data>/settings/smtp-password.bin. On first use, a password given the
 * browser-host way (ATIENDE_SMTP_PASSWORD or ATIENDE_SMTP_PASSWORD_FILE) is
 * encrypted into that file, so IT staff can remove the variable afterwards.
 */
import { safeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../shared/log/logger';
import { readSmtpPasswordFromEnvironment } from '../settings/smtp-password';
import { writeFileAtomic } from '../storage/atomic-file';

export function smtpPasswordFile(dataDir: string): string {
  return join(dataDir, 'settings', 'smtp-password.bin');
}

/** Returns the stored password, or the one from the environment after storing it encrypted; undefined when there is none. */
export async function loadSmtpPassword(dataDir: string, logger: Logger): Promise<string | undefined> {
  const file = smtpPasswordFile(dataDir);
  try {
    return safeStorage.decryptString(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ err: error, file }, 'stored SMTP password could not be decrypted');
  }

  const fromEnvironment = await readSmtpPasswordFromEnvironment();
  if (fromEnvironment === undefined) return undefined;
  if (safeStorage.isEncryptionAvailable()) {
    await writeFileAtomic(file, safeStorage.encryptString(fromEnvironment));
    logger.info({ file }, 'SMTP password stored encrypted');
  } else {
    logger.warn({}, 'safeStorage encryption unavailable; the SMTP password is read from the environment each time');
  }
  return fromEnvironment;
}
