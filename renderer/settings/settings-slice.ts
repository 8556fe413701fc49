/** The settings slice: the entity's settings as the Node side sent them, and the agent's preferences. */
import type { AgentPreferences, SettingsState } from '../../shared/settings/entity-settings';
import { CHAT_TIME_BUDGET_MS } from '../../shared/protocol/chat-protocol';
import { composeGreeting, salutationAt } from '../../shared/protocol/greeting';
import { DEFAULT_PHRASES, fillPhrase, type PhraseId } from '../../shared/protocol/phrases';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface SettingsSlice {
  settings: SettingsState | null;
  /** The error of the last failed settings load or preference change. */
  preferencesError: DisplayMessage | null;
  loadSettings(): Promise<void>;
  applySettings(settings: SettingsState): void;
  /** Changes preferences at once and moves them back if the Node side rejects the change. */
  setPreferences(change: Partial<AgentPreferences>): Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get, { client }) => ({
  settings: null,
  preferencesError: null,

  async loadSettings() {
    try {
      set({ settings: await client.call('settings.get', {}), preferencesError: null });
    } catch (error) {
      set({ preferencesError: displayMessageOf(error) });
    }
  },

  applySettings(settings) {
    set({ settings });
    // A new hub has a new citizen page, which the session carries.
    if (settings.lastChange?.fields.includes('hubUrl')) {
      client.call('session.get', {}).then(
        (session) => set({ session }),
        () => undefined,
      );
    }
  },

  async setPreferences(change) {
    const before = get().settings;
    if (!before) return;
    set({ settings: { ...before, preferences: { ...before.preferences, ...change } }, preferencesError: null });
    try {
      set({ settings: await client.call('settings.setPreferences', change) });
    } catch (error) {
      set((state) => ({
        settings: state.settings ? { ...state.settings, preferences: before.preferences } : state.settings,
        preferencesError: displayMessageOf(error),
      }));
    }
  },
});

export const selectSettings = (state: WorkbenchState) => state.settings;
export const selectPreferences = (state: WorkbenchState) => state.settings?.preferences ?? null;
export const selectPreferencesError = (state: WorkbenchState) => state.preferencesError;
export const selectSettingsProblem = (state: WorkbenchState) => state.settings?.error ?? null;
/** The entity's request for the citizen's name and email, which follows the greeting. */
export const selectDataRequest = (state: WorkbenchState) => state.settings?.entity.phrases.dataRequest ?? DEFAULT_PHRASES.dataRequest;
/** The entity's text of a protocol phrase, or the protocol's default before the settings arrive. */
export const phraseOf = (state: WorkbenchState, id: PhraseId) => state.settings?.entity.phrases[id] ?? DEFAULT_PHRASES[id];

/**
 * Composes the greeting the composer proposes on taking a chat: the entity's
 * greeting phrase when its settings replace it, otherwise the protocol's greeting
 * with the entity's data request. A replaced phrase with a blank the greeting
 * cannot fill, such as {nombre_ciudadano}, falls back to the protocol's greeting.
 */
export function composeEntityGreeting(state: WorkbenchState, agentName: string, localTime: Date): string {
  const template = phraseOf(state, 'greeting');
  const protocolGreeting = () => composeGreeting(agentName, localTime, selectDataRequest(state));
  if (template === DEFAULT_PHRASES.greeting) return protocolGreeting();
  const filled = fillPhrase(template, { saludo: salutationAt(localTime), nombre_agente: agentName.trim() });
  return filled.ok ? filled.text : protocolGreeting();
}
/** Ways to continue a request too complex for the chat; undefined before the settings arrive, so the protocol's list applies. */
export const selectEscalationOptions = (state: WorkbenchState) => state.settings?.entity.escalationOptions;
/** The entity's time budget per chat, in milliseconds. */
export const selectChatTimeBudgetMs = (state: WorkbenchState) =>
  state.settings ? state.settings.entity.chatTimeBudgetMinutes * 60_000 : CHAT_TIME_BUDGET_MS;
/** The entity's limits for the reply checker; undefined before the settings arrive, so the checker's defaults apply. */
export const selectCheckerLimits = (state: WorkbenchState) => state.settings?.entity.checker;
