/**
 * Writes files so that a crash or power cut leaves either the old content or the
 * new one, never a mix: write a temporary file beside the target, fsync it, rename
 * it over the target, then fsync the folder so the rename itself is durable.
 */
import { readFile } from 'node:fs/promises';

/** The hub's file steps serve the workstation too; writeFileAtomic creates missing parent folders. */
export { syncFolder, writeFileAtomically as writeFileAtomic } from '../../hub/durable-file';

/** Reads a JSON file, returning undefined when it does not exist; other errors (including bad JSON) are thrown. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}
