/**
 * The follow-up requests citizens left by email, as the router keeps them: the
 * open ones, which every agent gets after its welcome, and the ids of the done
 * ones, so a resent request or a second done mark is answered without storing it
 * again. Both kinds of record go through the chat store first.
 */
import type { FollowUpRequest } from '../shared/hub/protocol';
import type { ChatStore, FollowUpDoneMark } from './chat-store';

export type DoneOutcome =
  | { kind: 'unknown' }
  /** isNew is false when the request was already done, and mark is then the first mark. */
  | { kind: 'done'; mark: FollowUpDoneMark; isNew: boolean }
  /** Another agent's mark of the same request is being stored; its frame reaches every agent. */
  | { kind: 'in-flight' };

export class FollowUpLedger {
  private readonly open = new Map<string, FollowUpRequest>();
  private readonly done = new Map<string, FollowUpDoneMark>();
  private readonly marking = new Set<string>();

  constructor(private readonly store: ChatStore) {}

  /** Reads the stored requests and marks, after a restart. A mark for a request no longer stored is ignored. */
  async restore(): Promise<void> {
    for (const request of await this.store.listFollowUps()) this.open.set(request.id, request);
    for (const mark of await this.store.listFollowUpsDone()) {
      if (!this.open.delete(mark.id)) continue;
      this.done.set(mark.id, mark);
    }
  }

  /** Tests whether a request with this id was stored, done or not. */
  has(id: string): boolean {
    return this.open.has(id) || this.done.has(id);
  }

  /** Returns the open requests, oldest first. */
  openRequests(): FollowUpRequest[] {
    return [...this.open.values()];
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Stores a new request; it is listed only once stored. Rejects when the store failed. */
  async add(request: FollowUpRequest): Promise<void> {
    await this.store.appendFollowUp(request);
    this.open.set(request.id, request);
  }

  /** Stores a done mark for an open request; rejects when the store failed, and the request then stays open. */
  async markDone(id: string, agentName: string): Promise<DoneOutcome> {
    const previous = this.done.get(id);
    if (previous) return { kind: 'done', mark: previous, isNew: false };
    if (!this.open.has(id)) return { kind: 'unknown' };
    if (this.marking.has(id)) return { kind: 'in-flight' };

    const mark: FollowUpDoneMark = { kind: 'follow-up-done', id, agentName, at: Date.now() };
    this.marking.add(id);
    try {
      await this.store.appendFollowUpDone(mark);
    } finally {
      this.marking.delete(id);
    }
    this.open.delete(id);
    this.done.set(id, mark);
    return { kind: 'done', mark, isNew: true };
  }
}
