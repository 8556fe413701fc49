/**
 * Reads a secret that IT staff hand over in a file (the SMTP password, the agent's
 * hub token). The file must be readable by its owner only (mode 0600), so another
 * user of the computer cannot read the secret.
 */
import { readFile, stat } from 'node:fs/promises';
import { ApiError } from '../../shared/api/result';

/** Catalog keys of the two failures; both get the file, and they get the mode or the errno code. */
export interface OwnerOnlyFileErrors {
  readableByOthers: string;
  openFile: string;
}

/**
 * Returns the file's text as it is. Throws an ApiError with `errors.readableByOthers`
 * (params file, mode) when group or others may read it, and with `errors.openFile`
 * (params file, code) when it cannot be read.
 */
export async function readOwnerOnlyFile(file: string, errors: OwnerOnlyFileErrors, platform: NodeJS.Platform = process.platform): Promise<string> {
  try {
    const info = await stat(file);
    // NOTE: Windows has no POSIX mode bits (stat reports 0o666), so there the folder's ACL must protect the file.
    if (platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new ApiError(errors.readableByOthers, { file, mode: (info.mode & 0o777).toString(8).padStart(4, '0') });
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(errors.openFile, { file, code: (error as NodeJS.ErrnoException).code ?? 'EIO' });
  }
}
