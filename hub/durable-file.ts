/**
 * File steps the hub's stores share: appending a line durably, writing a file
 * atomically and syncing a folder. The hub runs standalone and must not import
 * main/, so main/storage/atomic-file.ts builds on these steps instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Flushes the folder's entries to disk. Platforms that cannot open a folder for reading (Windows) skip it. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes data to path so that a crash leaves the old file or the new one: temporary file, fsync, rename, folder sync. */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Appends one line and flushes it with fdatasync; a file this call creates also gets its folder synced. */
export async function appendLineDurably(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a', 0o600);
  let created = false;
  try {
    created = (await handle.stat()).size === 0;
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(dirname(path));
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Parses JSON lines. A last line that is not whole JSON is skipped, because a crash
 * in the middle of a write leaves it cut short. A bad line elsewhere throws.
 */
export function parseJsonLines<T>(text: string): T[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const entries: T[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      entries.push(JSON.parse(line) as T);
    } catch (error) {
      if (index < lines.length - 1) throw error;
    }
  }
  return entries;
}

/** Truncates the file after its last newline when a crash left a partial line; returns the whole lines. */
export async function repairTail(path: string): Promise<string | undefined> {
  const text = await readIfExists(path);
  if (text === undefined || text.length === 0 || text.endsWith('\n')) return text;
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  await truncate(path, Buffer.byteLength(whole));
  return whole;
}
