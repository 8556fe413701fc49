/**
 * The SMTP password outside Electron (the browser host and the command line): the
 * ATIENDE_SMTP_PASSWORD environment variable, or the file named by
 * ATIENDE_SMTP_PASSWORD_FILE, which must be readable by its owner only (mode
 * 0600). The desktop app keeps it encrypted with Electron's safeStorage instead
 * (main/electron/smtp-password-store.ts). The password is never in the settings file.
 */
import { ApiError } from '../../shared/api/result';
import { readOwnerOnlyFile } from './owner-only-file';

/**
 * Returns the password, or undefined when neither variable is set. Throws an
 * ApiError with a Spanish message when the file is unreadable, empty or readable by others.
 */
export async function readSmtpPasswordFromEnvironment(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (env.ATIENDE_SMTP_PASSWORD) return env.ATIENDE_SMTP_PASSWORD;
  const file = env.ATIENDE_SMTP_PASSWORD_FILE;
  if (!file) return undefined;

  const text = await readOwnerOnlyFile(file, { readableByOthers: 'smtpPassword.error.readableByOthers', openFile: 'smtpPassword.error.openFile' }, platform);

  // A trailing newline from `echo secret > file` is not part of the password.
  const password = text.replace(/\r?\n$/, '');
  if (password.length === 0) throw new ApiError('smtpPassword.error.empty', { file });
  return password;
}
