/** The hub login slice: whether the hub admitted the agent, and the "Token del agente" the agent types after a rejection. */
import type { HubLogin } from '../../shared/api/contract';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface HubLoginSlice {
  /** Null until the Node side first responds. */
  hubLogin: HubLogin | null;
  tokenSaving: boolean;
  tokenError: DisplayMessage | null;
  loadHubLogin(): Promise<void>;
  applyHubLogin(login: HubLogin): void;
  /** Sends the token to the Node side, which stores it and reconnects; resolves true once it was accepted for storage. */
  saveHubToken(input: string): Promise<boolean>;
}

export const createHubLoginSlice: SliceCreator<HubLoginSlice> = (set, get, { client }) => ({
  hubLogin: null,
  tokenSaving: false,
  tokenError: null,

  async loadHubLogin() {
    try {
      set({ hubLogin: await client.call('hub.login', {}) });
    } catch (error) {
      set({ tokenError: displayMessageOf(error) });
    }
  },

  applyHubLogin(login) {
    set({ hubLogin: login });
  },

  async saveHubToken(input) {
    if (get().tokenSaving) return false;
    const token = input.trim();
    if (token === '') {
      set({ tokenError: { key: 'hubLogin.empty', params: {} } });
      return false;
    }

    set({ tokenSaving: true, tokenError: null });
    try {
      set({ hubLogin: await client.call('hub.setToken', { token }), tokenSaving: false });
      return true;
    } catch (error) {
      set({ tokenSaving: false, tokenError: displayMessageOf(error) });
      return false;
    }
  },
});

export const selectHubLogin = (state: WorkbenchState) => state.hubLogin;
export const selectTokenSaving = (state: WorkbenchState) => state.tokenSaving;
export const selectTokenError = (state: WorkbenchState) => state.tokenError;
