/**
 * The waiting citizen's estimated wait. A citizen whose position is within the free
 * slots of the available agents waits only for an agent to press "take next", so the
 * estimate is 0. A citizen behind them waits for chats in progress to end: the hub
 * assumes the available agents end (available agents × chats per agent) chats per
 * mean handling time, so
 *   estimate = (position − free slots) / (available agents × chats per agent) × mean handling time.
 * The mean comes from the handling times (taken to closed) of the last SAMPLE_SIZE
 * chats once at least MIN_SAMPLES chats ended, and from the configured default before.
 * The result is rounded up to the ranges the widget shows. It is an estimate: it
 * ignores how far along the chats in progress are.
 */
import type { WaitEstimateBasis } from '../shared/hub/protocol';

const SAMPLE_SIZE = 20;
/** Chats that must have ended before the estimate is based on recent chats instead of the default. */
export const MIN_SAMPLES = 3;

const MINUTE_MS = 60_000;

export interface WaitEstimate {
  /** Estimated wait in ms, rounded up by roundWaitMs. */
  waitMs: number;
  basis: WaitEstimateBasis;
}

/** Capacity of the available agents for new chats, as the estimate counts it. */
export interface AgentCapacity {
  /** Agents who are available (not paused), whether or not they are full. */
  availableAgents: number;
  /** Chats the available agents can still take before they reach the maximum, summed. */
  freeSlots: number;
  chatsPerAgent: number;
}

/**
 * Rounds a wait up to a range a citizen can trust: under a minute is 0, up to 5
 * minutes whole minutes (at least 2), then multiples of 5 minutes.
 */
export function roundWaitMs(waitMs: number): number {
  if (waitMs < MINUTE_MS) return 0;
  const minutes = Math.ceil(waitMs / MINUTE_MS);
  if (minutes <= 5) return Math.max(2, minutes) * MINUTE_MS;
  return Math.ceil(minutes / 5) * 5 * MINUTE_MS;
}

export class WaitEstimator {
  private readonly samples: number[] = [];

  constructor(private readonly defaultHandlingMs: number) {}

  /** Records one chat's handling time, in ms. */
  record(handlingMs: number): void {
    if (!Number.isFinite(handlingMs) || handlingMs < 0) return;
    this.samples.push(handlingMs);
    if (this.samples.length > SAMPLE_SIZE) this.samples.shift();
  }

  /** Mean handling time of the recent chats, or the configured default until MIN_SAMPLES chats ended. */
  meanHandlingMs(): number {
    if (this.samples.length < MIN_SAMPLES) return this.defaultHandlingMs;
    return this.samples.reduce((sum, value) => sum + value, 0) / this.samples.length;
  }

  /** Estimates the wait for a queue position, or returns undefined when no agent is available to estimate from. */
  estimate(position: number, capacity: AgentCapacity): WaitEstimate | undefined {
    const chatsAtOnce = capacity.availableAgents * capacity.chatsPerAgent;
    if (chatsAtOnce <= 0) return undefined;

    const waitingForSlot = position - Math.max(0, capacity.freeSlots);
    // NOTE: this assumes an agent with room takes the next chat soon. A citizen stays at 0 while such an agent does not.
    if (waitingForSlot <= 0) return { waitMs: 0, basis: 'free-agent' };

    const basis = this.samples.length >= MIN_SAMPLES ? 'recent-chats' : 'default';
    return { waitMs: roundWaitMs((waitingForSlot / chatsAtOnce) * this.meanHandlingMs()), basis };
  }
}
