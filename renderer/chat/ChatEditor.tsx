/**
 * The editor area of the Chats view: tabs of the agent's chats, the open chat's
 * header, conversation and composer, and the protocol panel beside them.
 */
import { ReviewDialog } from '../checker/ReviewDialog';
import { t } from '../i18n';
import { BlankPromptDialog } from '../protocol/BlankPromptDialog';
import { CloseChatDialog } from '../protocol/CloseChatDialog';
import { ChatHeader } from '../protocol/ChatHeader';
import { ProtocolPanel } from '../protocol/ProtocolPanel';
import { TimeBudgetBar } from '../protocol/TimeBudgetBar';
import { useProtocolShortcuts } from '../protocol/use-protocol-shortcuts';
import { useWorkbench } from '../workbench/store-context';
import { chatLabel } from './chat-label';
import { ChatTabs } from './ChatTabs';
import { selectChats, selectOpenChat } from './chats-slice';
import { Composer } from './Composer';
import { EmailAnswerFields } from './EmailAnswerFields';
import { answersByEmail } from '../../shared/outbox/model';
import { Conversation } from './Conversation';
import { TransferBar } from '../transfer/TransferBar';

export function ChatEditor() {
  const chat = useWorkbench(selectOpenChat);
  const chats = useWorkbench(selectChats);
  useProtocolShortcuts();

  return (
    <div className="chat-editor">
      <ChatTabs />
      {chat ? (
        <div className="chat-editor__body chat-editor__body--with-protocol" role="tabpanel" aria-label={chatLabel(chat, chats)}>
          <div className="chat-editor__conversation">
            <ChatHeader chat={chat} />
            <TransferBar chat={chat} />
            <Conversation chat={chat} />
            <TimeBudgetBar chat={chat} />
            {answersByEmail(chat) && <EmailAnswerFields chat={chat} />}
            <Composer chatId={chat.id} disabled={chat.status === 'closed'} sendLabel={answersByEmail(chat) ? t('composer.email.send') : undefined} />
          </div>
          <ProtocolPanel chat={chat} />
          <BlankPromptDialog />
          <CloseChatDialog />
          <ReviewDialog />
        </div>
      ) : (
        <p className="empty-state empty-state--center">{t('chat.none')}</p>
      )}
    </div>
  );
}
