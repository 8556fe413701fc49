/**
 * The pre-send review: the reply's findings grouped by the protocol's checklist
 * (mayúsculas, puntuación, ortografía, redacción, extensión, preguntas atendidas),
 * with the readability score as guidance. "Corregir" goes back to the
 * composer; "Enviar de todos modos" sends and the chat records the override.
 */
import { useRef } from 'react';
import { groupFindings } from '../../shared/checker/check';
import { t } from '../i18n';
import { ModalDialog } from '../workbench/ModalDialog';
import { useWorkbench } from '../workbench/store-context';
import { selectReview } from './checker-slice';
import { ReadabilityLine } from './ReadabilityLine';

export function ReviewDialog() {
  const review = useWorkbench(selectReview);
  const closeReview = useWorkbench((state) => state.closeReview);
  const sendAnyway = useWorkbench((state) => state.sendAnyway);
  const fixButton = useRef<HTMLButtonElement>(null);

  if (!review) return null;
  return (
    <ModalDialog
      title={t('review.title')}
      intro={t('review.intro')}
      className="review"
      onCancel={closeReview}
      initialFocus={fixButton}
      actions={
        <>
          <button type="button" className="button button--primary" ref={fixButton} onClick={closeReview}>
            {t('review.fix')}
          </button>
          <button type="button" className="button" onClick={() => void sendAnyway()}>
            {t('review.sendAnyway')}
          </button>
        </>
      }
    >
      {groupFindings(review.findings).map((group) => (
        <section key={group.group} className="review__group" aria-label={t(group.labelKey)}>
          <h3>{t(group.labelKey)}</h3>
          <ul>
            {group.findings.map((finding, index) => (
              <li key={`${finding.rule}-${finding.start}-${index}`}>{t(finding.messageKey, finding.params)}</li>
            ))}
          </ul>
        </section>
      ))}
      <ReadabilityLine readability={review.readability} className="review__readability" />
    </ModalDialog>
  );
}
