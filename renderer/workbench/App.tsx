/** The root: loads the session, then shows the first-run form or the workbench. */
import { useEffect } from 'react';
import { FirstRunForm } from '../session/FirstRunForm';
import { selectAgentName, selectSessionError, selectSessionStatus } from '../session/session-slice';
import { t } from '../i18n';
import { ErrorText } from './ErrorText';
import { useWorkbench } from './store-context';
import { Workbench } from './Workbench';

export function App() {
  const status = useWorkbench(selectSessionStatus);
  const error = useWorkbench(selectSessionError);
  const agentName = useWorkbench(selectAgentName);
  const loadSession = useWorkbench((state) => state.loadSession);

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  if (status === 'loading') {
    return (
      <p className="app-message" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (status === 'failed') {
    return (
      <div className="app-message">
        <ErrorText error={error} />
        <button type="button" className="button button--primary" onClick={() => void loadSession()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return agentName === null ? <FirstRunForm /> : <Workbench />;
}
