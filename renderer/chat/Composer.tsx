/**
 * The reply box of the open chat: Enter sends, Shift+Enter adds a line. Sending is
 * disabled while the text is blank or a send is in flight; on failure the text
 * stays and the error shows below. The checker's findings are underlined in a
 * layer behind the transparent textarea, and a reply with problems goes through
 * the pre-send review first.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type SyntheticEvent } from 'react';
import { currentFindings, selectCheckOf } from '../checker/checker-slice';
import { FindingsBackdrop } from '../checker/FindingsBackdrop';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectComposerFocusRequest } from '../workbench/ui-slice';
import { canSend } from './chat-state';
import { selectDraftOf, selectSendErrorOf, selectSendingOf } from './chats-slice';
import { composerKeyAction } from './composer-keys';
import { selectCaretRequest } from './draft-insertion';

/** The last composer focus request that moved the focus; the store's counter only grows. */
let lastServedFocusRequest = 0;

/** sendLabel replaces "Enviar", for example in a cut chat's email mode. */
export function Composer({ chatId, disabled, sendLabel }: { chatId: string; disabled: boolean; sendLabel?: string }) {
  const draft = useWorkbench(selectDraftOf(chatId));
  const sending = useWorkbench(selectSendingOf(chatId));
  const error = useWorkbench(selectSendErrorOf(chatId));
  const focusRequest = useWorkbench(selectComposerFocusRequest);
  const setDraft = useWorkbench((state) => state.setDraft);
  const submitReply = useWorkbench((state) => state.submitReply);
  const setComposerSelection = useWorkbench((state) => state.setComposerSelection);
  const check = useWorkbench(selectCheckOf(chatId));
  const caretRequest = useWorkbench(selectCaretRequest);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const textareaId = useId();
  const hintId = useId();

  // Each focus request is served once, also by a composer that mounts after it was made.
  useEffect(() => {
    if (focusRequest <= lastServedFocusRequest) return;
    lastServedFocusRequest = focusRequest;
    textarea.current?.focus();
  }, [focusRequest]);

  // A phrase or fix inserted from outside puts the caret right after it.
  useEffect(() => {
    const element = textarea.current;
    if (!element || caretRequest?.chatId !== chatId) return;
    element.setSelectionRange(caretRequest.position, caretRequest.position);
  }, [caretRequest, chatId]);

  const sendable = !disabled && canSend(draft, sending);
  const findings = currentFindings(check, draft);

  function rememberSelection(event: SyntheticEvent<HTMLTextAreaElement>) {
    const { selectionStart, selectionEnd } = event.currentTarget;
    setComposerSelection(chatId, { start: selectionStart, end: selectionEnd });
  }

  function syncScroll() {
    if (backdrop.current && textarea.current) backdrop.current.scrollTop = textarea.current.scrollTop;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = composerKeyAction({ key: event.key, shiftKey: event.shiftKey, isComposing: event.nativeEvent.isComposing });
    if (action !== 'send') return;
    event.preventDefault();
    if (sendable) void submitReply(chatId);
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (sendable) void submitReply(chatId);
      }}
    >
      <label htmlFor={textareaId} className="composer__label">
        {t('composer.label')}
      </label>
      <div className="composer__field">
        <FindingsBackdrop text={draft} findings={findings} ref={backdrop} />
        <textarea
          id={textareaId}
          ref={textarea}
          className="composer__text"
          value={draft}
          rows={4}
          readOnly={sending || disabled}
          aria-busy={sending}
          aria-describedby={hintId}
          spellCheck={false}
          onChange={(event) => {
            setDraft(chatId, event.target.value);
            rememberSelection(event);
          }}
          onSelect={rememberSelection}
          // The caret as it is when the focus leaves is where a panel's insertion goes.
          onBlur={rememberSelection}
          onScroll={syncScroll}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="composer__footer">
        <span id={hintId} className="composer__hint">
          {sending ? t('composer.sending') : t('composer.hint')}
        </span>
        <button type="submit" className="button button--primary" disabled={!sendable}>
          {sendLabel ?? t('composer.send')}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
