/**
 * Per-address limits of the hub: open WebSocket connections, and frames per second
 * as a token bucket shared by every connection from the address. Behind a NAT many
 * citizens share one address, so the defaults are generous; the settings file
 * changes them.
 *
 * An address keeps its bucket after its last connection closes, so a client that
 * reconnects after each burst finds the bucket as it left it. An address with no
 * connection is forgotten once its bucket would be full again, and at most
 * maxIdleAddresses such addresses are kept, so the table stays bounded.
 */

export interface AddressLimitSettings {
  maxConnectionsPerAddress: number;
  framesPerSecondPerAddress: number;
  frameBurstPerAddress: number;
}

/** Decision about one frame: handle it, reject it with an error, or close the connection that keeps sending. */
export type FrameVerdict = 'accept' | 'reject' | 'close';

/** Default maximum of addresses without connections whose buckets are kept, an estimated 100 bytes each. */
export const DEFAULT_MAX_IDLE_ADDRESSES = 50_000;

interface AddressState {
  connections: number;
  /** Tokens left; below zero it counts frames rejected since the bucket ran dry, down to -burst - 1. */
  tokens: number;
  refilledAt: number;
}

export class AddressLimits {
  private readonly addresses = new Map<string, AddressState>();
  /** Addresses without open connections and the time their last one closed, oldest first. */
  private readonly idleSince = new Map<string, number>();
  /** Time an empty bucket takes to refill from its lowest value, in ms; an idle address is forgotten after it. */
  private readonly refillMs: number;

  constructor(
    private readonly settings: AddressLimitSettings,
    private readonly maxIdleAddresses = DEFAULT_MAX_IDLE_ADDRESSES,
  ) {
    this.refillMs = Math.ceil(((2 * settings.frameBurstPerAddress + 1) / settings.framesPerSecondPerAddress) * 1000);
  }

  /** Number of addresses tracked, with or without open connections. */
  get size(): number {
    return this.addresses.size;
  }

  /** Counts a new connection; returns false, counting nothing, when the address is at its maximum. */
  openConnection(address: string, now = Date.now()): boolean {
    this.forgetIdle(now);
    const state = this.stateOf(address, now);
    if (state.connections >= this.settings.maxConnectionsPerAddress) return false;
    state.connections += 1;
    this.idleSince.delete(address);
    return true;
  }

  closeConnection(address: string, now = Date.now()): void {
    const state = this.addresses.get(address);
    if (!state) return;
    state.connections -= 1;
    if (state.connections <= 0) {
      state.connections = 0;
      this.idleSince.delete(address);
      this.idleSince.set(address, now);
    }
    this.forgetIdle(now);
  }

  /**
   * Takes one token for a frame from the address. An empty bucket rejects the frame; after
   * another burst of rejected frames without a pause, the verdict is to close.
   */
  takeFrame(address: string, now = Date.now()): FrameVerdict {
    const state = this.stateOf(address, now);
    const { framesPerSecondPerAddress: rate, frameBurstPerAddress: burst } = this.settings;
    // A clock that steps back refills nothing.
    state.tokens = Math.min(burst, state.tokens + (Math.max(0, now - state.refilledAt) / 1000) * rate);
    state.refilledAt = now;
    // The floor bounds the refill time, which sets how long an idle address must be kept.
    state.tokens = Math.max(-burst - 1, state.tokens - 1);
    if (state.tokens >= 0) return 'accept';
    return state.tokens < -burst ? 'close' : 'reject';
  }

  /**
   * Forgets idle addresses whose bucket has refilled, and the oldest idle ones past the cap.
   * NOTE: an address forgotten for the cap gets a full bucket on its next connection, so a flood of
   * more than maxIdleAddresses addresses can reset the buckets of the oldest ones.
   */
  private forgetIdle(now: number): void {
    for (const [address, since] of this.idleSince) {
      if (now - since < this.refillMs && this.idleSince.size <= this.maxIdleAddresses) break;
      this.idleSince.delete(address);
      this.addresses.delete(address);
    }
  }

  private stateOf(address: string, now: number): AddressState {
    let state = this.addresses.get(address);
    if (!state) {
      state = { connections: 0, tokens: this.settings.frameBurstPerAddress, refilledAt: now };
      this.addresses.set(address, state);
    }
    return state;
  }
}
