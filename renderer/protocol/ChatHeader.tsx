/** The open chat's header: the citizen's confirmed name and email, the email follow-up and the time used of the chat's budget. */
import type { Chat } from '../../shared/chat/model';
import { formatWaitingTime } from '../../shared/chat/queue';
import { EXTRA_TIME_NOTICE_SHARE, budgetShare } from '../../shared/protocol/chat-protocol';
import { t } from '../i18n';
import { useNow } from '../queue/use-now';
import { selectChatTimeBudgetMs } from '../settings/settings-slice';
import { useWorkbench } from '../workbench/store-context';

export function ChatHeader({ chat }: { chat: Chat }) {
  const now = useNow();
  const budgetMs = useWorkbench(selectChatTimeBudgetMs);
  const protocol = chat.protocol;
  const share = budgetShare(protocol, now, budgetMs);
  const elapsed = protocol?.takenAt ? now - protocol.takenAt : 0;

  return (
    <header className="chat-header">
      {chat.status === 'cut' && (
        <p className="chat-header__cut" role="status">
          <strong>{t('chat.cutTag')}.</strong> {t('chat.cutNotice')}
        </p>
      )}
      <span className="chat-header__citizen">{protocol?.citizenName ? t('protocol.header.citizen', { name: protocol.citizenName }) : t('protocol.header.noName')}</span>
      {protocol?.citizenEmail && <span>{t('protocol.header.email', { email: protocol.citizenEmail })}</span>}
      {protocol?.followUpEmail && <span className="chat-header__follow-up">{t('protocol.time.followUp', { email: protocol.followUpEmail })}</span>}
      {protocol?.takenAt && chat.status === 'active' && (
        <span className={`chat-header__time${share >= EXTRA_TIME_NOTICE_SHARE ? ' chat-header__time--late' : ''}`}>
          {t('protocol.time.elapsed', { elapsed: formatWaitingTime(elapsed), budget: formatWaitingTime(budgetMs) })}
        </span>
      )}
    </header>
  );
}
