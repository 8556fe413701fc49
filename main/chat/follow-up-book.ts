/**
 * The requests citizens left by email, as the hub lists them ("follow-ups" frames),
 * and this workstation's done marks that the hub has not recorded yet. The hub keeps
 * the marks for every agent (the "follow-up-done" frame); a mark waits here, in
 * <data>/follow-ups-done.json (written atomically), while the hub is unreachable or
 * lacks that frame, and is sent when it returns. The file keeps request ids, times
 * and outbox ids only; the citizen's email and text stay in memory and come again
 * from the hub after each connection.
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
  private requests = new Map<string, FollowUpRequest>();
  /** Chains the writes of the marks file, so a later change never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    /** Marks made here that the hub has not recorded yet. */
    private readonly marks: Map<string, Done>,
  ) {}

  /** Reads the waiting marks; a damaged file is logged and starts empty, so those requests show as pending. */
  static async open(dataDir: string, logger: Logger): Promise<FollowUpBook> {
    const file = followUpsDoneFile(dataDir);
    let marks = new Map<string, Done>();
    try {
      const raw = await readJsonFile(file);
      const parsed = doneFileSchema.safeParse(raw);
      if (parsed.success) marks = new Map(Object.entries(parsed.data.done));
      else if (raw !== undefined) logger.warn({ file }, 'follow-up marks file does not match its schema; its requests show as pending');
    } catch (error) {
      logger.warn({ file, err: error }, 'follow-up marks file unreadable; its requests show as pending');
    }
    return new FollowUpBook(file, marks);
  }

  /**
   * Takes requests from the hub; returns true when the list changed. A complete list (the first
   * after each welcome) replaces the one kept, so requests done elsewhere or removed by the hub's
   * retention leave, and so do the waiting marks of requests it no longer lists.
   */
  async receive(requests: readonly FollowUpRequest[], complete: boolean): Promise<boolean> {
    const before = this.requests;
    this.requests = complete ? new Map() : new Map(before);
    for (const request of requests) this.requests.set(request.id, request);
    if (complete) {
      const gone = [...this.marks.keys()].filter((id) => !this.requests.has(id));
      for (const id of gone) this.marks.delete(id);
      if (gone.length > 0) await this.saveMarks();
    }
    return this.requests.size !== before.size || [...this.requests.keys()].some((id) => !before.has(id));
  }

  /** Drops a request the hub recorded as done, with its waiting mark; returns true when it was listed. */
  async removeDone(id: string): Promise<boolean> {
    const listed = this.requests.delete(id);
    if (this.marks.delete(id)) await this.saveMarks();
    return listed;
  }

  get(id: string): FollowUpView | undefined {
    const request = this.requests.get(id);
    return request ? { ...request, done: this.marks.get(id) ?? null } : undefined;
  }

  list(): FollowUpView[] {
    return [...this.requests.keys()].map((id) => this.get(id)!).sort(byServiceOrder);
  }

  /** Returns the ids of listed requests whose mark the hub has not recorded yet. */
  waitingMarks(): string[] {
    return [...this.marks.keys()].filter((id) => this.requests.has(id));
  }

  /** Records the request as done (with the outbox id of its answer, or null) or, with null, as pending again; resolves once stored. */
  async setDone(id: string, done: Done | null): Promise<void> {
    if (done) this.marks.set(id, done);
    else this.marks.delete(id);
    await this.saveMarks();
  }

  private async saveMarks(): Promise<void> {
    const snapshot = JSON.stringify({ version: 1, done: Object.fromEntries(this.marks) }, null, 1);
    const write = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, `${snapshot}\n`));
    this.writing = write;
    await write;
  }
}
