/** The editor's notice after a transfer: where the chat went, until the agent dismisses it. */
import { t, tDynamic } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { selectTransferNotice } from './transfer-slice';

export function TransferNotice() {
  const notice = useWorkbench(selectTransferNotice);
  const dismiss = useWorkbench((state) => state.dismissTransferNotice);
  if (!notice) return null;
  return (
    <div className="equipment-alert transfer-notice" role="status">
      <span>{tDynamic(notice.key, notice.params)}</span>
      <button type="button" className="button" onClick={dismiss}>
        {t('offline.dismiss')}
      </button>
    </div>
  );
}
