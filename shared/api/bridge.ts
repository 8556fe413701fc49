/**
 * The object the Electron preload exposes to the renderer as window.atiende.
 * It is not a generic IPC channel: call() accepts only the contract's method
 * names and on() only its event names, and both are checked again in the preload.
 */
import type { ApiEnvelope } from './result';

export interface AtiendeBridge {
  call(method: string, params: unknown): Promise<ApiEnvelope<unknown>>;
  /** Subscribes to a contract event; returns the function that unsubscribes. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Name of the global the preload sets. */
export const BRIDGE_GLOBAL = 'atiende';
