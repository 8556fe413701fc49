/**
 * The email mode of a cut or follow-up chat, above its composer: what happens to
 * the answer, the field "Correo del ciudadano" (proposed from the captured or
 * agreed address) and the outcome of the last send.
 */
import { useId } from 'react';
import type { Chat } from '../../shared/chat/model';
import { citizenEmailSchema } from '../../shared/protocol/citizen-data';
import { t, tDynamic } from '../i18n';
import { proposedEmailOf, selectEmailNoticeOf } from '../outbox/outbox-slice';
import { useWorkbench } from '../workbench/store-context';

export function EmailAnswerFields({ chat }: { chat: Chat }) {
  const address = useWorkbench((state) => proposedEmailOf(state, chat.id));
  const notice = useWorkbench(selectEmailNoticeOf(chat.id));
  const setEmailTo = useWorkbench((state) => state.setEmailTo);
  const fieldId = useId();
  const invalidId = useId();
  const invalid = address.trim() !== '' && !citizenEmailSchema.safeParse(address).success;
  const answered = chat.protocol?.emailAnswers?.length ?? 0;

  return (
    <section className="email-answer" aria-label={t('composer.email.title')}>
      <p className="email-answer__notice">
        <strong>{t('composer.email.title')}.</strong> {t('composer.email.notice')}
        {answered > 0 && <span className="email-answer__answered"> {t('composer.email.answered')}</span>}
      </p>
      <div className="email-answer__field">
        <label htmlFor={fieldId} className="email-answer__label">
          {t('composer.email.to')}
        </label>
        <input
          id={fieldId}
          type="email"
          className="email-answer__to"
          value={address}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? invalidId : undefined}
          onChange={(event) => setEmailTo(chat.id, event.target.value)}
        />
      </div>
      {invalid && (
        <p id={invalidId} className="error-text">
          {t('outbox.error.invalidAddress', { address: address.trim() })}
        </p>
      )}
      {notice && (
        <p className={notice.error ? 'error-text' : 'email-answer__queued'} role={notice.error ? 'alert' : 'status'}>
          {tDynamic(notice.message.key, notice.message.params)}
        </p>
      )}
    </section>
  );
}
