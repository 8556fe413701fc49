/** The editor area of the Chats view: tabs of the agent's chats, the open conversation and its composer. */
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { ChatTabs, shortChatId } from './ChatTabs';
import { selectOpenChat } from './chats-slice';
import { Composer } from './Composer';
import { Conversation } from './Conversation';

export function ChatEditor() {
  const chat = useWorkbench(selectOpenChat);

  return (
    <div className="chat-editor">
      <ChatTabs />
      {chat ? (
        <div className="chat-editor__body" role="tabpanel" aria-label={t('chat.header', { id: shortChatId(chat.id) })}>
          <Conversation chat={chat} />
          <Composer chatId={chat.id} disabled={chat.status === 'closed'} />
        </div>
      ) : (
        <p className="empty-state empty-state--center">{t('chat.none')}</p>
      )}
    </div>
  );
}
