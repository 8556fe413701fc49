/** The ui slice: the active view, the bottom panel, the command palette and the tabs the agent closed. */
import type { Chat } from '../../shared/chat/model';
import type { SliceCreator, WorkbenchState } from './store';

export const VIEW_IDS = ['chats', 'selftest', 'knowledgeBase', 'followUps', 'outbox', 'settings'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface UiSlice {
  /** The active view. The workbench opens on the self-test, because the protocol requires an equipment check before the shift. */
  view: ViewId;
  problemsVisible: boolean;
  paletteOpen: boolean;
  /** Counter of requests to focus the composer; each request increments it. */
  composerFocusRequest: number;
  /**
   * Ids of finished chats whose tab the agent closed. Their transcript stays saved.
   * NOTE: kept in the page's memory only, so a reload shows those tabs again.
   */
  closedTabs: Record<string, true>;
  showView(view: ViewId): void;
  toggleProblems(): void;
  openPalette(): void;
  closePalette(): void;
  requestComposerFocus(): void;
  /** Closes the tab of a finished chat and opens the next tab, if any. Does nothing for a chat still in course. */
  closeTab(chatId: string): void;
}

/** Tells whether a chat's tab may close: the chat is closed, or it was cut and its reply was sent by email. */
export function canCloseTab(chat: Chat): boolean {
  if (chat.status === 'closed') return true;
  return chat.status === 'cut' && (chat.protocol?.emailAnswers?.length ?? 0) > 0;
}

/** Tells whether the key is Alt+W, which closes the open chat's tab. Ctrl+W is not used because the browser closes its own tab with it. */
export function isCloseTabShortcut(event: { key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && (event.code === 'KeyW' || event.key.toLowerCase() === 'w');
}

/** Returns the chats that still have a tab, in tab order. */
export function tabChats(chats: readonly Chat[], closedTabs: Readonly<Record<string, true>>): Chat[] {
  return chats.filter((chat) => !closedTabs[chat.id]);
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  view: 'selftest',
  problemsVisible: true,
  paletteOpen: false,
  composerFocusRequest: 0,
  closedTabs: {},

  showView: (view) => set({ view }),
  toggleProblems: () => set((state) => ({ problemsVisible: !state.problemsVisible })),
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  requestComposerFocus: () => set((state) => ({ composerFocusRequest: state.composerFocusRequest + 1 })),

  closeTab(chatId) {
    const { chats, closedTabs, openChatId } = get();
    const chat = chats.find((known) => known.id === chatId);
    if (!chat || !canCloseTab(chat) || closedTabs[chatId]) return;

    // The tab that takes the closed one's place is the next, else the previous, as in an editor.
    const visible = tabChats(chats, closedTabs);
    const index = visible.findIndex((known) => known.id === chatId);
    const neighbour = visible[index + 1] ?? visible[index - 1] ?? null;
    set({
      closedTabs: { ...closedTabs, [chatId]: true },
      openChatId: openChatId === chatId ? (neighbour?.id ?? null) : openChatId,
    });
  },
});

export const selectView = (state: WorkbenchState) => state.view;
export const selectProblemsVisible = (state: WorkbenchState) => state.problemsVisible;
export const selectPaletteOpen = (state: WorkbenchState) => state.paletteOpen;
/** The agent is paused until the Node side says 'available', which needs a self-test in this session. */
export const selectPaused = (state: WorkbenchState) => state.session?.availability !== 'available';
export const selectClosedTabs = (state: WorkbenchState) => state.closedTabs;
export const selectComposerFocusRequest = (state: WorkbenchState) => state.composerFocusRequest;
