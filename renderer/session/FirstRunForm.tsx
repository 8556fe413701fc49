/** The first-run form, which requests the agent's name for the greeting of every chat. */
import { useId, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectNameError, selectNameSaving } from './session-slice';

export function FirstRunForm() {
  const [name, setName] = useState('');
  const saving = useWorkbench(selectNameSaving);
  const error = useWorkbench(selectNameError);
  const saveAgentName = useWorkbench((state) => state.saveAgentName);
  const inputId = useId();
  const errorId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    void saveAgentName(name);
  }

  return (
    <main className="first-run">
      <form className="first-run__card" onSubmit={submit} noValidate>
        <h1>{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <label htmlFor={inputId}>{t('firstRun.nameLabel')}</label>
        <input
          id={inputId}
          value={name}
          autoFocus
          autoComplete="name"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <ErrorText error={error} id={errorId} />
        <button type="submit" className="button button--primary" disabled={saving}>
          {t('firstRun.save')}
        </button>
      </form>
    </main>
  );
}
