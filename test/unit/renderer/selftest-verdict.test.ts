import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/selftest/model';
import {
  deviceState,
  hasFailedCheck,
  headsetCheck,
  heardSpeech,
  applyToneAnswer,
  mergeChecks,
  microphoneCheck,
  outcomeOfMediaError,
  rmsOf,
  SPEECH_RMS,
  toDbfs,
} from '../../../renderer/selftest/verdict';

/** Builds one second of a 440 Hz sine wave, sampled at 16 kHz, with the given peak amplitude. */
function sine(amplitude: number, samples = 16_000): Float32Array {
  return Float32Array.from({ length: samples }, (_, index) => amplitude * Math.sin((2 * Math.PI * 440 * index) / 16_000));
}

describe('microphone level', () => {
  it('measures the rms of a sine wave', () => {
    expect(rmsOf(sine(0.5))).toBeCloseTo(0.5 / Math.SQRT2, 3);
  });

  it('returns zero for no samples', () => {
    expect(rmsOf([])).toBe(0);
  });

  it('hears speech-level input but not a noise floor', () => {
    expect(heardSpeech(rmsOf(sine(0.1)))).toBe(true);
    expect(heardSpeech(rmsOf(sine(0.002)))).toBe(false);
    expect(heardSpeech(SPEECH_RMS)).toBe(true);
  });

  it('converts levels to dbfs', () => {
    expect(toDbfs(1)).toBe(0);
    expect(toDbfs(0.01)).toBe(-40);
    expect(toDbfs(0)).toBe(-100);
  });
});

describe('getUserMedia errors', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'notFound'],
    ['OverconstrainedError', 'notFound'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['TypeError', 'error'],
  ])('maps %s to %s', (name, outcome) => {
    expect(outcomeOfMediaError(name)).toBe(outcome);
  });
});

describe('microphone check', () => {
  it('passes with the device name and level', () => {
    const check = microphoneCheck({ outcome: 'pass', device: 'USB Headset', peakRms: 0.1 }, 'sin nombre');
    expect(check.status).toBe('pass');
    expect(check.messageKey).toBe('selftest.microphone.pass');
    expect(check.params).toEqual({ device: 'USB Headset' });
    expect(check.values.peakDbfs).toBe(-20);
  });

  it('fails when silent and names an unlabelled device', () => {
    const check = microphoneCheck({ outcome: 'silent', device: ' ', peakRms: 0.001 }, 'sin nombre');
    expect(check.status).toBe('fail');
    expect(check.messageKey).toBe('selftest.microphone.silent');
    expect(check.params.device).toBe('sin nombre');
  });

  it.each([
    ['denied', 'fail'],
    ['notFound', 'fail'],
    ['busy', 'fail'],
    ['suspended', 'warn'],
    ['unsupported', 'error'],
  ] as const)('reports %s as %s', (outcome, status) => {
    const check = microphoneCheck({ outcome, device: '', peakRms: 0 }, 'sin nombre');
    expect(check.status).toBe(status);
    expect(check.messageKey).toBe(`selftest.microphone.${outcome}`);
  });

  it('carries the exception name of an unexpected error', () => {
    const check = microphoneCheck({ outcome: 'error', device: '', peakRms: 0, errorName: 'TypeError' }, 'sin nombre');
    expect(check.messageKey).toBe('selftest.microphone.error');
    expect(check.params.reason).toBe('TypeError');
  });
});

describe('headset check', () => {
  it('fails without audio outputs', () => {
    const check = headsetCheck([], 'sin nombre');
    expect(check.status).toBe('fail');
    expect(check.messageKey).toBe('selftest.headset.fail');
  });

  it('names a real device before the default alias', () => {
    const check = headsetCheck(
      [
        { deviceId: 'default', label: 'Predeterminado' },
        { deviceId: 'abc', label: 'Jabra Evolve' },
      ],
      'sin nombre',
    );
    expect(check.status).toBe('pass');
    expect(check.params.device).toBe('Jabra Evolve');
    expect(check.values.outputs).toBe(2);
  });

  it('passes with unlabelled outputs before permission', () => {
    const check = headsetCheck([{ deviceId: 'abc', label: '' }], 'sin nombre');
    expect(check.status).toBe('pass');
    expect(check.params.device).toBe('sin nombre');
  });
});

function result(id: CheckResult['id'], status: CheckResult['status'], messageKey = `selftest.${id}.${status}`): CheckResult {
  return { id, status, values: { from: messageKey }, messageKey, params: {} };
}

describe('merged report', () => {
  it('keeps one row per check in catalog order', () => {
    const rows = mergeChecks([result('hub', 'pass'), result('lan', 'pass')], [result('microphone', 'pass')]);
    expect(rows.map((row) => row.id)).toEqual(['microphone', 'lan', 'hub']);
  });

  it('lets the browser decide a device it measured', () => {
    const rows = mergeChecks([result('headset', 'pass', 'selftest.headset.osList')], [result('headset', 'fail')]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('fail');
    expect(rows[0]?.messages.map((message) => [message.source, message.key])).toEqual([
      ['renderer', 'selftest.headset.fail'],
      ['node', 'selftest.headset.osList'],
    ]);
  });

  it('keeps a USB headset the OS list misses as passed', () => {
    const rows = mergeChecks([result('headset', 'fail', 'selftest.headset.fail')], [result('headset', 'pass', 'selftest.headset.pass')]);
    expect(rows[0]?.status).toBe('pass');
    expect(rows[0]?.messages).toHaveLength(2);
  });

  it('takes the worst status when only one side measured the check', () => {
    const rows = mergeChecks([result('lan', 'warn'), result('lan', 'fail')], []);
    expect(rows[0]?.status).toBe('fail');
  });

  it('ranks not-configured below a warning', () => {
    const rows = mergeChecks([result('internet', 'not-configured')], [result('internet', 'warn')]);
    expect(rows[0]?.status).toBe('warn');
  });

  it('reports failed checks', () => {
    expect(hasFailedCheck(mergeChecks([result('hub', 'error')], []))).toBe(true);
    expect(hasFailedCheck(mergeChecks([result('hub', 'pass'), result('smtp', 'not-configured')], []))).toBe(false);
  });
});

describe('device state', () => {
  it('is unknown before any self-test', () => {
    expect(deviceState(null, 'microphone')).toBe('unknown');
  });

  it('follows the row of the device', () => {
    const rows = mergeChecks([], [result('microphone', 'warn'), result('headset', 'error')]);
    expect(deviceState(rows, 'microphone')).toBe('warn');
    expect(deviceState(rows, 'headset')).toBe('warn');
    expect(deviceState(rows, 'lan')).toBe('unknown');
  });
});

describe('test tone answer', () => {
  const headsetRow = () => mergeChecks([], [{ id: 'headset', status: 'pass', values: {}, messageKey: 'selftest.headset.pass', params: { device: 'USB' } }]);

  it('fails the headset when the tone was not heard', () => {
    const rows = applyToneAnswer(headsetRow(), false, 'USB');
    expect(rows[0]?.status).toBe('fail');
    expect(rows[0]?.messages[0]?.key).toBe('selftest.headset.notHeard');
    expect(rows[0]?.values.toneHeard).toBe(false);
  });

  it('replaces an earlier answer instead of adding another', () => {
    const rows = applyToneAnswer(applyToneAnswer(headsetRow(), false, 'USB'), true, 'USB');
    expect(rows[0]?.status).toBe('pass');
    expect(rows[0]?.messages.map((message) => message.key)).toEqual(['selftest.headset.heard', 'selftest.headset.pass']);
  });

  it('leaves the other rows alone', () => {
    const rows = applyToneAnswer(mergeChecks([{ id: 'lan', status: 'pass', values: {}, messageKey: 'selftest.lan.pass', params: {} }], []), false, 'USB');
    expect(rows[0]?.status).toBe('pass');
  });
});

describe('headset from the browser list', () => {
  it('passes with an unnamed output before permission', () => {
    const check = headsetCheck([{ deviceId: '', label: '' }], 'sin nombre');
    expect(check.status).toBe('pass');
    expect(check.params.device).toBe('sin nombre');
  });

  it('names a real device rather than the default alias', () => {
    const check = headsetCheck(
      [
        { deviceId: 'default', label: 'Predeterminado - Auriculares Bluetooth' },
        { deviceId: 'communications', label: 'Comunicaciones - Auriculares Bluetooth' },
        { deviceId: 'bt-a2dp', label: 'Auriculares Bluetooth (estéreo)' },
        { deviceId: 'bt-hfp', label: 'Auriculares Bluetooth (manos libres)' },
      ],
      'sin nombre',
    );
    expect(check.params.device).toBe('Auriculares Bluetooth (estéreo)');
    expect(check.values.outputs).toBe(4);
  });

  it('fails when the browser lists no output', () => {
    expect(headsetCheck([], 'sin nombre').status).toBe('fail');
  });
});
