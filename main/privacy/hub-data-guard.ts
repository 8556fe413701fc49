/**
 * Guards a standalone hub's data folder (`npm run hub`) as serve guards the
 * workstation's: the hub holds the folder's lock while it runs, so `atiende datos
 * eliminar` cannot rewrite files the hub keeps open, and the retention sweep runs
 * with the hub settings' retentionDays. The shared files (journal, follow-ups) are
 * swept at start, before the hub opens them; the chats' logs at start and every hour.
 */
import type { Logger } from '../../shared/log/logger';
import { acquireDataLock } from './data-lock';
import { startRetentionSweeps, sweepSharedRecordsAtStart } from './retention';

/** Locks the folder and starts the sweeps. Returns the function that stops them and releases the lock. */
export async function guardHubDataDir(dataDir: string, retentionDays: number, logger: Logger): Promise<() => Promise<void>> {
  const lock = await acquireDataLock(dataDir, 'hub');
  // A hub keeps only chats' data, so every kind gets the hub's one period.
  const days = { transcripts: retentionDays, drafts: retentionDays, outbox: retentionDays };
  await sweepSharedRecordsAtStart(dataDir, days, logger);
  const sweeps = startRetentionSweeps({ dataDir, retentionDays: () => days, logger });
  // The first sweep finishes before the hub reads its chats' logs, so it never reads a file being deleted.
  await sweeps.sweep();
  return async () => {
    sweeps.stop();
    await lock.release();
  };
}
