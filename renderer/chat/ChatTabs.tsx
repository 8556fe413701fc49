/** The agent's open chats as tabs above the conversation. */
import { useRef, type KeyboardEvent } from 'react';
import type { Chat } from '../../shared/chat/model';
import { t } from '../i18n';
import { moveSelection } from '../palette/palette-state';
import { useWorkbench } from '../workbench/store-context';
import { selectChats, selectOpenChatId } from './chats-slice';

/** Returns a short, stable label for a chat, because the hub's ids are long and the tabs only need to tell them apart. */
export function shortChatId(chatId: string): string {
  return chatId.slice(0, 8);
}

function tabLabel(chat: Chat): string {
  const label = t('chat.header', { id: shortChatId(chat.id) });
  return chat.status === 'closed' ? `${label} (${t('chat.closedTag')})` : label;
}

export function ChatTabs() {
  const chats = useWorkbench(selectChats);
  const openChatId = useWorkbench(selectOpenChatId);
  const openChat = useWorkbench((state) => state.openChat);
  const tabList = useRef<HTMLDivElement>(null);
  if (chats.length === 0) return null;

  // Arrow keys, Home and End move between tabs, as in the WAI-ARIA tabs pattern.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = chats.findIndex((chat) => chat.id === openChatId);
    let next: number;
    if (event.key === 'ArrowRight') next = moveSelection(current, 1, chats.length);
    else if (event.key === 'ArrowLeft') next = moveSelection(current, -1, chats.length);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = chats.length - 1;
    else return;

    event.preventDefault();
    const chat = chats[next];
    if (!chat) return;
    openChat(chat.id);
    tabList.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div className="chat-tabs" role="tablist" aria-label={t('chat.openChats')} ref={tabList} onKeyDown={onKeyDown}>
      {chats.map((chat) => {
        const selected = chat.id === openChatId;
        return (
          <button
            key={chat.id}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`chat-tab${chat.status === 'closed' ? ' chat-tab--closed' : ''}`}
            onClick={() => openChat(chat.id)}
          >
            {tabLabel(chat)}
          </button>
        );
      })}
    </div>
  );
}
