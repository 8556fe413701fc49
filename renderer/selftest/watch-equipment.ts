/** Connects the equipment watch to the browser's events and the store; returns the function that stops it. */
import { t } from '../i18n';
import type { WorkbenchStore } from '../workbench/store';
import { compareAudio, countAudioDevices, hubAlert, networkAlert, type AudioCounts, type EquipmentAlert } from './equipment-watch';

async function readCounts(): Promise<AudioCounts | null> {
  try {
    return countAudioDevices(await navigator.mediaDevices.enumerateDevices());
  } catch {
    return null;
  }
}

export function watchEquipment(store: WorkbenchStore): () => void {
  // Alerts start with the shift, so the first connection and device scan raise nothing.
  const raise = (alert: EquipmentAlert) => {
    if (!store.getState().session?.selfTest) return;
    store.getState().raiseEquipmentAlert(alert);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && !document.hasFocus()) {
      new Notification(t('selftest.alert.title'), { body: t(alert.key), tag: 'atiende-equipment' });
    }
  };

  let counts: AudioCounts | null = null;
  void readCounts().then((initial) => (counts = initial));
  const onDeviceChange = async () => {
    const next = await readCounts();
    // One banner at a time: the most important change names it, and every affected check is rerun.
    const alerts = counts && next ? compareAudio(counts, next) : [];
    if (alerts[0]) raise({ key: alerts[0].key, checks: [...new Set(alerts.flatMap((alert) => alert.checks))] });
    counts = next ?? counts;
  };
  const onOnline = () => raise(networkAlert(true));
  const onOffline = () => raise(networkAlert(false));

  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  // "The hub is back" only follows a loss seen here, so opening or reloading the page raises nothing.
  let hubLost = false;
  const unsubscribe = store.subscribe((state, previous) => {
    const alert = hubAlert(previous.hubConnection, state.hubConnection);
    if (!alert || (alert.key === 'selftest.alert.hubUp' && !hubLost)) return;
    hubLost = alert.key === 'selftest.alert.hubDown';
    raise(alert);
  });

  return () => {
    navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    unsubscribe();
  };
}
