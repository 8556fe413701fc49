/** The agent's open chats as tabs above the conversation. */
import { useRef, type KeyboardEvent } from 'react';
import type { Chat } from '../../shared/chat/model';
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { chatLabel } from './chat-label';
import { adjacentChatId } from './chat-state';
import { selectChats, selectOpenChatId } from './chats-slice';

function tabLabel(chat: Chat, chats: readonly Chat[]): string {
  const label = chatLabel(chat, chats);
  if (chat.status === 'cut') return `${label} (${t('chat.cutTag')})`;
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
    let nextId: string | null;
    if (event.key === 'ArrowRight') nextId = adjacentChatId(chats, openChatId, 1);
    else if (event.key === 'ArrowLeft') nextId = adjacentChatId(chats, openChatId, -1);
    else if (event.key === 'Home') nextId = chats[0]?.id ?? null;
    else if (event.key === 'End') nextId = chats.at(-1)?.id ?? null;
    else return;

    event.preventDefault();
    if (nextId === null) return;
    openChat(nextId);
    const index = chats.findIndex((chat) => chat.id === nextId);
    tabList.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[index]?.focus();
  }

  return (
    <div className="chat-tabs" role="tablist" aria-label={t('chat.openChats')} ref={tabList} onKeyDown={onKeyDown}>
      {chats.map((chat) => {
        const selected = chat.id === openChatId;
        const label = tabLabel(chat, chats);
        return (
          <button
            key={chat.id}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`chat-tab${chat.status === 'closed' ? ' chat-tab--closed' : ''}`}
            title={label}
            onClick={() => openChat(chat.id)}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
