/**
 * Above the open chat's conversation: the note of the colleague who handed the
 * chat over, if any, and the "Transferir" button, which needs the hub and a chat
 * that is not closed.
 */
import type { Chat } from '../../shared/chat/model';
import { t } from '../i18n';
import { selectHubConnection } from '../session/session-slice';
import { useWorkbench } from '../workbench/store-context';

export function TransferBar({ chat }: { chat: Chat }) {
  const hub = useWorkbench(selectHubConnection);
  const openTransfer = useWorkbench((state) => state.openTransfer);
  const received = chat.protocol?.transferredFrom;

  return (
    <div className="transfer-bar">
      {received && (
        <p className="transfer-bar__note">{t('transfer.received', { agent: received.fromAgent, note: received.note })}</p>
      )}
      <button type="button" className="button transfer-bar__button" disabled={chat.status === 'closed' || hub !== 'connected'} onClick={() => openTransfer(chat.id)}>
        {t('transfer.button')}
      </button>
    </div>
  );
}
