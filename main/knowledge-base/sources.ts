/**
 * Lists the files of the knowledge base's source folder with their size and
 * modification time, which tell a rescan which files changed. Hidden files and
 * office lock files ("~$informe.docx") are left out, and so are symbolic links,
 * which could lead outside the folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SourceFile } from './extract';

/** Subfolder depth and file count past which the scan stops, so a wrong folder (a whole disk) cannot stall the worker. */
export const MAX_DEPTH = 8;
export const MAX_FILES = 20_000;

export class SourceFolderError extends Error {
  constructor(
    readonly key: 'kb.error.folderMissing' | 'kb.error.notAFolder' | 'kb.error.folderUnreadable',
    readonly folder: string,
    readonly code?: string,
  ) {
    super(`${key}: ${folder}`);
  }
}

const isIgnored = (name: string) => name.startsWith('.') || name.startsWith('~');

/** Orders files by path in code-unit order, the same on every machine whatever its locale. */
function byPath(a: SourceFile, b: SourceFile): number {
  if (a.path === b.path) return 0;
  return a.path < b.path ? -1 : 1;
}

/** Lists the source files under `folder`, sorted by path; throws SourceFolderError when the folder itself cannot be read. */
export async function scanSourceFolder(folder: string): Promise<SourceFile[]> {
  try {
    if (!(await stat(folder)).isDirectory()) throw new SourceFolderError('kb.error.notAFolder', folder);
  } catch (error) {
    if (error instanceof SourceFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceFolderError(code === 'ENOENT' ? 'kb.error.folderMissing' : 'kb.error.folderUnreadable', folder, code);
  }

  const files: SourceFile[] = [];
  await walk(folder, folder, 0, files);
  return files.sort(byPath);
}

async function walk(root: string, folder: string, depth: number, files: SourceFile[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // A subfolder that vanished or cannot be read is skipped; the root was checked by the caller.
    if (folder === root) throw new SourceFolderError('kb.error.folderUnreadable', root, (error as NodeJS.ErrnoException).code);
    return;
  }

  const visible = entries.filter((entry) => !isIgnored(entry.name));

  // The files of one folder are stat'ed together, because each stat mostly waits on the disk.
  const stats = await Promise.all(
    visible
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const absolutePath = join(folder, entry.name);
        try {
          const { size, mtimeMs } = await stat(absolutePath);
          return { path: relative(root, absolutePath).split(sep).join('/'), absolutePath, size, mtimeMs };
        } catch {
          return null; // Removed between readdir and stat: the next scan no longer lists it.
        }
      }),
  );
  for (const file of stats) if (file && files.length < MAX_FILES) files.push(file);

  for (const entry of visible) {
    if (entry.isDirectory() && depth < MAX_DEPTH && files.length < MAX_FILES) await walk(root, join(folder, entry.name), depth + 1, files);
  }
}
