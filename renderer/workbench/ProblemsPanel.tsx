/** The bottom panel "Problemas": the reply checker's findings on the open chat's draft. */
import { CheckerProblems } from '../checker/CheckerProblems';
import { t } from '../i18n';

export function ProblemsPanel() {
  return (
    <section className="panel" aria-labelledby="problems-title">
      <h2 id="problems-title" className="panel__title">
        {t('panel.problems')}
      </h2>
      <CheckerProblems />
    </section>
  );
}
