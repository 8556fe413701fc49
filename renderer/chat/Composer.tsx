/**
 * The reply box of the open chat: Enter sends, Shift+Enter adds a line. Sending is
 * disabled while the text is blank or a send is in flight; on failure the text
 * stays and the error shows below.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectComposerFocusRequest } from '../workbench/ui-slice';
import { canSend } from './chat-state';
import { selectDraftOf, selectSendErrorOf, selectSendingOf } from './chats-slice';
import { composerKeyAction } from './composer-keys';

/** The last composer focus request that moved the focus; the store's counter only grows. */
let lastServedFocusRequest = 0;

export function Composer({ chatId, disabled }: { chatId: string; disabled: boolean }) {
  const draft = useWorkbench(selectDraftOf(chatId));
  const sending = useWorkbench(selectSendingOf(chatId));
  const error = useWorkbench(selectSendErrorOf(chatId));
  const focusRequest = useWorkbench(selectComposerFocusRequest);
  const setDraft = useWorkbench((state) => state.setDraft);
  const sendReply = useWorkbench((state) => state.sendReply);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const textareaId = useId();
  const hintId = useId();

  // Each focus request is served once, also by a composer that mounts after it was made.
  useEffect(() => {
    if (focusRequest <= lastServedFocusRequest) return;
    lastServedFocusRequest = focusRequest;
    textarea.current?.focus();
  }, [focusRequest]);

  const sendable = !disabled && canSend(draft, sending);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = composerKeyAction({ key: event.key, shiftKey: event.shiftKey, isComposing: event.nativeEvent.isComposing });
    if (action !== 'send') return;
    event.preventDefault();
    if (sendable) void sendReply(chatId);
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (sendable) void sendReply(chatId);
      }}
    >
      <label htmlFor={textareaId} className="composer__label">
        {t('composer.label')}
      </label>
      <textarea
        id={textareaId}
        ref={textarea}
        className="composer__text"
        value={draft}
        rows={4}
        readOnly={sending || disabled}
        aria-busy={sending}
        aria-describedby={hintId}
        onChange={(event) => setDraft(chatId, event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer__footer">
        <span id={hintId} className="composer__hint">
          {sending ? t('composer.sending') : t('composer.hint')}
        </span>
        <button type="submit" className="button button--primary" disabled={!sendable}>
          {t('composer.send')}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
