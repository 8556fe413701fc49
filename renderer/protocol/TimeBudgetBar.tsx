/**
 * The bar above the composer. Past 80 % of the chat's time budget it proposes the
 * protocol's "tiempo adicional" notice. Once the notice was sent, it lets the agent
 * mark that the citizen agreed, which turns the chat into an email follow-up.
 */
import { useState } from 'react';
import type { Chat } from '../../shared/chat/model';
import { EXTRA_TIME_NOTICE_SHARE, budgetShare } from '../../shared/protocol/chat-protocol';
import { t } from '../i18n';
import { useNow } from '../queue/use-now';
import { selectChatTimeBudgetMs } from '../settings/settings-slice';
import { useWorkbench } from '../workbench/store-context';
import { phaseReportOf } from './phase-report';

function FollowUpForm({ chat }: { chat: Chat }) {
  const markFollowUp = useWorkbench((state) => state.markFollowUp);
  const [email, setEmail] = useState(chat.protocol?.citizenEmail ?? '');
  return (
    <form
      className="time-budget"
      onSubmit={(event) => {
        event.preventDefault();
        void markFollowUp(chat.id, email);
      }}
    >
      <label>
        {t('protocol.time.followUpLabel')} <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      </label>
      <button type="submit" className="button">
        {t('protocol.time.followUpSave')}
      </button>
    </form>
  );
}

export function TimeBudgetBar({ chat }: { chat: Chat }) {
  const now = useNow();
  const insertPhrase = useWorkbench((state) => state.insertPhrase);
  const budgetMs = useWorkbench(selectChatTimeBudgetMs);
  if (chat.status !== 'active' || chat.protocol?.followUpEmail) return null;

  const report = phaseReportOf(chat);
  if (report.steps.extraTimeSent) return <FollowUpForm chat={chat} />;

  const share = budgetShare(chat.protocol, now, budgetMs);
  if (share < EXTRA_TIME_NOTICE_SHARE) return null;
  return (
    <div className="time-budget" role="status">
      <span>{t('protocol.time.proposal', { percent: Math.min(100, Math.floor(share * 100)) })}</span>
      <button type="button" className="button" onClick={() => insertPhrase(chat.id, 'extraTime')}>
        {t('protocol.time.insertNotice')}
      </button>
    </div>
  );
}
