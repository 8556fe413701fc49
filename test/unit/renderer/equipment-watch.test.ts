import { describe, expect, it } from 'vitest';
import { compareAudio, countAudioDevices, hubAlert, networkAlert } from '../../../renderer/selftest/equipment-watch';

describe('countAudioDevices', () => {
  it('skips the default and communications aliases', () => {
    const counts = countAudioDevices([
      { kind: 'audioinput', deviceId: 'default' },
      { kind: 'audioinput', deviceId: 'communications' },
      { kind: 'audioinput', deviceId: 'a1' },
      { kind: 'audiooutput', deviceId: 'default' },
      { kind: 'audiooutput', deviceId: 'o1' },
      { kind: 'audiooutput', deviceId: 'o2' },
      { kind: 'videoinput', deviceId: 'v1' },
    ]);
    expect(counts).toEqual({ inputs: 1, outputs: 2 });
  });

  it('counts devices whose ids are empty before permission', () => {
    expect(countAudioDevices([{ kind: 'audioinput', deviceId: '' }, { kind: 'audiooutput', deviceId: '' }])).toEqual({ inputs: 1, outputs: 1 });
  });
});

describe('compareAudio', () => {
  it('says nothing when nothing changed', () => {
    expect(compareAudio({ inputs: 1, outputs: 2 }, { inputs: 1, outputs: 2 })).toEqual([]);
  });

  it('reports an unplugged headset as both devices gone', () => {
    const alerts = compareAudio({ inputs: 2, outputs: 3 }, { inputs: 1, outputs: 2 });
    expect(alerts.map((alert) => alert.key)).toEqual(['selftest.alert.microphoneRemoved', 'selftest.alert.headsetRemoved']);
    expect(alerts.flatMap((alert) => alert.checks)).toEqual(['microphone', 'headset']);
  });

  it('reports a plugged microphone', () => {
    expect(compareAudio({ inputs: 0, outputs: 1 }, { inputs: 1, outputs: 1 })).toEqual([{ key: 'selftest.alert.microphoneAdded', checks: ['microphone'] }]);
  });
});

describe('network and hub alerts', () => {
  it('names the checks to rerun when the network drops and returns', () => {
    expect(networkAlert(false)).toEqual({ key: 'selftest.alert.networkDown', checks: ['lan', 'internet'] });
    expect(networkAlert(true).checks).toContain('hub');
  });

  it('reports the hub link going down and back', () => {
    expect(hubAlert('connected', 'connecting')?.key).toBe('selftest.alert.hubDown');
    expect(hubAlert('disconnected', 'connected')?.key).toBe('selftest.alert.hubUp');
  });

  it('ignores the first connection and repeated states', () => {
    expect(hubAlert('connecting', 'disconnected')).toBeNull();
    expect(hubAlert('connected', 'connected')).toBeNull();
  });
});
