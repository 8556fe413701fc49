/**
 * Keeps the Bandeja de salida live: the list on load, after each reconnection and after
 * each settings change (IT may add or remove the SMTP server while the app runs), and
 * every 'outbox.changed' event.
 */
import type { ApiClient } from '../api/client';
import type { WorkbenchStore } from '../workbench/store';

export function watchOutbox(store: WorkbenchStore, client: ApiClient): () => void {
  const subscriptions = [
    client.on('outbox.changed', ({ entry }) => store.getState().applyOutboxEntry(entry)),
    client.on('settings.changed', () => void store.getState().loadOutbox()),
    client.onReconnect(() => void store.getState().loadOutbox()),
  ];
  void store.getState().loadOutbox();
  return () => {
    for (const unsubscribe of subscriptions) unsubscribe();
  };
}
