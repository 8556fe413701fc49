/**
 * The headset's test tone: the agent picks an output, plays the tone from a button
 * and confirms whether they heard it, which decides the headset check.
 */
import { useEffect, useId, useState } from 'react';
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { listAudioOutputs, playTestTone } from './test-tone';

type Phase = 'idle' | 'playing' | 'asking' | 'failed';

export function TestTone() {
  const answerTestTone = useWorkbench((state) => state.answerTestTone);
  const [outputs, setOutputs] = useState<Array<{ deviceId: string; label: string }>>([]);
  const [sinkId, setSinkId] = useState('default');
  const [phase, setPhase] = useState<Phase>('idle');
  const [reason, setReason] = useState('');
  const selectId = useId();

  useEffect(() => {
    void listAudioOutputs()
      .then(setOutputs)
      .catch(() => setOutputs([]));
  }, []);

  const chosen = outputs.find((output) => output.deviceId === sinkId);
  const deviceName = chosen?.label || t('selftest.device.unnamed');

  async function play() {
    setPhase('playing');
    try {
      await playTestTone(sinkId);
      setPhase('asking');
    } catch (error) {
      setReason(error instanceof Error ? error.name : String(error));
      setPhase('failed');
    }
  }

  function answer(heard: boolean) {
    answerTestTone(heard, deviceName);
    setPhase('idle');
  }

  if (outputs.length === 0) return null;
  return (
    <div className="test-tone">
      <label htmlFor={selectId}>{t('selftest.tone.output')}</label>
      <select id={selectId} value={sinkId} onChange={(event) => setSinkId(event.target.value)} disabled={phase === 'playing'}>
        {outputs.map((output) => (
          <option key={output.deviceId} value={output.deviceId}>
            {output.label || t('selftest.device.unnamed')}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => void play()} disabled={phase === 'playing'}>
        {phase === 'playing' ? t('selftest.tone.playing') : t('selftest.tone.play')}
      </button>
      {phase === 'asking' && (
        <div role="group" aria-label={t('selftest.tone.question')} className="test-tone__question">
          <span>{t('selftest.tone.question')}</span>
          <button type="button" className="button button--primary" onClick={() => answer(true)}>
            {t('selftest.tone.heard')}
          </button>
          <button type="button" className="button" onClick={() => answer(false)}>
            {t('selftest.tone.notHeard')}
          </button>
        </div>
      )}
      {phase === 'failed' && <p role="alert">{t('selftest.tone.failed', { reason })}</p>}
    </div>
  );
}
