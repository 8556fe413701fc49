/** The editor's banner while the hub or the local service is unreachable: drafts stay editable and replies wait. */
import { t } from '../i18n';
import { selectHubConnection, selectTransportState } from '../session/session-slice';
import { useWorkbench } from '../workbench/store-context';

export function OfflineBanner() {
  const hub = useWorkbench(selectHubConnection);
  const transport = useWorkbench(selectTransportState);
  // "connecting" is the first attempt or a quick retry; the hub client reports "disconnected" once a retry failed.
  const offline = transport === 'reconnecting' || transport === 'closed' || hub === 'disconnected';
  if (!offline) return null;

  return (
    <div className="equipment-alert offline-banner" role="status">
      <strong>{t('offline.title')}</strong> {t('offline.banner')}
    </div>
  );
}
