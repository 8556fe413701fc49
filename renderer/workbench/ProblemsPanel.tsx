/** The bottom panel "Problemas"; the reply checker will fill it, and until then it shows its empty state. */
import { t } from '../i18n';

export function ProblemsPanel() {
  return (
    <section className="panel" aria-labelledby="problems-title">
      <h2 id="problems-title" className="panel__title">
        {t('panel.problems')}
      </h2>
      <p className="empty-state">{t('panel.noProblems')}</p>
    </section>
  );
}
