/**
 * "Transferir el chat": the colleague, picked from the available ones the hub lists
 * or typed by name, and the required note, then the hand-over. Errors from the hub,
 * such as a colleague who is not connected or is paused, stay in the dialog in Spanish.
 */
import type { TransferCandidates } from '../../shared/api/contract';
import { useId, useRef, useState } from 'react';
import { MAX_TRANSFER_NOTE_LENGTH } from '../../shared/hub/protocol';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { ModalDialog } from '../workbench/ModalDialog';
import { useWorkbench } from '../workbench/store-context';
import { selectTransferCandidates, selectTransferChatId, selectTransferError, selectTransferring } from './transfer-slice';

export function TransferDialog() {
  const chatId = useWorkbench(selectTransferChatId);
  if (chatId === null) return null;
  // A new chat gets a new form, so nothing typed for another chat stays.
  return <TransferForm key={chatId} />;
}

function TransferForm() {
  const candidates = useWorkbench(selectTransferCandidates);
  const transferring = useWorkbench(selectTransferring);
  const error = useWorkbench(selectTransferError);
  const closeTransfer = useWorkbench((state) => state.closeTransfer);
  const submitTransfer = useWorkbench((state) => state.submitTransfer);
  const [agent, setAgent] = useState('');
  const [note, setNote] = useState('');
  const agentField = useRef<HTMLInputElement>(null);
  const agentId = useId();
  const noteId = useId();
  const hintId = useId();
  const listId = useId();
  const errorId = useId();

  return (
    <ModalDialog
      title={t('transfer.title')}
      intro={t('transfer.intro')}
      className="transfer-dialog"
      onCancel={closeTransfer}
      onSubmit={() => void submitTransfer(agent, note)}
      initialFocus={agentField}
      actions={
        <>
          <button type="submit" className="button button--primary" disabled={transferring}>
            {t('transfer.submit')}
          </button>
          <button type="button" className="button" onClick={closeTransfer}>
            {t('transfer.cancel')}
          </button>
        </>
      }
    >
      <div className="dialog__field">
        <AvailableColleagues candidates={candidates} selected={agent} onSelect={setAgent} />
        <label htmlFor={agentId}>{t('transfer.agentLabel')}</label>
        <input
          id={agentId}
          ref={agentField}
          type="text"
          list={listId}
          value={agent}
          autoComplete="off"
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setAgent(event.target.value)}
        />
        <datalist id={listId}>
          {(candidates?.colleagues ?? []).map(({ name }) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="dialog__field">
        <label htmlFor={noteId}>{t('transfer.noteLabel')}</label>
        <textarea id={noteId} rows={4} value={note} aria-required="true" aria-describedby={hintId} onChange={(event) => setNote(event.target.value)} />
        <span id={hintId} className={`transfer-dialog__hint${note.trim().length > MAX_TRANSFER_NOTE_LENGTH ? ' error-text' : ''}`}>
          {t('transfer.noteHint', { max: MAX_TRANSFER_NOTE_LENGTH, count: note.trim().length })}
        </span>
      </div>
      <ErrorText error={error} id={errorId} />
    </ModalDialog>
  );
}

/**
 * The colleagues the hub lists as available, as radio buttons that fill in the name, or a notice
 * that nobody is available. A hub without a list of agents shows nothing here, and the name field's
 * proposals are the colleagues seen in earlier transfers.
 */
function AvailableColleagues({ candidates, selected, onSelect }: { candidates: TransferCandidates | null; selected: string; onSelect: (name: string) => void }) {
  if (candidates?.source !== 'hub') return null;
  if (candidates.colleagues.length === 0) {
    return (
      <p className="transfer-dialog__nobody" role="status">
        {t('transfer.nobodyAvailable')}
      </p>
    );
  }
  return (
    <fieldset className="transfer-dialog__colleagues">
      <legend>{t('transfer.availableLegend')}</legend>
      {candidates.colleagues.map(({ name, chats, maxChats }) => (
        <label key={name} className="transfer-dialog__colleague">
          <input type="radio" name="transfer-colleague" value={name} checked={selected === name} onChange={() => onSelect(name)} />
          {chats === null || maxChats === null ? name : t('transfer.availableOption', { agent: name, chats, max: maxChats })}
        </label>
      ))}
    </fieldset>
  );
}
