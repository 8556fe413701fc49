/** Asks before closing a live chat whose protocol closing is not done, and offers to send the farewell first. */
import { useRef } from 'react';
import { t } from '../i18n';
import { ModalDialog } from '../workbench/ModalDialog';
import { useWorkbench } from '../workbench/store-context';
import { selectCloseConfirmation } from './protocol-slice';

export function CloseChatDialog() {
  const confirmation = useWorkbench(selectCloseConfirmation);
  const confirmCloseChat = useWorkbench((state) => state.confirmCloseChat);
  const cancelCloseChat = useWorkbench((state) => state.cancelCloseChat);
  const sendFarewellFirst = useWorkbench((state) => state.sendFarewellFirst);
  const backButton = useRef<HTMLButtonElement>(null);

  if (!confirmation) return null;
  return (
    <ModalDialog
      title={t('protocol.closeConfirm.title')}
      intro={t('protocol.closeConfirm.intro')}
      onCancel={cancelCloseChat}
      // Closing loses the farewell for good, so the safe choice has the focus.
      initialFocus={backButton}
      focusKey={confirmation.chatId}
      actions={
        <>
          <button type="button" ref={backButton} className="button" onClick={cancelCloseChat}>
            {t('protocol.closeConfirm.cancel')}
          </button>
          {confirmation.missing.includes('farewell') && (
            <button type="button" className="button button--primary" onClick={() => void sendFarewellFirst()}>
              {t('protocol.closeConfirm.sendFarewell')}
            </button>
          )}
          <button type="button" className="button" onClick={() => void confirmCloseChat()}>
            {t('protocol.closeConfirm.close')}
          </button>
        </>
      }
    >
      <ul className="close-confirm__missing">
        {confirmation.missing.map((step) => (
          <li key={step}>{t(`protocol.closeConfirm.missing.${step}`)}</li>
        ))}
      </ul>
    </ModalDialog>
  );
}
