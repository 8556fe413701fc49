/**
 * The interface between the API client and a transport: send a call and get its
 * envelope, receive events by name, and learn when the connection came back.
 * Electron's bridge and the browser host's WebSocket both implement it.
 */
import type { ApiEnvelope } from '../../shared/api/result';

/** State of the link between the renderer and its Node side (not the hub: that is the hub.connection event). */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Transport {
  /** Sends a call; resolves with its envelope, or with {ok:false} when the call timed out or the link dropped. */
  call(method: string, params: unknown): Promise<ApiEnvelope<unknown>>;
  /** Subscribes to an event by name; returns the function that unsubscribes. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Subscribes to reconnections, after which events may have been missed. */
  onReconnect(listener: () => void): () => void;
  onStateChange(listener: (state: TransportState) => void): () => void;
  readonly state: TransportState;
  /** Stops the transport for good: no more reconnections, and pending calls fail. */
  close(): void;
}

/** A set of listeners that can be called together and removed one by one. */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}
