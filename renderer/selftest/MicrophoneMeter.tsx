/** The microphone's live level while the check listens, from −60 dBFS (silence) to 0 dBFS (full scale). */
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { selectMicrophoneLevel } from './selftest-slice';
import { SPEECH_RMS, toDbfs } from './verdict';

const FLOOR_DBFS = -60;

export function MicrophoneMeter() {
  const level = useWorkbench(selectMicrophoneLevel);
  if (level === null) return null;

  const shown = Math.max(FLOOR_DBFS, Math.min(0, level));
  const share = ((shown - FLOOR_DBFS) / -FLOOR_DBFS) * 100;
  const speech = level >= toDbfs(SPEECH_RMS);
  return (
    <div
      className="mic-meter"
      role="meter"
      aria-label={t('selftest.meter.label')}
      aria-valuemin={FLOOR_DBFS}
      aria-valuemax={0}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={t('selftest.meter.value', { db: Math.round(shown) })}
    >
      <div className={`mic-meter__bar${speech ? ' mic-meter__bar--speech' : ''}`} style={{ width: `${share}%` }} />
    </div>
  );
}
