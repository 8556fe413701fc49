/**
 * Pure verdicts of the checks the renderer runs itself (microphone and audio
 * outputs), and the merge of those results with the Node side's report. No DOM
 * here, so that every rule is unit-tested in Node.
 */
import { checkIdSchema, type CheckId, type CheckResult, type CheckStatus } from '../../shared/selftest/model';

/** RMS level, on a 0–1 full scale, from which input counts as speech: about −40 dBFS. */
export const SPEECH_RMS = 0.01;

/** Maximum time the microphone is listened to before it is declared silent, in milliseconds. */
export const MICROPHONE_LISTEN_MS = 3000;

/** Returns the root mean square of audio samples on the −1…1 scale of an AnalyserNode's float data. */
export function rmsOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let index = 0; index < samples.length; index++) {
    const sample = samples[index]!;
    sum += sample * sample;
  }
  return Math.sqrt(sum / samples.length);
}

/** Converts an RMS level to dBFS, rounded to one decimal; silence is −100 dBFS rather than −Infinity. */
export function toDbfs(rms: number): number {
  if (rms <= 0) return -100;
  return Math.max(-100, Math.round(20 * Math.log10(rms) * 10) / 10);
}

/**
 * Outcome of listening to the microphone. 'suspended' means the browser kept the
 * audio engine paused until the agent interacts with the page, so nothing was heard.
 */
export type MicrophoneOutcome = 'pass' | 'silent' | 'suspended' | 'denied' | 'notFound' | 'busy' | 'unsupported' | 'error';

/** Maps the name of a getUserMedia DOMException to the outcome shown to the agent. */
export function outcomeOfMediaError(errorName: string): MicrophoneOutcome {
  switch (errorName) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'error';
  }
}

/** Tells whether the listened levels include speech. */
export function heardSpeech(peakRms: number): boolean {
  return peakRms >= SPEECH_RMS;
}

const microphoneStatus: Record<MicrophoneOutcome, CheckStatus> = {
  pass: 'pass',
  // A track of pure silence is what a privacy switch, a hardware mute or a silently denied permission gives.
  silent: 'fail',
  suspended: 'warn',
  denied: 'fail',
  notFound: 'fail',
  busy: 'fail',
  unsupported: 'error',
  error: 'error',
};

export interface MicrophoneReading {
  outcome: MicrophoneOutcome;
  /** Label of the microphone listened to, empty when the browser did not give one. */
  device: string;
  /** Highest RMS level seen while listening, 0–1. */
  peakRms: number;
  /** The DOMException name behind an 'error' outcome. */
  errorName?: string;
}

/** Builds the microphone's check result from what was read, for the list the self-test view shows. */
export function microphoneCheck(reading: MicrophoneReading, unnamedDevice: string): CheckResult {
  const device = reading.device.trim() || unnamedDevice;
  const listened = reading.outcome === 'pass' || reading.outcome === 'silent';
  return {
    id: 'microphone',
    status: microphoneStatus[reading.outcome],
    values: listened ? { device, peakDbfs: toDbfs(reading.peakRms) } : { device: reading.device.trim() || null },
    messageKey: reading.outcome === 'error' ? 'selftest.microphone.error' : `selftest.microphone.${reading.outcome}`,
    params: reading.outcome === 'error' ? { device, reason: reading.errorName ?? 'Error' } : { device },
  };
}

export interface AudioOutput {
  deviceId: string;
  label: string;
}

/**
 * Builds the headset's check from the browser's audio outputs. Chromium lists
 * "default" and "communications" aliases beside the real devices, so a real one
 * is preferred for the name. Labels are empty until the page may use the microphone.
 */
export function headsetCheck(outputs: readonly AudioOutput[], unnamedDevice: string): CheckResult {
  if (outputs.length === 0) {
    return { id: 'headset', status: 'fail', values: { outputs: 0 }, messageKey: 'selftest.headset.fail', params: {} };
  }
  const real = outputs.find((output) => output.deviceId !== 'default' && output.deviceId !== 'communications') ?? outputs[0]!;
  const device = real.label.trim() || unnamedDevice;
  return { id: 'headset', status: 'pass', values: { device, outputs: outputs.length }, messageKey: 'selftest.headset.pass', params: { device } };
}

/** One row of the self-test view: the checks of one id from both sides, merged. */
export interface SelfTestRow {
  id: CheckId;
  status: CheckStatus;
  /** Explanations in catalog keys, each with the side that measured it. */
  messages: { key: string; params: Record<string, string | number>; source: 'renderer' | 'node' }[];
  values: CheckResult['values'];
}

const rank: Record<CheckStatus, number> = { pass: 0, 'not-configured': 1, warn: 2, error: 3, fail: 4 };

/**
 * Merges the Node side's checks with the renderer's into one row per check id, in
 * the catalog's order. Where the renderer measured a device, its verdict decides and
 * the system's line stays as detail, because the operating system's list misses many
 * USB and Bluetooth headsets on Linux and Windows. Otherwise a row takes the worst status.
 */
export function mergeChecks(nodeChecks: readonly CheckResult[], rendererChecks: readonly CheckResult[]): SelfTestRow[] {
  const rows = new Map<CheckId, SelfTestRow>();
  const sourced = [
    ...rendererChecks.map((check) => ({ check, source: 'renderer' as const })),
    ...nodeChecks.map((check) => ({ check, source: 'node' as const })),
  ];
  for (const { check, source } of sourced) {
    const row = rows.get(check.id);
    const message = { key: check.messageKey, params: check.params, source };
    if (!row) {
      rows.set(check.id, { id: check.id, status: check.status, messages: [message], values: { ...check.values } });
      continue;
    }
    row.messages.push(message);
    row.values = { ...check.values, ...row.values };
    const rendererDecides = source === 'node' && row.messages[0]?.source === 'renderer';
    if (!rendererDecides && rank[check.status] > rank[row.status]) row.status = check.status;
  }
  const order = checkIdSchema.options;
  return [...rows.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/**
 * Applies the agent's answer after the test tone to the headset row: hearing it is the
 * only proof that the chosen output reaches the agent's ears, so it decides the row.
 */
export function applyToneAnswer(rows: readonly SelfTestRow[], heard: boolean, device: string): SelfTestRow[] {
  return rows.map((row) => {
    if (row.id !== 'headset') return row;
    const message = { key: heard ? 'selftest.headset.heard' : 'selftest.headset.notHeard', params: { device }, source: 'renderer' as const };
    const others = row.messages.filter((existing) => existing.key !== 'selftest.headset.heard' && existing.key !== 'selftest.headset.notHeard');
    return { ...row, status: heard ? 'pass' : 'fail', messages: [message, ...others], values: { ...row.values, toneHeard: heard } };
  });
}

export type DeviceState = 'pass' | 'warn' | 'fail' | 'unknown';

/** Returns the state of a device for the status bar, from the last self-test's rows. */
export function deviceState(rows: readonly SelfTestRow[] | null, id: CheckId): DeviceState {
  const row = rows?.find((candidate) => candidate.id === id);
  if (!row || row.status === 'not-configured') return 'unknown';
  if (row.status === 'error') return 'warn';
  return row.status;
}

/** Tells whether any check failed, in which case going on will later ask for a reason. */
export function hasFailedCheck(rows: readonly SelfTestRow[]): boolean {
  return rows.some((row) => row.status === 'fail' || row.status === 'error');
}
