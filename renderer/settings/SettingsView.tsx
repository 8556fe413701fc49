/** The settings view: the agent's name and the automatic greeting. */
import { useId } from 'react';
import { selectSession, selectSettingsError } from '../session/session-slice';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';

export function SettingsView() {
  const session = useWorkbench(selectSession);
  const error = useWorkbench(selectSettingsError);
  const setAutoSendGreeting = useWorkbench((state) => state.setAutoSendGreeting);
  const checkboxId = useId();
  const hintId = useId();
  if (!session) return null;

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('view.settings')}</h1>
      <p>{t('settings.agent', { name: session.agentName ?? '' })}</p>
      <p className="settings__muted">{t('settings.citizenUrl', { url: session.citizenUrl })}</p>
      <div className="setting">
        <input
          id={checkboxId}
          type="checkbox"
          checked={session.autoSendGreeting}
          aria-describedby={hintId}
          onChange={(event) => void setAutoSendGreeting(event.target.checked)}
        />
        <label htmlFor={checkboxId}>{t('settings.autoSendGreeting')}</label>
        <p id={hintId} className="setting__hint">
          {t('settings.autoSendGreeting.hint')}
        </p>
      </div>
      <ErrorText error={error} />
    </section>
  );
}
