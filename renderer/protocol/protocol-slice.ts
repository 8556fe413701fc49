/**
 * The protocol slice: the panel's actions on the open chat. Phrases go into the
 * composer at the cursor, and a phrase whose blank has no value first prompts the
 * agent for it. Citizen data, the analysis, the email follow-up and closing are stored
 * on the Node side, which sends the chat back.
 */
import type { Analysis } from '../../shared/protocol/chat-protocol';
import { citizenEmailSchema, citizenNameSchema } from '../../shared/protocol/citizen-data';
import { phraseOf, selectEscalationOptions } from '../settings/settings-slice';
import { blankValuesOf, fillPhrase, type Blank, type BlankValues, type PhraseId } from '../../shared/protocol/phrases';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface BlankPrompt {
  chatId: string;
  phraseId: PhraseId;
  missing: Blank[];
  error: DisplayMessage | null;
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
  closeChat(chatId: string): Promise<void>;
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
