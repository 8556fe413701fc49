/**
 * The equipment check that the protocol requires before the shift. It lists each
 * check with its status and Spanish explanation, offers "Verificar de nuevo" to
 * rerun, and "Continuar", which always lets the agent go on to the chats.
 */
import type { MessageKey } from '../../shared/i18n/catalog';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectSelfTestDurationMs, selectSelfTestError, selectSelfTestRows, selectSelfTestRunning } from './selftest-slice';
import { hasFailedCheck, type SelfTestRow } from './verdict';

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
            <span className="check__source">{t(message.source === 'renderer' ? 'selftest.source.renderer' : 'selftest.source.node')}:</span>{' '}
            {tDynamic(message.key, message.params)}
          </li>
        ))}
      </ul>
    </li>
  );
}

function progressText(running: boolean, durationMs: number | null): string {
  if (running) return t('selftest.running');
  if (durationMs === null) return '';
  return t('selftest.duration', { seconds: (durationMs / 1000).toFixed(1) });
}

export function SelfTestView() {
  const rows = useWorkbench(selectSelfTestRows);
  const running = useWorkbench(selectSelfTestRunning);
  const error = useWorkbench(selectSelfTestError);
  const durationMs = useWorkbench(selectSelfTestDurationMs);
  const runSelfTest = useWorkbench((state) => state.runSelfTest);
  const showView = useWorkbench((state) => state.showView);

  return (
    <section className="view selftest" aria-labelledby="selftest-title">
      <h1 id="selftest-title">{t('selftest.title')}</h1>
      <p>{t('selftest.intro')}</p>
      <div className="selftest__actions">
        <button type="button" className="button" onClick={() => void runSelfTest()} disabled={running}>
          {t('selftest.rerun')}
        </button>
        <button type="button" className="button button--primary" onClick={() => showView('chats')}>
          {t('selftest.continue')}
        </button>
        <span role="status" className="selftest__progress">
          {progressText(running, durationMs)}
        </span>
      </div>
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
