/** The session slice: the agent's name and settings, and the state of both connections. */
import type { Availability, HubConnectionState, Session } from '../../shared/api/contract';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { TransportState } from '../api/transport';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { checkAgentName } from './agent-name-check';

export interface SessionSlice {
  session: Session | null;
  sessionStatus: 'loading' | 'ready' | 'failed';
  sessionError: DisplayMessage | null;
  nameSaving: boolean;
  nameError: DisplayMessage | null;
  settingsError: DisplayMessage | null;
  /** Why the last change of availability was rejected, for example no self-test yet. */
  availabilityError: DisplayMessage | null;
  hubConnection: HubConnectionState;
  transportState: TransportState;
  loadSession(): Promise<void>;
  /** Checks and saves the agent's name; resolves true when it was saved. */
  saveAgentName(input: string): Promise<boolean>;
  setAutoSendGreeting(enabled: boolean): Promise<void>;
  setAvailability(availability: Availability): Promise<void>;
  setHubConnection(state: HubConnectionState): void;
  setTransportState(state: TransportState): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, { client }) => ({
  session: null,
  sessionStatus: 'loading',
  sessionError: null,
  nameSaving: false,
  nameError: null,
  settingsError: null,
  availabilityError: null,
  hubConnection: 'connecting',
  transportState: client.transportState,

  async loadSession() {
    set({ sessionStatus: 'loading', sessionError: null });
    try {
      const session = await client.call('session.get', {});
      set({ session, sessionStatus: 'ready' });
    } catch (error) {
      set({ sessionStatus: 'failed', sessionError: displayMessageOf(error) });
    }
  },

  async saveAgentName(input) {
    if (get().nameSaving) return false;
    const checked = checkAgentName(input);
    if (!checked.ok) {
      set({ nameError: { key: checked.messageKey, params: {} } });
      return false;
    }

    set({ nameSaving: true, nameError: null });
    try {
      const session = await client.call('agent.setName', { name: checked.name });
      set({ session, nameSaving: false, sessionStatus: 'ready' });
      return true;
    } catch (error) {
      set({ nameSaving: false, nameError: displayMessageOf(error) });
      return false;
    }
  },

  async setAutoSendGreeting(enabled) {
    const before = get().session;
    if (!before) return;

    // The toggle moves at once and moves back if the Node side rejects the change.
    set({ session: { ...before, autoSendGreeting: enabled }, settingsError: null });
    try {
      const session = await client.call('settings.setAutoSendGreeting', { enabled });
      set({ session });
    } catch (error) {
      set((state) => ({
        session: state.session ? { ...state.session, autoSendGreeting: before.autoSendGreeting } : state.session,
        settingsError: displayMessageOf(error),
      }));
    }
  },

  async setAvailability(availability) {
    set({ availabilityError: null });
    try {
      const session = await client.call('agent.setAvailability', { availability });
      set({ session });
    } catch (error) {
      set({ availabilityError: displayMessageOf(error) });
    }
  },

  setHubConnection: (hubConnection) => set({ hubConnection }),
  setTransportState: (transportState) => set({ transportState }),
});

export const selectSession = (state: WorkbenchState) => state.session;
export const selectAgentName = (state: WorkbenchState) => state.session?.agentName ?? null;
export const selectAutoSendGreeting = (state: WorkbenchState) => state.session?.autoSendGreeting ?? false;
export const selectSessionStatus = (state: WorkbenchState) => state.sessionStatus;
export const selectSessionError = (state: WorkbenchState) => state.sessionError;
export const selectNameSaving = (state: WorkbenchState) => state.nameSaving;
export const selectNameError = (state: WorkbenchState) => state.nameError;
export const selectSettingsError = (state: WorkbenchState) => state.settingsError;
export const selectAvailabilityError = (state: WorkbenchState) => state.availabilityError;
export const selectHubConnection = (state: WorkbenchState) => state.hubConnection;
export const selectTransportState = (state: WorkbenchState) => state.transportState;
