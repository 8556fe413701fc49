/** The settings slice: the entity's settings as the Node side sent them, and the agent's preferences. */
import type { AgentPreferences, SettingsState } from '../../shared/settings/entity-settings';
import { DEFAULT_PHRASES } from '../../shared/protocol/phrases';
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

  applySettings: (settings) => set({ settings }),

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
