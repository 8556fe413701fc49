/** Entry of the renderer: creates the API client and the store, wires events and notifications, and renders the app. */
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/create-api-client';
import { startLiveCheck } from './checker/live-check';
import { createWorkerChecker } from './checker/worker-checker';
import { t } from './i18n';
import { watchDrafts } from './offline/draft-sync';
import { watchOutbox } from './outbox/watch-outbox';
import { askNotificationPermissionOnFirstGesture, notifyArrivals } from './queue/arrival-notifier';
import { runDeviceChecks } from './selftest/device-checks';
import { watchEquipment } from './selftest/watch-equipment';
import { watchPreferences } from './settings/watch-preferences';
import { App } from './workbench/App';
import { connectStore, createWorkbenchStore } from './workbench/store';
import { StoreProvider } from './workbench/store-context';

const client = createApiClient();
const store = createWorkbenchStore({
  client,
  runDeviceChecks: () => runDeviceChecks(t('selftest.device.unnamed'), undefined, (rms) => store.getState().setMicrophoneLevel(rms)),
  now: () => new Date(),
  checker: createWorkerChecker(),
  onArrivals: (arrivals, queueLength) => {
    if (store.getState().settings?.preferences.notifications !== false) notifyArrivals(arrivals, queueLength);
  },
});
connectStore(store, client);
startLiveCheck(store);
watchEquipment(store);
watchPreferences(store);
watchDrafts(store, client);
watchOutbox(store, client);
askNotificationPermissionOnFirstGesture();

document.title = t('app.title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
