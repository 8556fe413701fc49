/** A banner over every view while the entity's settings file is rejected, so the agent can tell IT staff. */
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { selectSettingsProblem } from './settings-slice';

export function SettingsBanner() {
  const problem = useWorkbench(selectSettingsProblem);
  const showView = useWorkbench((state) => state.showView);
  if (!problem) return null;

  return (
    <div className="settings-banner" role="alert">
      <button type="button" className="settings-banner__link" onClick={() => showView('settings')}>
        {t('settings.banner')}
      </button>
    </div>
  );
}
