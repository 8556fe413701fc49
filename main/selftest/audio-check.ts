/**
 * The headset and microphone as the operating system lists them. On Linux and
 * Windows that list misses many USB and Bluetooth headsets, so in the workstation the
 * renderer's device list decides and this is extra detail; the command line has only this.
 */
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult, reasonOf } from './check-result';
import type { SystemInformation } from './system-information';

type AudioDevice = Awaited<ReturnType<SystemInformation['audio']>>[number];

/** systeminformation leaves in, out and default null on some systems, so null counts as "maybe". */
function pick(devices: AudioDevice[], direction: 'in' | 'out'): AudioDevice | undefined {
  const candidates = devices.filter((device) => device.name && device[direction] !== false);
  return candidates.find((device) => device.default) ?? candidates[0];
}

export async function checkAudioFromOs(system: SystemInformation): Promise<CheckResult[]> {
  let devices: AudioDevice[];
  try {
    devices = await system.audio();
  } catch (error) {
    const params = { reason: reasonOf(error) };
    return [checkResult('headset', 'error', 'selftest.audio.error', {}, params), checkResult('microphone', 'error', 'selftest.audio.error', {}, params)];
  }

  const values = { osDevices: devices.length };
  const output = pick(devices, 'out');
  const input = pick(devices, 'in');
  return [
    output
      ? checkResult('headset', 'pass', 'selftest.headset.pass', { ...values, device: output.name }, { device: output.name ?? '' })
      : checkResult('headset', 'fail', 'selftest.headset.fail', values),
    input
      ? checkResult('microphone', 'pass', 'selftest.microphone.osListed', { ...values, device: input.name }, { device: input.name ?? '' })
      : checkResult('microphone', 'fail', 'selftest.microphone.notFound', values),
  ];
}
