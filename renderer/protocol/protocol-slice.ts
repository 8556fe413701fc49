/**
 * The protocol slice: the panel's actions on the open chat. Phrases go into the
 * composer at the cursor, and a phrase whose blank has no value first prompts the
 * agent for it. Citizen data, the analysis, the email follow-up and closing are stored
 * on the Node side, which sends the chat back.
 */
import type { Chat } from '../../shared/chat/model';
import type { Analysis } from '../../shared/protocol/chat-protocol';
import { citizenEmailSchema, citizenNameSchema } from '../../shared/protocol/citizen-data';
import { phraseOf, selectEscalationOptions } from '../settings/settings-slice';
import { blankValuesOf, fillPhrase, type Blank, type BlankValues, type PhraseId } from '../../shared/protocol/phrases';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { phaseReportOf } from './phase-report';

export interface BlankPrompt {
  chatId: string;
  phraseId: PhraseId;
  missing: Blank[];
  error: DisplayMessage | null;
}

/** What the protocol's closing still lacks when the agent asks to close a live chat. */
export type MissingClosingStep = 'closingQuestion' | 'citizenConfirmation' | 'farewell';

export interface CloseConfirmation {
  chatId: string;
  missing: MissingClosingStep[];
}

/** Returns the closing steps a chat still lacks; empty once the closing is done or the chat is no longer live. */
export function missingClosingSteps(chat: Chat): MissingClosingStep[] {
  if (chat.status !== 'active') return [];
  const { steps } = phaseReportOf(chat);
  const missing: MissingClosingStep[] = [];
  if (!steps.closingAsked) missing.push('closingQuestion');
  if (!steps.citizenSatisfied) missing.push('citizenConfirmation');
  if (!steps.farewellSent) missing.push('farewell');
  return missing;
}

export interface ProtocolSlice {
  blankPrompt: BlankPrompt | null;
  /** The last failure or notice of a protocol action, per chat. */
  protocolNotices: Record<string, DisplayMessage>;
  /** Inserts the phrase at the cursor, or opens a prompt for the blanks that have no value. */
  insertPhrase(chatId: string, phraseId: PhraseId, extra?: BlankValues): void;
  /** Stores the values typed into the blank prompt and inserts its phrase. */
  submitBlanks(values: Partial<Record<Blank, string>>): Promise<void>;
  cancelBlanks(): void;
  setCitizen(chatId: string, data: { name?: string; email?: string }): Promise<boolean>;
  /** Records the analysis; "tooComplex" also proposes the message with the options in the composer. */
  markAnalysis(chatId: string, analysis: Analysis): Promise<void>;
  markFollowUp(chatId: string, email: string): Promise<boolean>;
  /** Closes the chat and stores its transcript, without asking. */
  closeChat(chatId: string): Promise<void>;
  /** The open question whether to close a live chat whose closing is not done. */
  closeConfirmation: CloseConfirmation | null;
  /** Closes the chat, or first asks for confirmation while the chat is live and its closing is not done. */
  requestCloseChat(chatId: string): Promise<void>;
  confirmCloseChat(): Promise<void>;
  cancelCloseChat(): void;
  /**
   * Leaves the close question to send the farewell: with an empty draft the farewell is
   * sent at once (through the checker), otherwise it is inserted for the agent to send.
   */
  sendFarewellFirst(): Promise<void>;
}

export const createProtocolSlice: SliceCreator<ProtocolSlice> = (set, get, { client, now }) => {
  function notice(chatId: string, message: DisplayMessage | null) {
    set((state) => {
      const { [chatId]: _old, ...rest } = state.protocolNotices;
      return { protocolNotices: message ? { ...rest, [chatId]: message } : rest };
    });
  }

  /** Runs an API call that returns the chat, applies the chat, and shows a failure on the chat. */
  async function updateChat(chatId: string, call: () => ReturnType<typeof client.call<'chat.setCitizen'>>): Promise<boolean> {
    try {
      get().applyChat(await call());
      notice(chatId, null);
      return true;
    } catch (error) {
      notice(chatId, displayMessageOf(error));
      return false;
    }
  }

  return {
    blankPrompt: null,
    protocolNotices: {},
    closeConfirmation: null,

    insertPhrase(chatId, phraseId, extra = {}) {
      const state = get();
      const chat = state.chats.find((known) => known.id === chatId);
      if (!chat || chat.status === 'closed') return;
      const values = {
        ...blankValuesOf({
          agentName: state.session?.agentName ?? null,
          citizenName: chat.protocol?.citizenName ?? null,
          citizenEmail: chat.protocol?.citizenEmail ?? null,
          localTime: now(),
          complexOptions: selectEscalationOptions(state),
        }),
        ...extra,
      };
      const phrase = fillPhrase(phraseOf(state, phraseId), values);
      if (!phrase.ok) {
        set({ blankPrompt: { chatId, phraseId, missing: phrase.missing, error: null } });
        return;
      }
      set({ blankPrompt: null });
      get().insertIntoDraft(chatId, phrase.text);
    },

    async submitBlanks(values) {
      const prompt = get().blankPrompt;
      if (!prompt) return;
      const citizen: { name?: string; email?: string } = {};
      const extra: BlankValues = {};

      for (const blank of prompt.missing) {
        const value = values[blank]?.trim() ?? '';
        let parsed: { success: boolean; data?: string } = { success: value !== '', data: value };
        if (blank === 'nombre_ciudadano') parsed = citizenNameSchema.safeParse(value);
        if (blank === 'correo_ciudadano') parsed = citizenEmailSchema.safeParse(value);
        if (!parsed.success) {
          set({ blankPrompt: { ...prompt, error: { key: 'protocol.blank.invalid', params: { field: value } } } });
          return;
        }
        extra[blank] = parsed.data;
        if (blank === 'nombre_ciudadano') citizen.name = parsed.data;
        if (blank === 'correo_ciudadano') citizen.email = parsed.data;
      }

      // The citizen's data is stored on the chat first, so the next phrases find it.
      if ((citizen.name || citizen.email) && !(await get().setCitizen(prompt.chatId, citizen))) {
        set({ blankPrompt: { ...prompt, error: get().protocolNotices[prompt.chatId] ?? null } });
        return;
      }
      get().insertPhrase(prompt.chatId, prompt.phraseId, extra);
    },

    cancelBlanks() {
      set({ blankPrompt: null });
      get().requestComposerFocus();
    },

    setCitizen(chatId, data) {
      return updateChat(chatId, () => client.call('chat.setCitizen', { chatId, ...data }));
    },

    async markAnalysis(chatId, analysis) {
      const stored = await updateChat(chatId, () => client.call('chat.setAnalysis', { chatId, analysis }));
      if (stored && analysis === 'tooComplex') get().insertPhrase(chatId, 'tooComplex');
    },

    markFollowUp(chatId, email) {
      return updateChat(chatId, () => client.call('chat.setFollowUp', { chatId, email }));
    },

    async requestCloseChat(chatId) {
      const chat = get().chats.find((known) => known.id === chatId);
      if (!chat) return;
      const missing = missingClosingSteps(chat);
      if (missing.length > 0) {
        set({ closeConfirmation: { chatId, missing } });
        return;
      }
      await get().closeChat(chatId);
    },

    async confirmCloseChat() {
      const confirmation = get().closeConfirmation;
      if (!confirmation) return;
      set({ closeConfirmation: null });
      await get().closeChat(confirmation.chatId);
    },

    cancelCloseChat() {
      set({ closeConfirmation: null });
      get().requestComposerFocus();
    },

    async sendFarewellFirst() {
      const confirmation = get().closeConfirmation;
      if (!confirmation) return;
      set({ closeConfirmation: null });
      const { chatId } = confirmation;
      const draftWasEmpty = (get().drafts[chatId] ?? '').trim() === '';
      get().insertPhrase(chatId, 'farewell');
      // A farewell whose blanks need the agent opens the blank prompt, and a draft in progress is the agent's to send.
      if (draftWasEmpty && get().blankPrompt === null && (get().drafts[chatId] ?? '').trim() !== '') await get().submitReply(chatId);
    },

    async closeChat(chatId) {
      if (await updateChat(chatId, () => client.call('chat.close', { chatId }))) {
        const file = get().chats.find((chat) => chat.id === chatId)?.protocol?.transcriptFile ?? '';
        notice(chatId, { key: 'protocol.closed', params: { file } });
      }
    },
  };
};

export const selectBlankPrompt = (state: WorkbenchState) => state.blankPrompt;
export const selectProtocolNoticeOf = (chatId: string) => (state: WorkbenchState) => state.protocolNotices[chatId] ?? null;
export const selectCloseConfirmation = (state: WorkbenchState) => state.closeConfirmation;
