/**
 * Watches, during the shift, what the self-test measured and can change: audio
 * devices plugged or unplugged, the network going down or up, and the hub link.
 * A change raises an alert that offers to rerun the checks it affects.
 */
import type { MessageKey } from '../../shared/i18n/catalog';
import type { CheckId } from '../../shared/selftest/model';

export interface EquipmentAlert {
  key: MessageKey;
  /** The checks worth rerunning. */
  checks: CheckId[];
}

/** Counts of the real audio devices the page can list, per direction; "default" and "communications" are aliases. */
export interface AudioCounts {
  inputs: number;
  outputs: number;
}

const ALIASES = new Set(['default', 'communications']);

export function countAudioDevices(devices: ReadonlyArray<{ kind: string; deviceId: string }>): AudioCounts {
  const real = devices.filter((device) => !ALIASES.has(device.deviceId));
  return {
    inputs: real.filter((device) => device.kind === 'audioinput').length,
    outputs: real.filter((device) => device.kind === 'audiooutput').length,
  };
}

/**
 * Compares device counts, because ids and labels are empty until the page may use the
 * microphone, so only counts are comparable in every state. Removals come first.
 */
export function compareAudio(before: AudioCounts, after: AudioCounts): EquipmentAlert[] {
  const alerts: EquipmentAlert[] = [];
  if (after.inputs < before.inputs) alerts.push({ key: 'selftest.alert.microphoneRemoved', checks: ['microphone'] });
  if (after.outputs < before.outputs) alerts.push({ key: 'selftest.alert.headsetRemoved', checks: ['headset'] });
  if (after.inputs > before.inputs) alerts.push({ key: 'selftest.alert.microphoneAdded', checks: ['microphone'] });
  if (after.outputs > before.outputs) alerts.push({ key: 'selftest.alert.headsetAdded', checks: ['headset'] });
  return alerts;
}

export function networkAlert(online: boolean): EquipmentAlert {
  return online ? { key: 'selftest.alert.networkUp', checks: ['lan', 'internet', 'hub'] } : { key: 'selftest.alert.networkDown', checks: ['lan', 'internet'] };
}

/** Returns the alert for a change of the hub link, or null when the change is not a loss or a recovery. */
export function hubAlert(before: string, after: string): EquipmentAlert | null {
  if (before === 'connected' && after !== 'connected') return { key: 'selftest.alert.hubDown', checks: ['hub'] };
  if (before !== 'connected' && after === 'connected') return { key: 'selftest.alert.hubUp', checks: ['hub'] };
  return null;
}
