// The renderer's API client over a real WebSocket host built from the shared
// dispatcher, as the browser host carries it.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Session, Workspace } from '../../../shared/api/contract';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { createClientOver, type ApiClient } from '../../../renderer/api/client';
import { ApiCallError } from '../../../renderer/api/errors';
import { SocketTransport, type SocketLike } from '../../../renderer/api/socket-transport';
import { chat, startHost, stopHost, waitFor, type Host } from './api-host';

const hosts: Host[] = [];
const clients: ApiClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const host of hosts.splice(0)) await stopHost(host);
});

async function connect(overrides: Partial<ApiHandlers> = {}, requestTimeoutMs = 2000) {
  const host = await startHost(overrides);
  hosts.push(host);
  const violations: string[] = [];
  const transport = new SocketTransport({
    url: `ws://127.0.0.1:${host.port}/api?token=t`,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    requestTimeoutMs,
    backoff: { initialMs: 20, maxMs: 100 },
  });
  const client = createClientOver(transport, { onContractViolation: (problem) => violations.push(problem) });
  clients.push(client);
  return { host, client, transport, violations };
}

describe('socket transport', () => {
  it('returns the typed result of a call', async () => {
    const { client } = await connect();
    const result = await client.call('agent.setName', { name: 'Luis Gómez' });
    expect(result.agentName).toBe('Luis Gómez');
  });

  it('sends calls made before the socket opened', async () => {
    const { client, transport } = await connect();
    expect(transport.state).toBe('connecting');
    const [first, second] = await Promise.all([client.call('session.get', {}), client.call('workspace.get', {})]);
    expect(first.agentName).toBe('Ana Pérez');
    expect(second.connection).toBe('connected');
  });

  it('throws the catalog key of a failed call', async () => {
    const { client } = await connect();
    const error = await client.call('chat.takeNext', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).code).toBe('error.queueEmpty');
  });

  it('carries the agent-name rule of a rejected name', async () => {
    const { client } = await connect();
    const error = (await client.call('agent.setName', { name: 'Ana' }).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.code).toBe('error.invalidRequest');
    expect(error.params.reason).toBe('agentName.invalid');
  });

  it('times out a call that gets no response', async () => {
    const { client } = await connect({ 'selftest.run': () => new Promise(() => {}) }, 150);
    const started = Date.now();
    const error = (await client.call('selftest.run', {}).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.code).toBe('error.requestTimeout');
    expect(error.params.method).toBe('selftest.run');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('rejects a response that breaks the contract', async () => {
    const { client, violations } = await connect({ 'session.get': async () => ({ agentName: 7 }) as unknown as Session });
    const error = (await client.call('session.get', {}).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.code).toBe('error.internal');
    expect(violations).toEqual(['response to session.get does not match its schema']);
  });

  it('delivers valid events and drops invalid ones', async () => {
    const { client, host, violations } = await connect();
    const received: string[] = [];
    client.on('hub.connection', (payload) => received.push(payload.state));
    await client.call('session.get', {});

    host.broadcast({ kind: 'event', event: 'hub.connection', payload: { state: 'nonsense' } });
    host.broadcast({ kind: 'event', event: 'hub.connection', payload: { state: 'disconnected' } });
    host.broadcast('not a frame');
    await waitFor(() => received.length === 1);

    expect(received).toEqual(['disconnected']);
    expect(violations).toEqual(['event hub.connection does not match its schema']);
  });

  it('stops delivering after unsubscribe', async () => {
    const { client, host } = await connect();
    const received: unknown[] = [];
    const unsubscribe = client.on('chat.updated', (payload) => received.push(payload.chat.id));
    await client.call('session.get', {});
    host.broadcast({ kind: 'event', event: 'chat.updated', payload: { chat } });
    await waitFor(() => received.length === 1);

    unsubscribe();
    host.broadcast({ kind: 'event', event: 'chat.updated', payload: { chat } });
    await client.call('session.get', {});
    expect(received).toEqual(['c1']);
  });

  it('fails a sent call when the link drops', async () => {
    const { client, host } = await connect({ 'selftest.run': () => new Promise(() => {}) });
    await client.call('session.get', {});
    const pending = client.call('selftest.run', {}).catch((caught: unknown) => caught);
    await waitFor(() => host.sockets.size === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const socket of host.sockets) socket.terminate();
    expect(((await pending) as ApiCallError).code).toBe('error.transport');
  });

  it('reconnects and re-fetches the workspace', async () => {
    const { client, host } = await connect();
    await client.call('session.get', {});
    const states: string[] = [];
    client.onTransportState((state) => states.push(state));
    const refetched: Workspace[] = [];
    client.onReconnect((fresh) => refetched.push(fresh));
    const callsBefore = host.workspaceCalls;

    for (const socket of host.sockets) socket.terminate();
    await waitFor(() => refetched.length === 1);

    expect(host.workspaceCalls).toBe(callsBefore + 1);
    expect(refetched[0]?.connection).toBe('connected');
    expect(states).toEqual(['reconnecting', 'open']);
  });

  it('holds calls until the host restarts', async () => {
    const { client, host } = await connect();
    await client.call('session.get', {});
    const port = host.port;
    await stopHost(hosts.pop()!);
    await waitFor(() => client.transportState === 'reconnecting');

    const heldCall = client.call('session.get', {});
    const restarted = await startHost({}, port);
    hosts.push(restarted);

    expect((await heldCall).agentName).toBe('Ana Pérez');
    expect(client.transportState).toBe('open');
  });

  it('fails every call after close', async () => {
    const { client } = await connect();
    await client.call('session.get', {});
    client.close();
    const error = (await client.call('session.get', {}).catch((caught: unknown) => caught)) as ApiCallError;
    expect(error.code).toBe('error.transport');
  });
});
