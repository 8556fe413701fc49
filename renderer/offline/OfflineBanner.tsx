/**
 * The editor's banner while the hub or the local service is unreachable: drafts stay
 * editable and replies wait in the send queue. Once the link returns it says how many
 * queued replies were delivered.
 */
import { t, tDynamic } from '../i18n';
import { selectHubConnection, selectTransportState } from '../session/session-slice';
import { DismissibleNotice } from '../workbench/DismissibleNotice';
import { useWorkbench } from '../workbench/store-context';
import { selectDeliveryNotice, selectQueuedReplies } from './offline-slice';

export function OfflineBanner() {
  const hub = useWorkbench(selectHubConnection);
  const transport = useWorkbench(selectTransportState);
  const queued = useWorkbench(selectQueuedReplies);
  const delivered = useWorkbench(selectDeliveryNotice);
  const dismiss = useWorkbench((state) => state.dismissDeliveryNotice);

  // "connecting" is the first attempt or a quick retry; the hub client reports "disconnected" once a retry failed.
  // The local service carries every call, the hub's included, so its loss is named first.
  const localServiceLost = transport === 'reconnecting' || transport === 'closed';
  if (localServiceLost || hub === 'disconnected') {
    return (
      <div className="equipment-alert offline-banner" role="status">
        <span>
          <strong>{t('offline.title')}</strong> {localServiceLost ? t('error.transport') : t('offline.banner')}
          {queued > 0 && ` ${t('offline.queued', { count: queued })}`}
        </span>
      </div>
    );
  }
  if (!delivered) return null;
  return <DismissibleNotice className="offline-banner offline-banner--delivered" message={tDynamic(delivered.key, delivered.params)} onDismiss={dismiss} />;
}
