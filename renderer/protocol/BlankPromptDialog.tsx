/** Asks for the values a phrase's blanks lack (for example the citizen's name) before the phrase is inserted. */
import { useEffect, useId, useRef, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/catalog';
import type { Blank } from '../../shared/protocol/phrases';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { ModalDialog } from '../workbench/ModalDialog';
import { useWorkbench } from '../workbench/store-context';
import { selectBlankPrompt } from './protocol-slice';

export function BlankPromptDialog() {
  const prompt = useWorkbench(selectBlankPrompt);
  const submitBlanks = useWorkbench((state) => state.submitBlanks);
  const cancelBlanks = useWorkbench((state) => state.cancelBlanks);
  const [values, setValues] = useState<Partial<Record<Blank, string>>>({});
  const firstInput = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // A new prompt starts empty.
  useEffect(() => {
    setValues({});
  }, [prompt?.chatId, prompt?.phraseId]);

  if (!prompt) return null;
  return (
    <ModalDialog
      title={t('protocol.blank.title')}
      intro={t('protocol.blank.intro')}
      onCancel={cancelBlanks}
      onSubmit={() => void submitBlanks(values)}
      initialFocus={firstInput}
      focusKey={`${prompt.chatId} ${prompt.phraseId}`}
      actions={
        <>
          <button type="button" className="button" onClick={cancelBlanks}>
            {t('protocol.blank.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('protocol.blank.insert')}
          </button>
        </>
      }
    >
      {prompt.missing.map((blank, index) => (
        <label key={blank} className="dialog__field">
          {t(`protocol.blank.${blank}` as MessageKey)}
          <input
            ref={index === 0 ? firstInput : undefined}
            type={blank === 'correo_ciudadano' ? 'email' : 'text'}
            value={values[blank] ?? ''}
            aria-invalid={prompt.error ? true : undefined}
            aria-describedby={prompt.error ? errorId : undefined}
            onChange={(event) => setValues((known) => ({ ...known, [blank]: event.target.value }))}
          />
        </label>
      ))}
      <ErrorText error={prompt.error} id={errorId} />
    </ModalDialog>
  );
}
