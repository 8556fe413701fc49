/**
 * The settings part of the API contract: 'settings.get' and
 * 'settings.setPreferences', and the 'settings.changed' event after the entity's
 * file changed on disk or the agent changed a preference.
 */
import type { ApiEvent, ApiEventPayload } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { agentPreferencesSchema, type SettingsState } from '../../shared/settings/entity-settings';
import type { AgentSettingsStore } from './agent-settings';
import { viewOf, type EntitySettingsStore } from './entity-settings';

type Emit = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;
type SettingsHandlers = Pick<ApiHandlers, 'settings.get' | 'settings.setPreferences'>;

export function settingsStateOf(entity: EntitySettingsStore, agent: AgentSettingsStore): SettingsState {
  const settings = entity.get();
  const problem = entity.problem();
  return {
    entity: viewOf(settings),
    configured: entity.configured(),
    file: entity.path,
    locked: settings.locked,
    preferences: agentPreferencesSchema.parse(agent.get()),
    lastChange: entity.lastChange(),
    error: problem ? { code: problem.code, params: problem.params, message: problem.message } : null,
  };
}

/** Builds the handlers and starts telling listeners about reloads; returns them with the function that stops it. */
export function createSettingsHandlers(entity: EntitySettingsStore, agent: AgentSettingsStore, emit: Emit): { handlers: SettingsHandlers; stop: () => void } {
  const stop = entity.onChanged(() => emit('settings.changed', settingsStateOf(entity, agent)));

  const handlers: SettingsHandlers = {
    'settings.get': async () => settingsStateOf(entity, agent),
    'settings.setPreferences': async (change) => {
      await agent.update(change);
      const state = settingsStateOf(entity, agent);
      emit('settings.changed', state);
      return state;
    },
  };
  return { handlers, stop };
}
