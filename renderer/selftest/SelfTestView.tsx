/**
 * The equipment check that the protocol requires before the shift. It lists each
 * check with its status and Spanish explanation, offers "Verificar de nuevo" to
 * rerun, and "Continuar", which records the run and makes the agent available.
 * When a check failed, the first "Continuar" asks for the reason in "Motivo" and
 * the second one confirms it, so the override is always written and recorded.
 */
import { useEffect, useRef, useState } from 'react';
import { OVERRIDE_REASON_MIN_LENGTH } from '../../shared/api/contract';
import type { MessageKey } from '../../shared/i18n/catalog';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectSelfTestDurationMs, selectSelfTestError, selectSelfTestRows, selectSelfTestRunning, selectShiftError } from './selftest-slice';
import { MicrophoneMeter } from './MicrophoneMeter';
import { TestTone } from './TestTone';
import { hasFailedCheck, type SelfTestRow } from './verdict';

/**
 * Names who measured a line. Where the browser decided a device, the system's list is
 * only a reference, because it misses many USB and Bluetooth headsets.
 */
function sourceLabel(row: SelfTestRow, source: 'renderer' | 'node'): MessageKey {
  if (source === 'renderer') return 'selftest.source.renderer';
  return row.messages[0]?.source === 'renderer' ? 'selftest.source.nodeReference' : 'selftest.source.node';
}

function CheckRow({ row }: { row: SelfTestRow }) {
  const name = t(`selftest.check.${row.id}` as MessageKey);
  return (
    <li className={`check check--${row.status}`}>
      <div className="check__header">
        <span className="check__name">{name}</span>
        <span className="check__status">{t(`selftest.status.${row.status}` as MessageKey)}</span>
      </div>
      <ul className="check__messages">
        {row.messages.map((message, index) => (
          <li key={index}>
            <span className="check__source">{t(sourceLabel(row, message.source))}:</span>{' '}
            {tDynamic(message.key, message.params)}
          </li>
        ))}
      </ul>
      {row.id === 'headset' && <TestTone />}
      {row.id === 'microphone' && <MicrophoneMeter />}
    </li>
  );
}

function progressText(running: boolean, durationMs: number | null): string {
  if (running) return t('selftest.running');
  if (durationMs === null) return '';
  return t('selftest.duration', { seconds: Math.round(durationMs / 100) / 10 });
}

export function SelfTestView() {
  const rows = useWorkbench(selectSelfTestRows);
  const running = useWorkbench(selectSelfTestRunning);
  const error = useWorkbench(selectSelfTestError);
  const durationMs = useWorkbench(selectSelfTestDurationMs);
  const shiftError = useWorkbench(selectShiftError);
  const runSelfTest = useWorkbench((state) => state.runSelfTest);
  const continueShift = useWorkbench((state) => state.continueShift);
  const exportReport = useWorkbench((state) => state.exportReport);
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const failed = rows !== null && hasFailedCheck(rows);

  // A new run starts over: the reason is asked again only if that run fails too.
  useEffect(() => {
    if (running) setAskingReason(false);
  }, [running]);
  useEffect(() => {
    if (askingReason) reasonField.current?.focus();
  }, [askingReason]);

  async function onContinue() {
    if (failed && !askingReason) {
      setAskingReason(true);
      return;
    }
    setSaving(true);
    await continueShift(failed ? reason.trim() : null);
    setSaving(false);
  }

  const asking = askingReason && failed;
  const continueButton = (
    <button type={asking ? 'submit' : 'button'} className="button button--primary" onClick={asking ? undefined : () => void onContinue()} disabled={running || saving || rows === null}>
      {t('selftest.continue')}
    </button>
  );

  async function onExport() {
    const report = await exportReport();
    if (!report) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([report.text], { type: 'text/plain;charset=utf-8' }));
    link.download = report.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <section className="view selftest" aria-labelledby="selftest-title">
      <h1 id="selftest-title">{t('selftest.title')}</h1>
      <p>{t('selftest.intro')}</p>
      <div className="selftest__actions">
        <button type="button" className="button" onClick={() => void runSelfTest()} disabled={running}>
          {t('selftest.rerun')}
        </button>
        {/* While the reason is asked, "Continuar" moves below the box, next in the tab order after it. */}
        {!asking && continueButton}
        <button type="button" className="button" onClick={() => void onExport()}>
          {t('selftest.export')}
        </button>
        <span role="status" className="selftest__progress">
          {progressText(running, durationMs)}
        </span>
      </div>
      {asking && (
        <form
          className="selftest__reason"
          onSubmit={(event) => {
            event.preventDefault();
            void onContinue();
          }}
        >
          <label htmlFor="selftest-reason">{t('selftest.reasonLabel')}</label>
          <textarea
            id="selftest-reason"
            ref={reasonField}
            value={reason}
            maxLength={500}
            rows={3}
            aria-describedby="selftest-reason-hint"
            aria-keyshortcuts="Control+Enter"
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              // Enter writes a new line in the reason; Ctrl+Enter (Cmd+Enter on macOS) continues.
              if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }}
          />
          <p id="selftest-reason-hint" className="selftest__hint">
            {t('selftest.reasonHint', { min: OVERRIDE_REASON_MIN_LENGTH })}
          </p>
          <div className="selftest__reason-actions">{continueButton}</div>
        </form>
      )}
      <ErrorText error={shiftError} />
      <ErrorText error={error} />
      {rows && hasFailedCheck(rows) && <p className="selftest__note">{t('selftest.failedNote')}</p>}
      {rows && (
        <ul className="checks" aria-label={t('selftest.checks')} aria-busy={running}>
          {rows.map((row) => (
            <CheckRow key={row.id} row={row} />
          ))}
        </ul>
      )}
    </section>
  );
}
