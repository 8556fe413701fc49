/**
 * The waiting citizen's estimated wait. The hub keeps the handling times (taken to
 * closed) of the last SAMPLE_SIZE chats and assumes the queue drains at
 * (available agents × chats per agent) chats per mean handling time:
 *   estimate = ceil(position / capacity) × mean handling time.
 * It is an estimate: it ignores how far along the chats in progress are.
 */

const SAMPLE_SIZE = 20;

export class WaitEstimator {
  private readonly samples: number[] = [];

  constructor(private readonly defaultHandlingMs: number) {}

  /** Records one chat's handling time, in ms. */
  record(handlingMs: number): void {
    if (!Number.isFinite(handlingMs) || handlingMs < 0) return;
    this.samples.push(handlingMs);
    if (this.samples.length > SAMPLE_SIZE) this.samples.shift();
  }

  /** Mean handling time of the recent chats, or the configured default before any chat was measured. */
  meanHandlingMs(): number {
    if (this.samples.length === 0) return this.defaultHandlingMs;
    return this.samples.reduce((sum, value) => sum + value, 0) / this.samples.length;
  }

  /** Returns the estimated wait in ms for a queue position, or undefined when no agent is available to estimate from. */
  estimate(position: number, availableAgents: number, chatsPerAgent: number): number | undefined {
    const capacity = availableAgents * chatsPerAgent;
    if (capacity <= 0) return undefined;
    return Math.ceil(position / capacity) * Math.round(this.meanHandlingMs());
  }
}
