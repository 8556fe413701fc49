/** Loads the settings and keeps the page's theme and font size in step with the agent's preferences. */
import type { AgentPreferences } from '../../shared/settings/entity-settings';
import type { WorkbenchStore } from '../workbench/store';

export function applyPreferences(preferences: AgentPreferences, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = preferences.theme;
  root.style.setProperty('--font-size', `${preferences.fontSizePx}px`);
}

/** Returns the function that stops watching. */
export function watchPreferences(store: WorkbenchStore): () => void {
  let applied: AgentPreferences | null = null;
  const unsubscribe = store.subscribe((state) => {
    const preferences = state.settings?.preferences;
    if (preferences && preferences !== applied) {
      applied = preferences;
      applyPreferences(preferences);
    }
  });
  void store.getState().loadSettings();
  return unsubscribe;
}
