/**
 * "Solicitudes por correo": the requests citizens left with an email address when
 * no agent was available or the service was closed, pending first. Each one can be
 * answered by email (through the reply checker, the pre-send review and the
 * outbox) or marked done. The hub keeps the done marks for every agent, so a done
 * request leaves every workstation's list once the hub recorded the mark.
 */
import { useId } from 'react';
import type { FollowUpView } from '../../shared/api/contract';
import type { MessageKey } from '../../shared/i18n/catalog';
import { citizenEmailSchema } from '../../shared/protocol/citizen-data';
import { currentFindings, selectCheckOf } from '../checker/checker-slice';
import { ReviewDialog } from '../checker/ReviewDialog';
import { selectDraftOf, selectSendingOf } from '../chat/chats-slice';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import {
  answerAddressOf,
  followUpDraftKey,
  selectAnsweringFollowUp,
  selectFollowUpMarkingOf,
  selectFollowUpNoticeOf,
  selectFollowUps,
  selectFollowUpsError,
  selectFollowUpsPending,
  selectNoticeOfDoneRequest,
} from './follow-ups-slice';

const timeFormat = new Intl.DateTimeFormat('es-CO', { dateStyle: 'medium', timeStyle: 'short' });

export function FollowUpsView() {
  const requests = useWorkbench(selectFollowUps);
  const pending = useWorkbench(selectFollowUpsPending);
  const error = useWorkbench(selectFollowUpsError);
  const doneNotice = useWorkbench(selectNoticeOfDoneRequest);

  return (
    <section className="view follow-ups" aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">{t('view.followUps')}</h1>
      <p className="follow-ups__intro">
        {t('followUps.intro')} <strong>{t('followUps.pendingCount', { count: pending })}</strong>
      </p>
      <ErrorText error={error} />
      {doneNotice && (
        <p className="follow-up__queued" role="status">
          {tDynamic(doneNotice.message.key, doneNotice.message.params)}
        </p>
      )}
      {requests.length === 0 ? (
        <p className="empty-state">{t('followUps.empty')}</p>
      ) : (
        <ol className="follow-ups__list">
          {requests.map((request) => (
            <FollowUpItem key={request.id} request={request} />
          ))}
        </ol>
      )}
      <ReviewDialog />
    </section>
  );
}

function FollowUpItem({ request }: { request: FollowUpView }) {
  const answering = useWorkbench(selectAnsweringFollowUp) === request.id;
  const marking = useWorkbench(selectFollowUpMarkingOf(request.id));
  const notice = useWorkbench(selectFollowUpNoticeOf(request.id));
  const openFollowUpAnswer = useWorkbench((state) => state.openFollowUpAnswer);
  const setFollowUpDone = useWorkbench((state) => state.setFollowUpDone);
  const time = timeFormat.format(request.at);
  const done = request.done;

  return (
    <li className={`follow-up${done ? ' follow-up--done' : ''}`} aria-label={t('followUps.itemLabel', { email: request.email, time })}>
      <div className="follow-up__meta">
        <span className="follow-up__email">{request.email}</span>
        <span className="follow-up__time">{time}</span>
        <span className={`follow-up__service follow-up__service--${request.service}`}>{t(`followUps.service.${request.service}` as MessageKey)}</span>
      </div>
      <p className="follow-up__text">{request.text}</p>
      {done && (
        <p className="follow-up__done">
          {t(done.outboxId ? 'followUps.doneByEmail' : 'followUps.doneOther', { time: timeFormat.format(done.at) })}
        </p>
      )}
      <div className="follow-up__actions">
        <button type="button" className="button" aria-expanded={answering} onClick={() => openFollowUpAnswer(answering ? null : request.id)}>
          {t('followUps.answer')}
        </button>
        <button type="button" className="button" disabled={marking} onClick={() => void setFollowUpDone(request.id, done === null)}>
          {t(done === null ? 'followUps.markDone' : 'followUps.reopen')}
        </button>
      </div>
      {answering && <AnswerForm request={request} />}
      {notice && (
        <p className={notice.error ? 'error-text' : 'follow-up__queued'} role={notice.error ? 'alert' : 'status'}>
          {tDynamic(notice.message.key, notice.message.params)}
        </p>
      )}
    </li>
  );
}

/** The email answer: address, text with the checker's findings, and "Enviar por correo" through the pre-send review. */
function AnswerForm({ request }: { request: FollowUpView }) {
  const key = followUpDraftKey(request.id);
  const address = useWorkbench((state) => answerAddressOf(state, request));
  const draft = useWorkbench(selectDraftOf(key));
  const sending = useWorkbench(selectSendingOf(key));
  const check = useWorkbench(selectCheckOf(key));
  const setEmailTo = useWorkbench((state) => state.setEmailTo);
  const setDraft = useWorkbench((state) => state.setDraft);
  const submitReply = useWorkbench((state) => state.submitReply);
  const addressId = useId();
  const answerId = useId();
  const invalidId = useId();
  const findingsId = useId();
  const invalid = address.trim() !== '' && !citizenEmailSchema.safeParse(address).success;
  const findings = currentFindings(check, draft);

  return (
    <form
      className="follow-up__answer"
      onSubmit={(event) => {
        event.preventDefault();
        if (!sending && draft.trim() !== '') void submitReply(key);
      }}
    >
      <label htmlFor={addressId}>{t('followUps.toLabel')}</label>
      <input
        id={addressId}
        type="email"
        value={address}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={invalid ? invalidId : undefined}
        onChange={(event) => setEmailTo(key, event.target.value)}
      />
      {invalid && (
        <p id={invalidId} className="error-text">
          {t('outbox.error.invalidAddress', { address: address.trim() })}
        </p>
      )}
      <label htmlFor={answerId}>{t('followUps.answerLabel')}</label>
      <textarea id={answerId} rows={6} value={draft} readOnly={sending} aria-describedby={findings.length > 0 ? findingsId : undefined} onChange={(event) => setDraft(key, event.target.value)} />
      {findings.length > 0 && (
        <ul id={findingsId} className="follow-up__findings">
          {findings.map((finding, index) => (
            <li key={`${finding.rule}-${finding.start}-${index}`}>{t(finding.messageKey, finding.params)}</li>
          ))}
        </ul>
      )}
      <div className="follow-up__actions">
        <button type="submit" className="button button--primary" disabled={sending || draft.trim() === ''}>
          {sending ? t('followUps.sending') : t('followUps.send')}
        </button>
      </div>
    </form>
  );
}
