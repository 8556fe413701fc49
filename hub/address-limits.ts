/**
 * Per-address limits of the hub: open WebSocket connections, and frames per second
 * as a token bucket shared by every connection from the address. Behind a NAT many
 * citizens share one address, so the defaults are generous; the settings file
 * changes them.
 */

export interface AddressLimitSettings {
  maxConnectionsPerAddress: number;
  framesPerSecondPerAddress: number;
  frameBurstPerAddress: number;
}

/** Decision about one frame: handle it, reject it with an error, or close the connection that keeps sending. */
export type FrameVerdict = 'accept' | 'reject' | 'close';

interface AddressState {
  connections: number;
  /** Tokens left; below zero it counts frames rejected since the bucket ran dry. */
  tokens: number;
  refilledAt: number;
}

export class AddressLimits {
  private readonly addresses = new Map<string, AddressState>();

  constructor(private readonly settings: AddressLimitSettings) {}

  /** Counts a new connection; returns false, counting nothing, when the address is at its maximum. */
  openConnection(address: string): boolean {
    const state = this.stateOf(address);
    if (state.connections >= this.settings.maxConnectionsPerAddress) return false;
    state.connections += 1;
    return true;
  }

  closeConnection(address: string): void {
    const state = this.addresses.get(address);
    if (!state) return;
    state.connections -= 1;
    // NOTE: forgetting the address also refills its bucket, so a client that reconnects after each burst gets a new one.
    if (state.connections <= 0) this.addresses.delete(address);
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
    state.tokens -= 1;
    if (state.tokens >= 0) return 'accept';
    return state.tokens < -burst ? 'close' : 'reject';
  }

  private stateOf(address: string, now = Date.now()): AddressState {
    let state = this.addresses.get(address);
    if (!state) {
      state = { connections: 0, tokens: this.settings.frameBurstPerAddress, refilledAt: now };
      this.addresses.set(address, state);
    }
    return state;
  }
}
