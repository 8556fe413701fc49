/**
 * The requests citizens left by email, as the hub sends them ("follow-ups" frames),
 * and this workstation's record of which ones are done. The hub's protocol has no
 * frame to mark a request done, so that record stays here, in
 * <data>/follow-ups-done.json, written atomically. The file keeps request ids,
 * times and outbox ids only; the citizen's email and text stay in memory and come
 * again from the hub after each connection.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { FollowUpView } from '../../shared/api/contract';
import type { FollowUpRequest } from '../../shared/hub/protocol';
import type { Logger } from '../../shared/log/logger';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';

const doneSchema = z.object({ at: z.number().int().nonnegative(), outboxId: z.string().nullable() });
type Done = z.infer<typeof doneSchema>;

const doneFileSchema = z.object({ version: z.literal(1), done: z.record(z.string(), doneSchema) });

export function followUpsDoneFile(dataDir: string): string {
  return join(dataDir, 'follow-ups-done.json');
}

/** Orders requests pending first, then done; within each group the oldest first, as the queue serves chats. */
function byServiceOrder(a: FollowUpView, b: FollowUpView): number {
  if ((a.done === null) !== (b.done === null)) return a.done === null ? -1 : 1;
  return a.at - b.at || a.id.localeCompare(b.id);
}

export class FollowUpBook {
  private readonly requests = new Map<string, FollowUpRequest>();
  /** Chains the writes of the done file, so a later change never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly done: Map<string, Done>,
  ) {}

  /** Reads the done record; a damaged file is logged and starts an empty record, so every request shows as pending. */
  static async open(dataDir: string, logger: Logger): Promise<FollowUpBook> {
    const file = followUpsDoneFile(dataDir);
    let done = new Map<string, Done>();
    try {
      const raw = await readJsonFile(file);
      const parsed = doneFileSchema.safeParse(raw);
      if (parsed.success) done = new Map(Object.entries(parsed.data.done));
      else if (raw !== undefined) logger.warn({ file }, 'follow-up record does not match its schema; every request shows as pending');
    } catch (error) {
      logger.warn({ file, err: error }, 'follow-up record unreadable; every request shows as pending');
    }
    return new FollowUpBook(file, done);
  }

  /**
   * Adds requests from the hub; returns true when any was new.
   * NOTE: a request the hub later purges (retention) stays listed here until the workstation
   * restarts, because the protocol does not mark which follow-ups frame is the hub's whole list.
   */
  merge(requests: readonly FollowUpRequest[]): boolean {
    let added = false;
    for (const request of requests) {
      if (!this.requests.has(request.id)) added = true;
      this.requests.set(request.id, request);
    }
    return added;
  }

  get(id: string): FollowUpView | undefined {
    const request = this.requests.get(id);
    return request ? { ...request, done: this.done.get(id) ?? null } : undefined;
  }

  list(): FollowUpView[] {
    return [...this.requests.keys()].map((id) => this.get(id)!).sort(byServiceOrder);
  }

  /** Records the request as done (with the outbox id of its answer, or null) or, with null, as pending again; resolves once stored. */
  async setDone(id: string, done: Done | null): Promise<void> {
    if (done) this.done.set(id, done);
    else this.done.delete(id);
    const snapshot = JSON.stringify({ version: 1, done: Object.fromEntries(this.done) }, null, 1);
    const write = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, `${snapshot}\n`));
    this.writing = write;
    await write;
  }
}
