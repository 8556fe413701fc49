// The API client over an Electron-style bridge: the preload's call() and on(), here
// backed directly by the shared dispatcher, as main/ wires it behind ipcMain.
import { describe, expect, it } from 'vitest';
import type { AtiendeBridge } from '../../../shared/api/bridge';
import { createDispatcher } from '../../../shared/api/dispatch';
import { createBridgeTransport } from '../../../renderer/api/bridge-transport';
import { createClientOver } from '../../../renderer/api/client';
import { ApiCallError } from '../../../renderer/api/errors';
import { handlers } from './api-host';

function createBridge() {
  const dispatch = createDispatcher(handlers());
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: AtiendeBridge = {
    call: (method, params) => dispatch(method, params),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { bridge, emit };
}

describe('bridge transport', () => {
  it('returns typed results', async () => {
    const client = createClientOver(createBridgeTransport(createBridge().bridge));
    expect((await client.call('session.get', {})).agentName).toBe('Ana Pérez');
    expect(client.transportState).toBe('open');
  });

  it('throws the catalog key of a failure', async () => {
    const client = createClientOver(createBridgeTransport(createBridge().bridge));
    const error = (await client.call('chat.takeNext', {}).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.code).toBe('error.queueEmpty');
  });

  it('validates event payloads', () => {
    const { bridge, emit } = createBridge();
    const violations: string[] = [];
    const client = createClientOver(createBridgeTransport(bridge), { onContractViolation: (problem) => violations.push(problem) });
    const states: string[] = [];
    const unsubscribe = client.on('hub.connection', (payload) => states.push(payload.state));

    emit('hub.connection', { state: 'connected' });
    emit('hub.connection', { state: 42 });
    unsubscribe();
    emit('hub.connection', { state: 'disconnected' });

    expect(states).toEqual(['connected']);
    expect(violations).toEqual(['event hub.connection does not match its schema']);
  });
});
