/** Keeps the Bandeja de salida live: the list on load and after each reconnection, and every 'outbox.changed' event. */
import type { ApiClient } from '../api/client';
import type { WorkbenchStore } from '../workbench/store';

export function watchOutbox(store: WorkbenchStore, client: ApiClient): () => void {
  const subscriptions = [client.on('outbox.changed', ({ entry }) => store.getState().applyOutboxEntry(entry)), client.onReconnect(() => void store.getState().loadOutbox())];
  void store.getState().loadOutbox();
  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}
