/** The activity bar: one button per view, named by the view's title. */
import { t } from '../i18n';
import { ViewIcon } from './icons';
import { useWorkbench } from './store-context';
import { selectView } from './ui-slice';
import { VIEWS } from './views';

export function ActivityBar() {
  const active = useWorkbench(selectView);
  const showView = useWorkbench((state) => state.showView);

  return (
    <nav className="activity-bar" aria-label={t('workbench.activityBar')}>
      {VIEWS.map((view) => (
        <button
          key={view.id}
          type="button"
          className="activity-bar__item"
          aria-current={active === view.id ? 'page' : undefined}
          title={t(view.titleKey)}
          onClick={() => showView(view.id)}
        >
          <ViewIcon view={view.id} />
          <span className="visually-hidden">{t(view.titleKey)}</span>
        </button>
      ))}
    </nav>
  );
}
