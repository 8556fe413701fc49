/**
 * The transfer slice: the "Transferir" dialog of the open chat, the colleagues to
 * propose (kept up to date while the dialog is open), and the chat leaving this
 * workstation once the hub moved it.
 */
import type { TransferCandidates } from '../../shared/api/contract';
import type { Chat } from '../../shared/chat/model';
import { MAX_TRANSFER_NOTE_LENGTH } from '../../shared/hub/protocol';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import { pickOpenChat } from '../chat/chat-state';
import { checkAgentName } from '../session/agent-name-check';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface TransferSlice {
  /** The chat whose transfer dialog is open, or null. */
  transferChatId: string | null;
  /** Colleagues to propose: the available ones from the hub's list of agents, or null until the Node side returned them. */
  transferCandidates: TransferCandidates | null;
  transferring: boolean;
  transferError: DisplayMessage | null;
  /** The outcome of the last transfer, shown after the chat left the tabs. */
  transferNotice: DisplayMessage | null;
  openTransfer(chatId: string): void;
  closeTransfer(): void;
  /** Checks the name and the note, then sends the transfer to the hub; resolves true once the chat went to the colleague. */
  submitTransfer(toAgent: string, note: string): Promise<boolean>;
  /** Arrivals by transfer already announced, as chat id and arrival time, so a chat handed back later is announced again. */
  announcedTransfers: string[];
  /** Announces a chat a colleague handed to this agent, once per hand-over, so it is not missed in another view. */
  announceTransfer(chat: Chat): void;
  /** Drops a chat that went to a colleague: its tab, draft and check. */
  applyTransferred(chatId: string, toAgent: string): void;
  dismissTransferNotice(): void;
}

/** Returns the message that says what is wrong with a note, or null when it can be sent. */
export function noteProblem(note: string): DisplayMessage | null {
  const trimmed = note.trim();
  if (trimmed === '') return { key: 'transfer.noteMissing', params: {} };
  if (trimmed.length > MAX_TRANSFER_NOTE_LENGTH) return { key: 'transfer.noteTooLong', params: { max: MAX_TRANSFER_NOTE_LENGTH } };
  return null;
}

export const createTransferSlice: SliceCreator<TransferSlice> = (set, get, { client }) => {
  /** Stops following the candidates; set while the dialog is open. */
  let stopFollowing: (() => void) | null = null;

  function followCandidates(): void {
    stopFollowing?.();
    stopFollowing = client.on('transfer.candidatesChanged', (candidates) => set({ transferCandidates: candidates }));
    client.call('transfer.candidates', {}).then(
      (candidates) => set({ transferCandidates: candidates }),
      // Without proposals the agent still types the colleague's name.
      () => set({ transferCandidates: { source: 'transfers', colleagues: [] } }),
    );
  }

  function stopFollowingCandidates(): void {
    stopFollowing?.();
    stopFollowing = null;
  }

  return {
    transferChatId: null,
    transferCandidates: null,
    transferring: false,
    transferError: null,
    transferNotice: null,
    announcedTransfers: [],

    announceTransfer(chat) {
      const received = chat.protocol?.transferredFrom;
      const arrival = received ? `${chat.id}@${received.at}` : '';
      if (!received || chat.status === 'closed' || get().announcedTransfers.includes(arrival)) return;
      set((state) => ({
        announcedTransfers: [...state.announcedTransfers, arrival],
        transferNotice: { key: 'transfer.arrived', params: { agent: received.fromAgent } },
      }));
    },

    openTransfer(chatId) {
      if (!get().chats.some((chat) => chat.id === chatId && chat.status !== 'closed')) return;
      set({ transferChatId: chatId, transferError: null, transferCandidates: null });
      followCandidates();
    },

    closeTransfer() {
      stopFollowingCandidates();
      set({ transferChatId: null, transferError: null });
    },

    async submitTransfer(toAgent, note) {
      const chatId = get().transferChatId;
      if (chatId === null || get().transferring) return false;
      const name = checkAgentName(toAgent);
      if (!name.ok) {
        set({ transferError: { key: name.messageKey, params: {} } });
        return false;
      }
      const problem = noteProblem(note);
      if (problem) {
        set({ transferError: problem });
        return false;
      }

      set({ transferring: true, transferError: null });
      try {
        const result = await client.call('chat.transfer', { chatId, toAgent: name.name, note: note.trim() });
        get().applyTransferred(result.chatId, result.toAgent);
        stopFollowingCandidates();
        set({ transferring: false, transferChatId: null });
        return true;
      } catch (error) {
        set({ transferring: false, transferError: displayMessageOf(error) });
        return false;
      }
    },

    applyTransferred(chatId, toAgent) {
      set((state) => {
        const chats = state.chats.filter((chat) => chat.id !== chatId);
        const { [chatId]: _draft, ...drafts } = state.drafts;
        const { [chatId]: _check, ...checks } = state.checks;
        return {
          chats,
          drafts,
          checks,
          openChatId: pickOpenChat(chats, state.openChatId === chatId ? null : state.openChatId),
          transferNotice: { key: 'transfer.done', params: { agent: toAgent } },
          transferChatId: state.transferChatId === chatId ? null : state.transferChatId,
        };
      });
    },

    dismissTransferNotice() {
      set({ transferNotice: null });
    },
  };
};

export const selectTransferChatId = (state: WorkbenchState) => state.transferChatId;
export const selectTransferCandidates = (state: WorkbenchState) => state.transferCandidates;
export const selectTransferring = (state: WorkbenchState) => state.transferring;
export const selectTransferError = (state: WorkbenchState) => state.transferError;
export const selectTransferNotice = (state: WorkbenchState) => state.transferNotice;
