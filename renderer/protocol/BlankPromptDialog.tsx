/** Asks for the values a phrase's blanks lack (for example the citizen's name) before the phrase is inserted. */
import { useEffect, useId, useRef, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/catalog';
import type { Blank } from '../../shared/protocol/phrases';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectBlankPrompt } from './protocol-slice';

export function BlankPromptDialog() {
  const prompt = useWorkbench(selectBlankPrompt);
  const submitBlanks = useWorkbench((state) => state.submitBlanks);
  const cancelBlanks = useWorkbench((state) => state.cancelBlanks);
  const [values, setValues] = useState<Partial<Record<Blank, string>>>({});
  const firstInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const errorId = useId();

  useEffect(() => {
    setValues({});
    firstInput.current?.focus();
  }, [prompt?.chatId, prompt?.phraseId]);

  if (!prompt) return null;
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') cancelBlanks();
        }}
        onSubmit={(event) => {
          event.preventDefault();
          void submitBlanks(values);
        }}
      >
        <h2 id={titleId}>{t('protocol.blank.title')}</h2>
        <p>{t('protocol.blank.intro')}</p>
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
        <div className="dialog__actions">
          <button type="button" className="button" onClick={cancelBlanks}>
            {t('protocol.blank.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('protocol.blank.insert')}
          </button>
        </div>
      </form>
    </div>
  );
}
