/** The "Base de conocimiento" view of the activity bar: the panel at full width, with the files that had problems. */
import { t } from '../i18n';
import { KnowledgeBasePanel } from './KnowledgeBasePanel';

export function KnowledgeBaseView() {
  return (
    <section className="view kb-view">
      <h1>{t('view.knowledgeBase')}</h1>
      <KnowledgeBasePanel placement="view" />
    </section>
  );
}
