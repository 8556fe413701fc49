/**
 * The editor's banner when the hub rejected the agent (a missing or wrong token):
 * it names the hub and the agent, says what to do, and offers the "Token del
 * agente" field. The token goes to the Node side and is never shown again.
 */
import { useId, useState } from 'react';
import { t } from '../i18n';
import { selectAgentName } from '../session/session-slice';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectHubLogin, selectTokenError, selectTokenSaving } from './hub-login-slice';

export function HubLoginBanner() {
  const login = useWorkbench(selectHubLogin);
  const agentName = useWorkbench(selectAgentName);
  const saving = useWorkbench(selectTokenSaving);
  const error = useWorkbench(selectTokenError);
  const saveHubToken = useWorkbench((state) => state.saveHubToken);
  const [token, setToken] = useState('');
  const fieldId = useId();
  const errorId = useId();

  if (login?.state !== 'rejected') return null;
  const params = { hub: login.hubUrl, agent: agentName ?? '' };
  return (
    <section className="hub-login" aria-labelledby={`${fieldId}-title`}>
      <p className="hub-login__message" role="alert">
        <strong id={`${fieldId}-title`}>{t('hubLogin.title')}</strong> {t(login.reason === 'tokenMissing' ? 'hubLogin.tokenMissing' : 'hubLogin.tokenRejected', params)}
      </p>
      <form
        className="hub-login__form"
        onSubmit={(event) => {
          event.preventDefault();
          void saveHubToken(token).then((saved) => {
            if (saved) setToken('');
          });
        }}
      >
        <label htmlFor={fieldId}>{t('hubLogin.tokenLabel')}</label>
        <input
          id={fieldId}
          type="password"
          value={token}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('hubLogin.saving') : t('hubLogin.save')}
        </button>
      </form>
      <ErrorText error={error} id={errorId} />
    </section>
  );
}
