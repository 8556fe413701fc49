/**
 * The Bandeja de salida: every queued email with its state, recipient, subject,
 * attempts, next attempt and the Spanish reason of its last failure, and a
 * "Reintentar ahora" button for messages not sent yet.
 */
import type { ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/catalog';
import type { OutboxView as OutboxEntry } from '../../shared/outbox/model';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectOutboxEntries, selectOutboxError, selectOutboxProblems, selectRetrying, selectSmtpConfigured } from './outbox-slice';

const timeFormat = new Intl.DateTimeFormat('es-CO', { dateStyle: 'short', timeStyle: 'medium' });

function nextAttemptOf(entry: OutboxEntry): string {
  return entry.state === 'pending' ? timeFormat.format(entry.nextAttemptAt) : t('outbox.view.noNextAttempt');
}

/** Lets a narrow column wrap an address after its "@" rather than in the middle of a name. */
function breakableAddress(address: string): ReactNode {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}

export function OutboxView() {
  const entries = useWorkbench(selectOutboxEntries);
  const smtpConfigured = useWorkbench(selectSmtpConfigured);
  const error = useWorkbench(selectOutboxError);
  const problems = useWorkbench(selectOutboxProblems);
  const retrying = useWorkbench(selectRetrying);
  const retryOutbox = useWorkbench((state) => state.retryOutbox);

  return (
    <section className="view outbox" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('view.outbox')}</h1>
      {smtpConfigured === false && (
        <p className="outbox__not-configured" role="status">
          {t('outbox.view.notConfigured')}
        </p>
      )}
      {problems > 0 && (
        <p className="error-text" role="alert">
          {t('outbox.view.problems', { count: problems })}
        </p>
      )}
      <ErrorText error={error} />
      {entries.length === 0 ? (
        <p className="empty-state">{t('outbox.view.empty')}</p>
      ) : (
        <table className="outbox__table">
          <thead>
            <tr>
              <th scope="col">{t('outbox.column.state')}</th>
              <th scope="col">{t('outbox.column.to')}</th>
              <th scope="col">{t('outbox.column.subject')}</th>
              <th scope="col" className="outbox__number">
                {t('outbox.column.attempts')}
              </th>
              <th scope="col">{t('outbox.column.nextAttempt')}</th>
              <th scope="col">{t('outbox.column.lastError')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('outbox.view.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...entries].reverse().map((entry) => (
              <tr key={entry.id} className={`outbox__row outbox__row--${entry.state}`} data-outbox-id={entry.id}>
                <td>
                  <span className={`outbox__state outbox__state--${entry.state}`}>{t(`outbox.state.${entry.state}` as MessageKey)}</span>
                </td>
                <td className="outbox__to">{breakableAddress(entry.to)}</td>
                <td className="outbox__subject">{entry.subject}</td>
                <td className="outbox__number">{entry.attempts}</td>
                <td className="outbox__time">{nextAttemptOf(entry)}</td>
                <td className="outbox__reason">{entry.lastError ? tDynamic(entry.lastError.key, entry.lastError.params) : ''}</td>
                <td className="outbox__actions">
                  {(entry.state === 'pending' || entry.state === 'failed') && (
                    <button
                      type="button"
                      className="button"
                      disabled={retrying[entry.id] === true}
                      aria-label={t('outbox.view.retryLabel', { to: entry.to })}
                      onClick={() => void retryOutbox(entry.id)}
                    >
                      {t('outbox.view.retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
