/**
 * Transport over the browser host's WebSocket (frames of shared/api/wire.ts).
 * It keeps pending calls with a timeout each, queues calls made while the socket
 * is down, reconnects with exponential backoff, and notifies its listeners when a
 * connection came back so they can re-fetch what they may have missed.
 */
import { z } from 'zod';
import type { ApiEnvelope } from '../../shared/api/result';
import type { HostRequestFrame } from '../../shared/api/wire';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffOptions } from './backoff';
import { ListenerSet, type Transport, type TransportState } from './transport';

/** The part of the WebSocket interface this transport uses; the browser's WebSocket and the ws package both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface SocketTransportOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** Time a call may wait for its response, in milliseconds, counted from the call. */
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Called with a short reason for each frame that is dropped because it is not valid. */
  onInvalidFrame?: (reason: string) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

const OPEN = 1;

const incomingFrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), envelope: z.unknown() }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

interface PendingCall {
  frame: HostRequestFrame;
  /** True once the frame went out on a socket; such a call fails if that socket drops. */
  sent: boolean;
  resolve: (envelope: ApiEnvelope<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

function failure(code: string, params: Record<string, string | number> = {}): ApiEnvelope<unknown> {
  return { ok: false, error: { code, params } };
}

export class SocketTransport implements Transport {
  private socket: SocketLike | null = null;
  private currentState: TransportState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private everOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, PendingCall>();
  private readonly eventListeners = new Map<string, ListenerSet<unknown>>();
  private readonly reconnectListeners = new ListenerSet<void>();
  private readonly stateListeners = new ListenerSet<TransportState>();
  private readonly timeoutMs: number;

  constructor(private readonly options: SocketTransportOptions) {
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.connect();
  }

  get state(): TransportState {
    return this.currentState;
  }

  call(method: string, params: unknown): Promise<ApiEnvelope<unknown>> {
    if (this.currentState === 'closed') return Promise.resolve(failure('error.transport'));

    return new Promise((resolve) => {
      const id = this.nextId++;
      const frame: HostRequestFrame = { kind: 'request', id, method, params };
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(failure('error.requestTimeout', { method }));
      }, this.timeoutMs);
      const call: PendingCall = { frame, sent: false, resolve, timer };
      this.pending.set(id, call);
      this.trySend(call);
    });
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let listeners = this.eventListeners.get(event);
    if (!listeners) {
      listeners = new ListenerSet<unknown>();
      this.eventListeners.set(event, listeners);
    }
    return listeners.add(listener);
  }

  onReconnect(listener: () => void): () => void {
    return this.reconnectListeners.add(listener);
  }

  onStateChange(listener: (state: TransportState) => void): () => void {
    return this.stateListeners.add(listener);
  }

  close(): void {
    if (this.currentState === 'closed') return;
    this.setState('closed');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;

    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, 'closed by the workbench');
    }
    this.failPending(() => true);
    this.eventListeners.clear();
    this.reconnectListeners.clear();
    this.stateListeners.clear();
  }

  private connect(): void {
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;

    socket.onopen = () => {
      if (this.socket !== socket) return;
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setState('open');
      for (const call of this.pending.values()) this.trySend(call);
      if (reconnected) this.reconnectListeners.emit();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    // A browser reports a failed connection as error then close; the close handler does the work.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending((call) => call.sent);
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.currentState === 'closed') return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    const delay = reconnectDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.currentState !== 'closed') this.connect();
    }, delay);
  }

  private trySend(call: PendingCall): void {
    if (call.sent || !this.socket || this.socket.readyState !== OPEN) return;
    this.socket.send(JSON.stringify(call.frame));
    call.sent = true;
  }

  /** Fails the pending calls that match, because their responses can no longer arrive. */
  private failPending(matches: (call: PendingCall) => boolean): void {
    for (const [id, call] of this.pending) {
      if (!matches(call)) continue;
      clearTimeout(call.timer);
      this.pending.delete(id);
      call.resolve(failure('error.transport'));
    }
  }

  private receive(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      this.options.onInvalidFrame?.('not JSON');
      return;
    }

    const parsed = incomingFrameSchema.safeParse(json);
    if (!parsed.success) {
      this.options.onInvalidFrame?.('unknown frame shape');
      return;
    }

    const frame = parsed.data;
    if (frame.kind === 'event') {
      this.eventListeners.get(frame.event)?.emit(frame.payload);
      return;
    }

    const call = this.pending.get(frame.id);
    if (!call) return; // Its timeout already resolved the call.
    clearTimeout(call.timer);
    this.pending.delete(frame.id);
    call.resolve(frame.envelope as ApiEnvelope<unknown>);
  }

  private setState(state: TransportState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateListeners.emit(state);
  }
}
