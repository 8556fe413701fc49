/** The editor's notice after a transfer: where the chat went, until the agent dismisses it. */
import { tDynamic } from '../i18n';
import { DismissibleNotice } from '../workbench/DismissibleNotice';
import { useWorkbench } from '../workbench/store-context';
import { selectTransferNotice } from './transfer-slice';

export function TransferNotice() {
  const notice = useWorkbench(selectTransferNotice);
  const dismiss = useWorkbench((state) => state.dismissTransferNotice);
  if (!notice) return null;
  return <DismissibleNotice className="transfer-notice" message={tDynamic(notice.key, notice.params)} onDismiss={dismiss} />;
}
