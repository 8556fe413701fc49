/**
 * The agent's open chats as tabs above the conversation. A finished chat's tab
 * has a close mark, and Delete (Supr) on the focused tab, Alt+W or the palette close it too.
 * Tabs keep a readable minimum width and the row scrolls sideways beyond that.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { canCloseTab, isCloseTabShortcut, selectClosedTabs, tabChats } from '../workbench/ui-slice';
import { tabLabel } from './chat-label';
import { adjacentChatId } from './chat-state';
import { selectChats, selectOpenChatId } from './chats-slice';

export function ChatTabs() {
  const allChats = useWorkbench(selectChats);
  const closedTabs = useWorkbench(selectClosedTabs);
  const chats = useMemo(() => tabChats(allChats, closedTabs), [allChats, closedTabs]);
  const openChatId = useWorkbench(selectOpenChatId);
  const openChat = useWorkbench((state) => state.openChat);
  const closeTab = useWorkbench((state) => state.closeTab);
  const tabList = useRef<HTMLDivElement>(null);

  // Alt+W closes the open chat's tab from anywhere in the Chats view, as Ctrl+W does in an editor.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isCloseTabShortcut(event) || openChatId === null) return;
      event.preventDefault();
      closeTab(openChatId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeTab, openChatId]);

  // The open tab scrolls into view when the row is wider than the editor.
  useEffect(() => {
    tabList.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [openChatId, chats.length]);

  if (chats.length === 0) return null;

  function focusTab(chatId: string | null) {
    const index = chats.findIndex((chat) => chat.id === chatId);
    tabList.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[index]?.focus();
  }

  // Arrow keys, Home and End move between tabs, as in the WAI-ARIA tabs pattern. Delete closes a finished chat's tab.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Delete' && openChatId !== null) {
      event.preventDefault();
      closeTab(openChatId);
      return;
    }

    let nextId: string | null;
    if (event.key === 'ArrowRight') nextId = adjacentChatId(chats, openChatId, 1);
    else if (event.key === 'ArrowLeft') nextId = adjacentChatId(chats, openChatId, -1);
    else if (event.key === 'Home') nextId = chats[0]?.id ?? null;
    else if (event.key === 'End') nextId = chats.at(-1)?.id ?? null;
    else return;

    event.preventDefault();
    if (nextId === null) return;
    openChat(nextId);
    focusTab(nextId);
  }

  return (
    <div className="chat-tabs" role="tablist" aria-label={t('chat.openChats')} ref={tabList} onKeyDown={onKeyDown}>
      {chats.map((chat) => {
        const selected = chat.id === openChatId;
        const label = tabLabel(chat, allChats);
        const closable = canCloseTab(chat);
        return (
          <button
            key={chat.id}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-keyshortcuts={closable ? 'Delete Alt+W' : undefined}
            tabIndex={selected ? 0 : -1}
            className={`chat-tab${chat.status === 'closed' ? ' chat-tab--closed' : ''}`}
            title={closable ? `${label}. ${t('chat.tab.closeHint')}` : label}
            onClick={() => openChat(chat.id)}
          >
            <span className="chat-tab__label">{label}</span>
            {closable && (
              // A mark for the mouse only: a control inside a tab would break the tabs pattern, so the keyboard uses Delete or Alt+W.
              <span
                className="chat-tab__close"
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  closeTab(chat.id);
                }}
              >
                ×
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
