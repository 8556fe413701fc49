// The settings slice through the real API client over a real WebSocket host.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { ApiError } from '../../../shared/api/result';
import type { Chat } from '../../../shared/chat/model';
import { DEFAULT_PHRASES } from '../../../shared/protocol/phrases';
import type { SettingsState } from '../../../shared/settings/entity-settings';
import { phraseOf, selectChatTimeBudgetMs, selectCheckerLimits, selectDataRequest } from '../../../renderer/settings/settings-slice';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { connectTestStore, settingsState, startHost, waitFor, type Host } from './api-host';

const MORNING = new Date(2026, 2, 3, 9, 0, 0);
const ENTITY_REQUEST = '¿Me regala su nombre completo y un correo de contacto?';
const takenChat: Chat = { id: 'chat-1', arrivedAt: 1000, status: 'active', agentName: 'Ana Pérez', messages: [] };

const entitySettings: SettingsState = {
  ...settingsState,
  configured: true,
  locked: true,
  entity: {
    ...settingsState.entity,
    entityName: 'Alcaldía de Ejemplo',
    phrases: { ...settingsState.entity.phrases, dataRequest: ENTITY_REQUEST, farewell: 'Hasta pronto, {nombre_ciudadano}.' },
    chatTimeBudgetMinutes: 15,
    checker: { ...settingsState.entity.checker, maxSentenceWords: 18 },
  },
};

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(overrides: Partial<ApiHandlers> = {}): Promise<{ host: Host; store: WorkbenchStore }> {
  const host = await startHost({ 'settings.get': async () => entitySettings, 'chat.takeNext': async () => takenChat, ...overrides });
  const { store, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => MORNING });
  cleanups.push(stop);
  await store.getState().loadSession();
  return { host, store };
}

describe('settings slice', () => {
  it('uses protocol defaults before loading', async () => {
    const { store } = await setup();
    const state = store.getState();
    expect(selectDataRequest(state)).toBe(DEFAULT_PHRASES.dataRequest);
    expect(selectChatTimeBudgetMs(state)).toBe(10 * 60_000);
    expect(selectCheckerLimits(state)).toBeUndefined();
  });

  it('applies the entity phrases and limits', async () => {
    const { store } = await setup();
    await store.getState().loadSettings();
    const state = store.getState();
    expect(state.settings?.locked).toBe(true);
    expect(phraseOf(state, 'farewell')).toBe('Hasta pronto, {nombre_ciudadano}.');
    expect(selectChatTimeBudgetMs(state)).toBe(15 * 60_000);
    expect(selectCheckerLimits(state)?.maxSentenceWords).toBe(18);
  });

  it('greets with the entity data request', async () => {
    const { store } = await setup();
    await store.getState().loadSettings();
    await store.getState().takeNext();
    expect(store.getState().drafts['chat-1']).toBe(`Buenos días, soy Ana Pérez. ${ENTITY_REQUEST}`);
  });

  it('greets with the entity greeting phrase', async () => {
    const greeting = '{saludo}, le atiende {nombre_agente}, de la Alcaldía de Ejemplo. ¿Cuál es su nombre?';
    const { store } = await setup({ 'settings.get': async () => ({ ...entitySettings, entity: { ...entitySettings.entity, phrases: { ...entitySettings.entity.phrases, greeting } } }) });
    await store.getState().loadSettings();
    await store.getState().takeNext();
    expect(store.getState().drafts['chat-1']).toBe('Buenos días, le atiende Ana Pérez, de la Alcaldía de Ejemplo. ¿Cuál es su nombre?');
  });

  it('keeps the protocol greeting for an unfillable phrase', async () => {
    const greeting = '{saludo}, {nombre_ciudadano}, soy {nombre_agente}.';
    const { store } = await setup({ 'settings.get': async () => ({ ...entitySettings, entity: { ...entitySettings.entity, phrases: { ...entitySettings.entity.phrases, greeting } } }) });
    await store.getState().loadSettings();
    await store.getState().takeNext();
    expect(store.getState().drafts['chat-1']).toBe(`Buenos días, soy Ana Pérez. ${ENTITY_REQUEST}`);
  });

  it('reloads the session after a hub change', async () => {
    let citizenUrl = 'http://127.0.0.1:4180/';
    const { host, store } = await setup({ 'session.get': async () => ({ agentName: 'Ana Pérez', citizenUrl, autoSendGreeting: false, availability: 'paused', selfTest: null }) });
    await store.getState().loadSettings();
    citizenUrl = 'https://chat.entidad.gov.co/';
    host.broadcast({ kind: 'event', event: 'settings.changed', payload: { ...entitySettings, lastChange: { at: 1, fields: ['hubUrl'] } } });
    await waitFor(() => store.getState().session?.citizenUrl === 'https://chat.entidad.gov.co/');
  });

  it('follows settings.changed events', async () => {
    const { host, store } = await setup();
    await store.getState().loadSettings();
    const failing = { ...entitySettings, error: { code: 'settings.error.json', params: {}, message: 'El archivo de configuración no es JSON válido.' } };
    host.broadcast({ kind: 'event', event: 'settings.changed', payload: failing });
    await waitFor(() => store.getState().settings?.error !== null);
    expect(store.getState().settings?.error?.code).toBe('settings.error.json');
  });

  it('rolls back a rejected preference', async () => {
    const { store } = await setup({
      'settings.setPreferences': async () => {
        throw new ApiError('error.internal');
      },
    });
    await store.getState().loadSettings();
    await store.getState().setPreferences({ theme: 'dark' });
    expect(store.getState().settings?.preferences.theme).toBe('light');
    expect(store.getState().preferencesError?.key).toBe('error.internal');
  });
});
