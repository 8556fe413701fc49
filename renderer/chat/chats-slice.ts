/** The chats slice: the agent's chats, the open one, the composer drafts, taking and sending. */
import type { Workspace } from '../../shared/api/contract';
import type { Chat, ChatMessage } from '../../shared/chat/model';
import { answersByEmail } from '../../shared/outbox/model';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import { composeEntityGreeting } from '../settings/settings-slice';
import { isFollowUpDraftKey } from '../follow-ups/follow-ups-slice';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { adjacentChatId, appendMessage, canSend, pickOpenChat, replaceChats, upsertChat } from './chat-state';

export interface ChatsSlice {
  chats: Chat[];
  openChatId: string | null;
  /** Composer text per chat id, kept while the agent switches between chats. */
  drafts: Record<string, string>;
  /** Chat ids whose reply is in flight. */
  sending: Record<string, boolean>;
  sendErrors: Record<string, DisplayMessage>;
  taking: boolean;
  takeError: DisplayMessage | null;
  /** Replaces queue, chats and hub state with a fresh workspace, as after a reconnection. */
  applyWorkspace(workspace: Workspace): void;
  loadWorkspace(): Promise<void>;
  applyChat(chat: Chat): void;
  applyMessage(message: ChatMessage): void;
  openChat(chatId: string): void;
  /** Opens the chat `delta` tabs away from the open one, wrapping at both ends. */
  openAdjacentChat(delta: number): void;
  setDraft(chatId: string, text: string): void;
  /** Takes the oldest waiting chat, then proposes or sends the institutional greeting. */
  takeNext(): Promise<void>;
  sendReply(chatId: string): Promise<void>;
}

export const createChatsSlice: SliceCreator<ChatsSlice> = (set, get, { client, now }) => ({
  chats: [],
  openChatId: null,
  drafts: {},
  sending: {},
  sendErrors: {},
  taking: false,
  takeError: null,

  applyWorkspace(workspace) {
    get().applyQueue(workspace.queue);
    get().setHubConnection(workspace.connection);
    set((state) => {
      const chats = replaceChats(state.chats, workspace.chats);
      return { chats, openChatId: pickOpenChat(chats, state.openChatId) };
    });
  },

  async loadWorkspace() {
    try {
      get().applyWorkspace(await client.call('workspace.get', {}));
    } catch (error) {
      set({ takeError: displayMessageOf(error) });
    }
  },

  applyChat(chat) {
    set((state) => {
      const chats = upsertChat(state.chats, chat);
      return { chats, openChatId: pickOpenChat(chats, state.openChatId) };
    });
  },

  applyMessage(message) {
    set((state) => ({ chats: appendMessage(state.chats, message) }));
  },

  openChat(chatId) {
    if (get().chats.some((chat) => chat.id === chatId)) set({ openChatId: chatId });
  },

  openAdjacentChat(delta) {
    const chatId = adjacentChatId(get().chats, get().openChatId, delta);
    if (chatId !== null) set({ openChatId: chatId });
  },

  setDraft(chatId, text) {
    set((state) => ({ drafts: { ...state.drafts, [chatId]: text } }));
  },

  async takeNext() {
    if (get().taking) return;
    set({ taking: true, takeError: null });

    let chat: Chat;
    try {
      chat = await client.call('chat.takeNext', {});
    } catch (error) {
      set({ taking: false, takeError: displayMessageOf(error) });
      return;
    }

    const session = get().session;
    const greeting = session?.agentName ? composeEntityGreeting(get(), session.agentName, now()) : '';
    set((state) => ({
      chats: upsertChat(state.chats, chat),
      openChatId: chat.id,
      drafts: { ...state.drafts, [chat.id]: greeting },
      taking: false,
    }));
    get().showView('chats');
    get().requestComposerFocus();

    if (greeting && session?.autoSendGreeting) await get().sendReply(chat.id);
  },

  async sendReply(chatId) {
    // The answer to a request left by email goes out through the outbox, after the same pre-send review.
    if (isFollowUpDraftKey(chatId)) return get().sendFollowUpAnswer(chatId);
    // A cut or follow-up chat's answer goes out by email, after the same pre-send review.
    const chat = get().chats.find((known) => known.id === chatId);
    if (chat && answersByEmail(chat)) return get().sendEmailAnswer(chatId);
    // Without the hub the reply waits in the Node side's send queue and goes out, once, when the link returns.
    if (get().hubConnection === 'disconnected') return get().queueReply(chatId);

    const draft = get().drafts[chatId] ?? '';
    if (!canSend(draft, get().sending[chatId] === true)) return;

    set((state) => {
      const { [chatId]: _cleared, ...sendErrors } = state.sendErrors;
      return { sending: { ...state.sending, [chatId]: true }, sendErrors };
    });

    try {
      const message = await client.call('chat.send', { chatId, text: draft });
      set((state) => ({
        chats: appendMessage(state.chats, message),
        drafts: { ...state.drafts, [chatId]: '' },
        sending: { ...state.sending, [chatId]: false },
      }));
    } catch (error) {
      // The text stays in the composer so that the agent can send it again.
      set((state) => ({
        sending: { ...state.sending, [chatId]: false },
        sendErrors: { ...state.sendErrors, [chatId]: displayMessageOf(error) },
      }));
    }
  },
});

export const selectChats = (state: WorkbenchState) => state.chats;
export const selectOpenChatId = (state: WorkbenchState) => state.openChatId;
export const selectOpenChat = (state: WorkbenchState) => state.chats.find((chat) => chat.id === state.openChatId) ?? null;
export const selectDraftOf = (chatId: string) => (state: WorkbenchState) => state.drafts[chatId] ?? '';
export const selectSendingOf = (chatId: string) => (state: WorkbenchState) => state.sending[chatId] === true;
export const selectSendErrorOf = (chatId: string) => (state: WorkbenchState) => state.sendErrors[chatId] ?? null;
export const selectTaking = (state: WorkbenchState) => state.taking;
export const selectTakeError = (state: WorkbenchState) => state.takeError;
