/**
 * The checks the renderer runs itself, because only the page can open the
 * microphone: it listens for up to MICROPHONE_LISTEN_MS with the browser's voice
 * processing off, so the raw level is measured, then lists the audio outputs.
 */
import type { CheckResult } from '../../shared/selftest/model';
import {
  headsetCheck,
  heardSpeech,
  MICROPHONE_LISTEN_MS,
  microphoneCheck,
  outcomeOfMediaError,
  rmsOf,
  type MicrophoneReading,
} from './verdict';

const SAMPLE_INTERVAL_MS = 50;
/** How long to wait for a suspended AudioContext to start, in milliseconds. */
const RESUME_WAIT_MS = 300;

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Receives each RMS level read while listening, 0–1, for the live meter. */
export type LevelListener = (rms: number) => void;

async function listen(stream: MediaStream, device: string, onLevel?: LevelListener): Promise<MicrophoneReading> {
  const context = new AudioContext();
  try {
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);

    await Promise.race([context.resume(), sleep(RESUME_WAIT_MS)]);
    if (context.state !== 'running') return { outcome: 'suspended', device, peakRms: 0 };

    const samples = new Float32Array(analyser.fftSize);
    const started = performance.now();
    let peakRms = 0;
    while (performance.now() - started < MICROPHONE_LISTEN_MS) {
      await sleep(SAMPLE_INTERVAL_MS);
      analyser.getFloatTimeDomainData(samples);
      const rms = rmsOf(samples);
      onLevel?.(rms);
      peakRms = Math.max(peakRms, rms);
      if (heardSpeech(peakRms)) return { outcome: 'pass', device, peakRms };
    }
    return { outcome: 'silent', device, peakRms };
  } finally {
    void context.close();
  }
}

/** Opens the microphone, listens to it and closes it again. */
export async function readMicrophone(onLevel?: LevelListener): Promise<MicrophoneReading> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioContext === 'undefined') {
    return { outcome: 'unsupported', device: '', peakRms: 0 };
  }

  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { outcome: outcomeOfMediaError(name), device: '', peakRms: 0, errorName: name };
  }

  try {
    return await listen(stream, stream.getAudioTracks()[0]?.label ?? '', onLevel);
  } catch (error) {
    return { outcome: 'error', device: '', peakRms: 0, errorName: error instanceof Error ? error.name : 'Error' };
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

async function readHeadset(unnamedDevice: string): Promise<CheckResult> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const outputs = devices.filter((device) => device.kind === 'audiooutput');
    return headsetCheck(outputs, unnamedDevice);
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return { id: 'headset', status: 'error', values: {}, messageKey: 'selftest.audio.error', params: { reason } };
  }
}

/**
 * Maximum wait for the microphone check, in milliseconds, long enough for the agent
 * to answer a permission prompt. A check still waiting then is reported as timed
 * out, and readMicrophone still closes the microphone if it opens later.
 */
const MICROPHONE_CHECK_TIMEOUT_MS = 30_000;

/** Resolves with the check, or with a timed-out result when it takes longer than timeoutMs. */
async function withTimeout(check: Promise<CheckResult>, timeoutMs: number): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ id: 'microphone', status: 'error', values: {}, messageKey: 'selftest.timeout', params: { seconds: timeoutMs / 1000 } }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the microphone check, then the headset check, in that order because the
 * browser gives device labels only after the microphone was allowed.
 */
export async function runDeviceChecks(unnamedDevice: string, timeoutMs = MICROPHONE_CHECK_TIMEOUT_MS, onLevel?: LevelListener): Promise<CheckResult[]> {
  const reading = readMicrophone(onLevel).then((result) => microphoneCheck(result, unnamedDevice));
  const microphone = await withTimeout(reading, timeoutMs);
  if (!navigator.mediaDevices?.enumerateDevices) return [microphone];
  return [microphone, await readHeadset(unnamedDevice)];
}
