/** The reply's Fernández-Huerta score on the INFLESZ scale, shown as guidance and never as a finding. */
import type { Readability } from '../../shared/checker/index';
import { t } from '../i18n';

export function ReadabilityLine({ readability, className }: { readability: Readability; className: string }) {
  if (!Number.isFinite(readability.score) || !readability.bandKey) return null;
  return (
    <p className={className}>
      {t('checker.readability.label', { score: Math.round(readability.score), band: t(readability.bandKey) })} {t('review.readabilityGuide')}
    </p>
  );
}
