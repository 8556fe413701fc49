/**
 * Exposes the API contract to the sandboxed renderer as window.atiende. Only the
 * contract's method and event names pass; nothing else of Electron or Node is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isApiEvent, isApiMethod } from '../shared/api/contract';
import { BRIDGE_GLOBAL, type AtiendeBridge } from '../shared/api/bridge';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('atiende:event', (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isApiEvent(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge: AtiendeBridge = {
  call(method, params) {
    if (!isApiMethod(method)) return Promise.resolve({ ok: false, error: { code: 'error.unknownMethod', params: { method: String(method) } } });
    return ipcRenderer.invoke('atiende:call', method, params);
  },
  on(event, listener) {
    if (!isApiEvent(event)) throw new Error(`Unknown API event: ${event}`);
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
