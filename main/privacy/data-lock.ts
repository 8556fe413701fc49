/**
 * The data folder's lock: <data>/atiende.lock names the one process that may
 * change the folder's shared files (the hub's journal and follow-ups, the send
 * queue). The workstation takes it for as long as it runs (`serve` and the
 * desktop app, with the embedded hub), and `atiende datos eliminar` for as long
 * as it rewrites those files, because the running services keep the files open
 * or in memory and would write a deleted citizen's lines back.
 *
 * The file contains the holder's process id and host. A lock whose process no
 * longer runs on this host (a crash, kill -9) is stale and is taken over.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { translate } from '../../shared/i18n/catalog';

export const DATA_LOCK_FILE = 'atiende.lock';

/** The lock's holder: the browser host, the desktop app, the standalone hub, or the data command. */
export type DataLockService = 'serve' | 'desktop' | 'hub' | 'dataCommand';

export interface DataLockHolder {
  pid: number;
  host: string;
  service: DataLockService;
  /** ms since the epoch. */
  startedAt: number;
}

/** The folder is held by another running process; the message, in Spanish, names it and what to stop. */
export class DataFolderBusyError extends Error {
  override name = 'DataFolderBusyError';

  constructor(
    readonly file: string,
    readonly holder: DataLockHolder,
  ) {
    // Only a holder on another host can be a stale lock left here, because a dead local holder is taken over.
    const key = holder.host === hostname() ? 'privacy.error.dataFolderBusy' : 'privacy.error.dataFolderBusyElsewhere';
    super(translate('es', key, { service: translate('es', `privacy.lock.${holder.service}`), pid: holder.pid, host: holder.host, file }));
  }
}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file, unless another process took it over meanwhile. */
  release(): Promise<void>;
}

function isRunning(holder: DataLockHolder): boolean {
  // A process on another host (a data folder on a network share) cannot be checked, so it counts as running.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<DataLockHolder | null> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Partial<DataLockHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string' || typeof holder.service !== 'string') return null;
    return holder as DataLockHolder;
  } catch {
    // A missing file, or one cut short by a crash while it was written, holds nothing.
    return null;
  }
}

/** Returns the process holding the folder's lock, or null when no running process holds it. */
export async function readDataLock(dataDir: string): Promise<DataLockHolder | null> {
  const holder = await readHolder(join(dataDir, DATA_LOCK_FILE));
  return holder && isRunning(holder) ? holder : null;
}

/** Takes the folder's lock for this process; throws DataFolderBusyError while another running process holds it. */
export async function acquireDataLock(dataDir: string, service: DataLockService): Promise<DataLock> {
  const file = join(dataDir, DATA_LOCK_FILE);
  const mine: DataLockHolder = { pid: process.pid, host: hostname(), service, startedAt: Date.now() };
  await mkdir(dataDir, { recursive: true });

  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = await readHolder(file);
      if (holder && isRunning(holder)) throw new DataFolderBusyError(file, holder);
      await rm(file, { force: true });
    }
  }

  return {
    file,
    async release() {
      const holder = await readHolder(file);
      if (holder?.pid === mine.pid && holder.startedAt === mine.startedAt) await rm(file, { force: true });
    },
  };
}
