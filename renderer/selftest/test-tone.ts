/**
 * Plays the headset's test tone on a chosen audio output: 1 kHz for 1.5 s at about
 * −12 dBFS, with short fades so it does not click. It must start from a button,
 * because browsers keep audio suspended until the person interacts with the page.
 */
const TONE_HZ = 1000;
const TONE_SECONDS = 1.5;
const TONE_GAIN = 0.25;
const FADE_SECONDS = 0.05;

type SinkContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void> };

/** Resolves when the tone has finished; rejects when the output cannot be chosen or audio cannot start. */
export async function playTestTone(sinkId: string): Promise<void> {
  const context: SinkContext = new AudioContext();
  try {
    // Chromium 110 and later can route a whole AudioContext to one output; elsewhere the default output plays it.
    if (sinkId && sinkId !== 'default' && typeof context.setSinkId === 'function') await context.setSinkId(sinkId);
    await context.resume();

    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = TONE_HZ;
    const start = context.currentTime;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(TONE_GAIN, start + FADE_SECONDS);
    gain.gain.setValueAtTime(TONE_GAIN, start + TONE_SECONDS - FADE_SECONDS);
    gain.gain.linearRampToValueAtTime(0, start + TONE_SECONDS);
    oscillator.connect(gain).connect(context.destination);

    await new Promise<void>((resolve) => {
      oscillator.onended = () => resolve();
      oscillator.start(start);
      oscillator.stop(start + TONE_SECONDS);
    });
  } finally {
    void context.close();
  }
}

/** Lists the audio outputs the page may play to, without the "communications" alias. */
export async function listAudioOutputs(): Promise<Array<{ deviceId: string; label: string }>> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'audiooutput' && device.deviceId !== 'communications').map(({ deviceId, label }) => ({ deviceId, label }));
}
