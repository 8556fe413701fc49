/** Placeholder for a view that a later version fills, shown instead of an empty page. */
import type { MessageKey } from '../../shared/i18n/catalog';
import { t } from '../i18n';

export function PlaceholderView({ titleKey }: { titleKey: MessageKey }) {
  return (
    <section className="view">
      <h1>{t(titleKey)}</h1>
      <p className="empty-state">{t('view.notAvailableYet')}</p>
    </section>
  );
}
