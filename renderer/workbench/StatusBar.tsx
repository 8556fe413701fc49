/** The status bar: agent status, hub and local-service connections, headset, microphone and queue length. */
import type { MessageKey } from '../../shared/i18n/catalog';
import { countActive } from '../chat/chat-state';
import { selectChats } from '../chat/chats-slice';
import { t, tDynamic } from '../i18n';
import { selectOutboxFailed, selectOutboxPending } from '../outbox/outbox-slice';
import { selectQueueLength } from '../queue/queue-slice';
import { selectFollowUpsPending } from '../follow-ups/follow-ups-slice';
import { selectSelfTestRows } from '../selftest/selftest-slice';
import { deviceState } from '../selftest/verdict';
import { selectAvailabilityError, selectHubConnection, selectTransportState } from '../session/session-slice';
import { agentStatus } from './agent-status';
import { useWorkbench } from './store-context';
import { selectPaused } from './ui-slice';

export function StatusBar() {
  const paused = useWorkbench(selectPaused);
  const activeChats = useWorkbench((state) => countActive(selectChats(state)));
  const hub = useWorkbench(selectHubConnection);
  const transport = useWorkbench(selectTransportState);
  const rows = useWorkbench(selectSelfTestRows);
  const queueLength = useWorkbench(selectQueueLength);
  const setAvailability = useWorkbench((state) => state.setAvailability);
  const availabilityError = useWorkbench(selectAvailabilityError);
  const outboxPending = useWorkbench(selectOutboxPending);
  const outboxFailed = useWorkbench(selectOutboxFailed);
  const followUpsPending = useWorkbench(selectFollowUpsPending);
  const showView = useWorkbench((state) => state.showView);

  const status = agentStatus(paused, activeChats);
  const headset = deviceState(rows, 'headset');
  const microphone = deviceState(rows, 'microphone');

  return (
    <footer className="status-bar" aria-label={t('workbench.statusBar')}>
      <button type="button" className={`status-bar__item status-bar__agent status--${status}`} title={t('status.agent.toggle')} onClick={() => void setAvailability(paused ? 'available' : 'paused')}>
        {t(`status.agent.${status}` as MessageKey)}
      </button>
      {/* Without the local service the hub's state is unknown, so the lost link shows in its place. */}
      {transport === 'open' ? (
        <span className={`status-bar__item hub--${hub}`} role="status">
          {t(`status.hub.${hub}` as MessageKey)}
        </span>
      ) : (
        <span className="status-bar__item status-bar__warning" role="status">
          {t(`status.transport.${transport}` as MessageKey)}
        </span>
      )}
      <span className={`status-bar__item device--${headset}`}>{t('status.headset', { state: t(`status.device.${headset}` as MessageKey) })}</span>
      <span className={`status-bar__item device--${microphone}`}>
        {t('status.microphone', { state: t(`status.device.${microphone}` as MessageKey) })}
      </span>
      {availabilityError && (
        <span className="status-bar__item status-bar__warning" role="alert">
          {tDynamic(availabilityError.key, availabilityError.params)}
        </span>
      )}
      <span className={`status-bar__item status-bar__outbox${outboxFailed > 0 ? ' status-bar__warning' : ''}`}>{t('outbox.status', { pending: outboxPending, failed: outboxFailed })}</span>
      {followUpsPending > 0 && (
        <button type="button" className="status-bar__item status-bar__follow-ups" onClick={() => showView('followUps')}>
          {t('status.followUps', { count: followUpsPending })}
        </button>
      )}
      <span className="status-bar__item status-bar__queue">{t('queue.count', { count: queueLength })}</span>
    </footer>
  );
}
