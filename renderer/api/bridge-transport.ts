/** Transport over the Electron preload's window.atiende bridge. IPC does not drop, so it never reconnects. */
import type { AtiendeBridge } from '../../shared/api/bridge';
import type { Transport } from './transport';

export function createBridgeTransport(bridge: AtiendeBridge): Transport {
  return {
    state: 'open',
    call: (method, params) => bridge.call(method, params),
    on: (event, listener) => bridge.on(event, listener),
    onReconnect: () => () => {},
    onStateChange: () => () => {},
    close: () => {},
  };
}
