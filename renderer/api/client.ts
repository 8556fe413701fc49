/**
 * The typed API client over any transport. Calls are typed from the contract and
 * return the validated result or throw ApiCallError. Event payloads are validated
 * against the contract's schemas before any listener receives them.
 */
import {
  apiEvents,
  apiMethods,
  type ApiEvent,
  type ApiEventPayload,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type Workspace,
} from '../../shared/api/contract';
import { ApiCallError, apiCallErrorFrom } from './errors';
import { ListenerSet, type Transport, type TransportState } from './transport';

export interface ApiClient {
  call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEventPayload<E>) => void): () => void;
  /** Subscribes to the workspace re-fetched after each reconnection, so the screen never stays stale. */
  onReconnect(listener: (workspace: Workspace) => void): () => void;
  onTransportState(listener: (state: TransportState) => void): () => void;
  readonly transportState: TransportState;
  close(): void;
}

export interface ClientOptions {
  /** Called when an event or a response does not match the contract, with no payload content. */
  onContractViolation?: (problem: string) => void;
}

export function createClientOver(transport: Transport, options: ClientOptions = {}): ApiClient {
  const reconnectListeners = new ListenerSet<Workspace>();

  async function call<M extends ApiMethod>(method: M, params: ApiRequest<M>): Promise<ApiResponse<M>> {
    const envelope: unknown = await transport.call(method, params);
    if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
      options.onContractViolation?.(`response to ${method} is not an envelope`);
      throw new ApiCallError('error.internal');
    }
    if (envelope.ok !== true) throw apiCallErrorFrom('error' in envelope ? envelope.error : undefined);

    const parsed = apiMethods[method].response.safeParse('result' in envelope ? envelope.result : undefined);
    if (!parsed.success) {
      options.onContractViolation?.(`response to ${method} does not match its schema`);
      throw new ApiCallError('error.internal');
    }
    return parsed.data as ApiResponse<M>;
  }

  transport.onReconnect(() => {
    call('workspace.get', {}).then(
      (workspace) => reconnectListeners.emit(workspace),
      // The next reconnection tries again; until then the screen keeps what it has.
      (error: unknown) => options.onContractViolation?.(`workspace.get after reconnect failed: ${String(error)}`),
    );
  });

  return {
    call,
    on(event, listener) {
      const schema = apiEvents[event];
      return transport.on(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          options.onContractViolation?.(`event ${event} does not match its schema`);
          return;
        }
        listener(parsed.data as ApiEventPayload<typeof event>);
      });
    },
    onReconnect: (listener) => reconnectListeners.add(listener),
    onTransportState: (listener) => transport.onStateChange(listener),
    get transportState() {
      return transport.state;
    },
    close: () => transport.close(),
  };
}
