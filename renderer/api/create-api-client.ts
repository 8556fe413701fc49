/**
 * Picks the transport for this window: Electron's preload bridge when the preload
 * set window.atiende, otherwise the browser host's WebSocket at /api on the page's
 * own host, with the per-launch token from the page's address.
 */
import { BRIDGE_GLOBAL, type AtiendeBridge } from '../../shared/api/bridge';
import { createBridgeTransport } from './bridge-transport';
import { createClientOver, type ApiClient } from './client';
import { hostSocketUrl } from './host-url';
import { SocketTransport, type SocketLike } from './socket-transport';

function bridgeOfWindow(): AtiendeBridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const bridge = candidate as Partial<AtiendeBridge>;
  return typeof bridge.call === 'function' && typeof bridge.on === 'function' ? (bridge as AtiendeBridge) : undefined;
}

export function createApiClient(): ApiClient {
  const onContractViolation = (problem: string) => console.warn(`Atiende API: ${problem}`);

  const bridge = bridgeOfWindow();
  if (bridge) return createClientOver(createBridgeTransport(bridge), { onContractViolation });

  const transport = new SocketTransport({
    url: hostSocketUrl(window.location),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onInvalidFrame: (reason) => console.warn(`Atiende API: dropped a frame (${reason})`),
  });
  return createClientOver(transport, { onContractViolation });
}
