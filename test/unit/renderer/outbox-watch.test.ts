// The Bandeja de salida's SMTP notice follows the settings, through the real API client over a real WebSocket host.
import { afterEach, describe, expect, it } from 'vitest';
import { selectSmtpConfigured } from '../../../renderer/outbox/outbox-slice';
import { watchOutbox } from '../../../renderer/outbox/watch-outbox';
import { connectTestStore, settingsState, startHost, waitFor } from './api-host';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('outbox watch', () => {
  it('reloads the SMTP state after a settings change', async () => {
    let smtpConfigured = false;
    const host = await startHost({ 'outbox.list': async () => ({ entries: [], smtpConfigured, problems: 0 }) });
    const { store, client, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(2026, 2, 3, 9) });
    cleanups.push(stop);
    const unwatch = watchOutbox(store, client);
    cleanups.push(async () => unwatch());
    await waitFor(() => selectSmtpConfigured(store.getState()) === false);

    // IT adds smtp to the settings file; the workstation reports it with 'settings.changed' only.
    smtpConfigured = true;
    host.broadcast({ kind: 'event', event: 'settings.changed', payload: { ...settingsState, configured: true } });

    await waitFor(() => selectSmtpConfigured(store.getState()) === true);
    expect(selectSmtpConfigured(store.getState())).toBe(true);
  });
});
