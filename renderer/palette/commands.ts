/** Every action the workbench offers, as commands of the palette, built from the store's actions. */
import type { MessageKey } from '../../shared/i18n/catalog';
import { PROTOCOL_COMMANDS } from '../protocol/protocol-commands';
import type { WorkbenchState } from '../workbench/store';
import { adjacentChatId } from '../chat/chat-state';
import { canCloseTab, tabChats } from '../workbench/ui-slice';

export interface Command {
  id: string;
  titleKey: MessageKey;
  /** Key combination that runs the command outside the palette, as the palette shows it (for example "Alt+1"). */
  shortcut?: string;
  run(state: WorkbenchState): void | Promise<void>;
  /** False when the command cannot run now, for example sending without an open chat. */
  available(state: WorkbenchState): boolean;
}

const always = () => true;

/** Opens the tab `delta` places away from the open one, skipping chats whose tab the agent closed. */
function openAdjacentTab(state: WorkbenchState, delta: number): void {
  const chatId = adjacentChatId(tabChats(state.chats, state.closedTabs), state.openChatId, delta);
  if (chatId !== null) state.openChat(chatId);
}
const hasOpenChat = (state: WorkbenchState) => state.openChatId !== null;

export const COMMANDS: readonly Command[] = [
  { id: 'takeNext', titleKey: 'command.takeNext', run: (state) => state.takeNext(), available: always },
  {
    id: 'focusComposer',
    titleKey: 'command.focusComposer',
    run: (state) => {
      state.showView('chats');
      state.requestComposerFocus();
    },
    available: hasOpenChat,
  },
  {
    id: 'sendReply',
    titleKey: 'command.sendReply',
    run: (state) => (state.openChatId ? state.submitReply(state.openChatId) : undefined),
    available: hasOpenChat,
  },
  {
    id: 'nextChat',
    titleKey: 'command.nextChat',
    run: (state) => {
      state.showView('chats');
      openAdjacentTab(state, 1);
    },
    available: (state) => tabChats(state.chats, state.closedTabs).length > 1,
  },
  {
    id: 'previousChat',
    titleKey: 'command.previousChat',
    run: (state) => {
      state.showView('chats');
      openAdjacentTab(state, -1);
    },
    available: (state) => tabChats(state.chats, state.closedTabs).length > 1,
  },
  {
    id: 'closeTab',
    titleKey: 'command.closeTab',
    shortcut: 'Alt+W',
    run: (state) => (state.openChatId ? state.closeTab(state.openChatId) : undefined),
    available: (state) => state.chats.some((chat) => chat.id === state.openChatId && canCloseTab(chat) && !state.closedTabs[chat.id]),
  },
  { id: 'showChats', titleKey: 'command.showChats', run: (state) => state.showView('chats'), available: always },
  { id: 'showSelftest', titleKey: 'command.showSelftest', run: (state) => state.showView('selftest'), available: always },
  {
    id: 'runSelftest',
    titleKey: 'command.runSelftest',
    run: (state) => {
      state.showView('selftest');
      return state.runSelfTest();
    },
    available: always,
  },
  { id: 'showKnowledgeBase', titleKey: 'command.showKnowledgeBase', run: (state) => state.showView('knowledgeBase'), available: always },
  { id: 'searchKnowledgeBase', titleKey: 'command.searchKnowledgeBase', run: (state) => state.requestKbSearchFocus(), available: always },
  { id: 'showOutbox', titleKey: 'command.showOutbox', run: (state) => state.showView('outbox'), available: always },
  { id: 'showFollowUps', titleKey: 'command.showFollowUps', run: (state) => state.showView('followUps'), available: always },
  {
    id: 'transferChat',
    titleKey: 'command.transferChat',
    run: (state) => {
      if (!state.openChatId) return;
      state.showView('chats');
      state.openTransfer(state.openChatId);
    },
    available: (state) => state.hubConnection === 'connected' && state.chats.some((chat) => chat.id === state.openChatId && chat.status !== 'closed'),
  },
  { id: 'showSettings', titleKey: 'command.showSettings', run: (state) => state.showView('settings'), available: always },
  { id: 'toggleProblems', titleKey: 'command.toggleProblems', run: (state) => state.toggleProblems(), available: always },
  {
    id: 'toggleAutoGreeting',
    titleKey: 'command.toggleAutoGreeting',
    run: (state) => state.setAutoSendGreeting(!(state.session?.autoSendGreeting ?? false)),
    available: (state) => state.session !== null,
  },
  {
    id: 'togglePause',
    titleKey: 'command.togglePause',
    run: (state) => state.setAvailability(state.session?.availability === 'available' ? 'paused' : 'available'),
    available: (state) => state.session !== null,
  },
  ...PROTOCOL_COMMANDS,
];
