/**
 * The retention sweep: transcripts, drafts, open chats' protocol records and outbox messages are kept only for
 * the days the entity's settings give, then deleted, so personal data is kept
 * only as long as its purpose needs. It runs at start and
 * every hour. An item's age is its file's last change, so a chat log that is still
 * being written, a draft still being typed or the record of a chat still being served is never old.
 *
 * Records in the files that many chats share (the hub's journal, the follow-up
 * requests, the send queue) are swept by sweepSharedRecords when the workstation
 * starts. That happens before the hub and the send queue open those files,
 * because both keep them open or in memory while they run. A record's age is its latest activity:
 * a journal chat's newest entry, a request's or a reply's time.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../shared/log/logger';
import type { RetentionDays } from '../../shared/settings/entity-settings';
import { listPersonalData, type PersonalDataKind, type StoredItem } from './personal-data-files';
import { listPersonalRecords, removeRecords, type RecordKind } from './record-files';

const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export type SweepCounts = Record<PersonalDataKind, number>;
export type SharedSweepCounts = Record<RecordKind, number>;

/**
 * Returns the days a kind of data is kept. The hub's chats, open or closed, and the
 * follow-up requests are chats' records like transcripts; unsent replies are
 * unfinished text like drafts. An open chat's protocol record is working state like
 * its draft, because closing the chat copies it into the transcript.
 */
function daysFor(kind: PersonalDataKind | RecordKind, days: RetentionDays): number {
  switch (kind) {
    case 'hubChats':
    case 'hubJournal':
    case 'followUps':
      return days.transcripts;
    case 'sendQueue':
    case 'chatRecords':
      return days.drafts;
    default:
      return days[kind];
  }
}

/** Tests whether an outbox message was sent or failed; one still waiting or being sent is never purged, because that would lose an email. */
async function outboxMessageFinished(item: StoredItem): Promise<boolean> {
  try {
    const state = JSON.parse(await readFile(join(item.path, 'state.json'), 'utf8')) as { state?: string };
    return state.state === 'sent' || state.state === 'failed';
  } catch {
    return false;
  }
}

/** Deletes every item older than its retention period; returns how many of each kind went. */
export async function sweepRetention(dataDir: string, days: RetentionDays, logger: Logger, now: number = Date.now()): Promise<SweepCounts> {
  const counts: SweepCounts = { transcripts: 0, hubChats: 0, drafts: 0, chatRecords: 0, outbox: 0 };
  for (const item of await listPersonalData(dataDir)) {
    if (now - item.modifiedAt <= daysFor(item.kind, days) * DAY_MS) continue;
    if (item.kind === 'outbox' && !(await outboxMessageFinished(item))) continue;
    try {
      await rm(item.path, { recursive: true, force: true });
      counts[item.kind] += 1;
    } catch (error) {
      logger.warn({ kind: item.kind, err: error }, 'expired item could not be deleted; the next sweep retries');
    }
  }
  logger.info({ ...counts }, 'retention sweep finished');
  return counts;
}

/**
 * Deletes the expired records of the shared files, rewriting each file once.
 * Call it only while holding the data folder's lock (data-lock.ts) and before the
 * hub and the workstation open the folder.
 */
export async function sweepSharedRecords(dataDir: string, days: RetentionDays, logger: Logger, now: number = Date.now()): Promise<SharedSweepCounts> {
  const counts: SharedSweepCounts = { hubJournal: 0, followUps: 0, sendQueue: 0 };
  const expired = (await listPersonalRecords(dataDir)).filter((record) => now - record.lastActivityAt > daysFor(record.kind, days) * DAY_MS);
  await removeRecords(dataDir, expired);
  for (const record of expired) counts[record.kind] += 1;
  logger.info({ ...counts }, 'retention sweep of shared files finished');
  return counts;
}

/** Runs sweepSharedRecords at start; a failure is logged and never stops the start, and the next start retries. */
export async function sweepSharedRecordsAtStart(dataDir: string, days: RetentionDays, logger: Logger): Promise<SharedSweepCounts | null> {
  const retentionLogger = logger.child({ module: 'retention' });
  try {
    return await sweepSharedRecords(dataDir, days, retentionLogger);
  } catch (error) {
    retentionLogger.error({ err: error }, 'retention sweep of shared files failed; the next start retries');
    return null;
  }
}

export interface RetentionSweeps {
  /** Runs one sweep now; resolves with its counts, or null when it failed (the failure is logged). */
  sweep(): Promise<SweepCounts | null>;
  stop(): void;
}

/**
 * Sweeps at once and then every interval, reading the retention days anew each time so settings changes apply.
 * NOTE: these sweeps skip the shared files, so a workstation left running past a retention period keeps their expired records until its next start.
 */
export function startRetentionSweeps(options: { dataDir: string; retentionDays: () => RetentionDays; logger: Logger; intervalMs?: number }): RetentionSweeps {
  const logger = options.logger.child({ module: 'retention' });
  let running: Promise<SweepCounts | null> | null = null;

  const sweep = () => {
    running ??= sweepRetention(options.dataDir, options.retentionDays(), logger)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'retention sweep failed');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? RETENTION_SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
