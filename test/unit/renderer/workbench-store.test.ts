// The workbench store driven through the real API client over a real WebSocket host.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { ApiError } from '../../../shared/api/result';
import type { Chat, ChatMessage, QueueEntry } from '../../../shared/chat/model';
import type { CheckResult } from '../../../shared/selftest/model';
import type { ApiClient } from '../../../renderer/api/client';
import { COMMANDS } from '../../../renderer/palette/commands';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { connectTestStore, session, startHost, waitFor, workspace, type Host } from './api-host';

/** Nine in the morning, local time, so the greeting starts with "Buenos días". */
const MORNING = new Date(2026, 2, 3, 9, 0, 0);

const takenChat: Chat = {
  id: 'chat-1',
  arrivedAt: 1000,
  status: 'active',
  agentName: 'Ana Pérez',
  messages: [{ chatId: 'chat-1', seq: 1, id: 'c-1', author: 'citizen', text: 'Necesito un certificado', at: 1000 }],
};

const microphonePass: CheckResult = {
  id: 'microphone',
  status: 'pass',
  values: {},
  messageKey: 'selftest.microphone.pass',
  params: { device: 'USB' },
};

interface Setup {
  host: Host;
  client: ApiClient;
  store: WorkbenchStore;
  /** Texts the host received through chat.send. */
  sent: string[];
  /** Arrivals reported to onArrivals, as chat ids. */
  arrivals: string[][];
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(overrides: Partial<ApiHandlers> = {}): Promise<Setup> {
  const sent: string[] = [];
  const arrivals: string[][] = [];
  let sequence = 1;
  const host = await startHost({
    'chat.takeNext': async () => takenChat,
    'chat.send': async ({ chatId, text }) => {
      sent.push(text);
      sequence++;
      return { chatId, seq: sequence, id: `a-${sequence}`, author: 'agent', text, at: 2000 };
    },
    ...overrides,
  });
  const { store, client, stop } = connectTestStore(host, {
    runDeviceChecks: async () => [microphonePass],
    now: () => MORNING,
    onArrivals: (entries) => arrivals.push(entries.map((entry) => entry.chatId)),
  });
  cleanups.push(stop);
  await store.getState().loadSession();
  return { host, client, store, sent, arrivals };
}

function queued(chatId: string, arrivedAt: number): QueueEntry {
  return { chatId, arrivedAt, excerpt: `mensaje de ${chatId}` };
}

describe('workbench store', () => {
  it('proposes the greeting after taking a chat', async () => {
    const { store, sent } = await setup();
    store.getState().showView('settings');
    await store.getState().takeNext();

    const state = store.getState();
    expect(state.openChatId).toBe('chat-1');
    expect(state.drafts['chat-1']).toBe('Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?');
    expect(state.view).toBe('chats');
    expect(state.composerFocusRequest).toBe(1);
    expect(sent).toEqual([]);
  });

  it('sends the greeting at once when asked', async () => {
    const { store, sent } = await setup({ 'session.get': async () => ({ ...session, autoSendGreeting: true }) });
    await store.getState().takeNext();

    expect(sent).toEqual(['Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?']);
    const state = store.getState();
    expect(state.drafts['chat-1']).toBe('');
    expect(state.chats[0]?.messages.map((message) => message.author)).toEqual(['citizen', 'agent']);
  });

  it('shows why no chat could be taken', async () => {
    const { store } = await setup({
      'chat.takeNext': async () => {
        throw new ApiError('error.queueEmpty');
      },
    });
    await store.getState().takeNext();
    expect(store.getState().takeError).toEqual({ key: 'error.queueEmpty', params: {} });
    expect(store.getState().taking).toBe(false);
  });

  it('keeps the reply when sending fails', async () => {
    const { store } = await setup({
      'chat.send': async () => {
        throw new ApiError('error.sendTimeout');
      },
    });
    await store.getState().takeNext();
    store.getState().setDraft('chat-1', 'Con gusto le ayudo.');
    await store.getState().sendReply('chat-1');

    const state = store.getState();
    expect(state.drafts['chat-1']).toBe('Con gusto le ayudo.');
    expect(state.sendErrors['chat-1']).toEqual({ key: 'error.sendTimeout', params: {} });
    expect(state.sending['chat-1']).toBe(false);
  });

  it('does not send a blank reply', async () => {
    const { store, sent } = await setup();
    await store.getState().takeNext();
    store.getState().setDraft('chat-1', '  \n ');
    await store.getState().sendReply('chat-1');
    expect(sent).toEqual([]);
  });

  it('checks the name before saving it', async () => {
    const saved: string[] = [];
    const { store } = await setup({
      'session.get': async () => ({ ...session, agentName: null }),
      'agent.setName': async ({ name }) => {
        saved.push(name);
        return { ...session, agentName: name };
      },
    });
    expect(await store.getState().saveAgentName('Ana')).toBe(false);
    expect(store.getState().nameError).toEqual({ key: 'agentName.invalid', params: {} });
    expect(saved).toEqual([]);

    expect(await store.getState().saveAgentName('  Luis   Gómez ')).toBe(true);
    expect(saved).toEqual(['Luis Gómez']);
    expect(store.getState().session?.agentName).toBe('Luis Gómez');
    expect(store.getState().nameError).toBe(null);
  });

  it('follows queue and message events', async () => {
    const { store, host, arrivals } = await setup({
      'workspace.get': async () => ({ ...workspace, queue: [queued('a', 10)] }),
    });
    await store.getState().loadWorkspace();
    await store.getState().takeNext();
    expect(arrivals).toEqual([]);

    host.broadcast({ kind: 'event', event: 'queue.changed', payload: { entries: [queued('c', 30), queued('a', 10), queued('b', 20)] } });
    const message: ChatMessage = { chatId: 'chat-1', seq: 7, id: 'c-7', author: 'citizen', text: 'Gracias', at: 3000 };
    host.broadcast({ kind: 'event', event: 'chat.message', payload: { message } });
    host.broadcast({ kind: 'event', event: 'hub.connection', payload: { state: 'disconnected' } });
    await waitFor(() => store.getState().hubConnection === 'disconnected');

    const state = store.getState();
    expect(state.queue.map((entry) => entry.chatId)).toEqual(['a', 'b', 'c']);
    expect(arrivals).toEqual([['b', 'c']]);
    expect(state.chats[0]?.messages.map((item) => item.seq)).toEqual([1, 7]);
  });

  it('refreshes the workspace after a reconnection', async () => {
    let queue: QueueEntry[] = [];
    const { store, host } = await setup({ 'workspace.get': async () => ({ ...workspace, queue }) });
    await store.getState().loadWorkspace();
    expect(store.getState().queue).toEqual([]);

    queue = [queued('missed', 5)];
    for (const socket of host.sockets) socket.terminate();
    await waitFor(() => store.getState().queue.length === 1);
    expect(store.getState().transportState).toBe('open');
  });

  it('merges the self-test of both sides', async () => {
    const { store } = await setup({
      'selftest.run': async () => ({
        checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 3 } }],
        durationMs: 5,
      }),
    });
    await store.getState().runSelfTest();

    const state = store.getState();
    expect(state.selfTestRows?.map((row) => [row.id, row.status])).toEqual([
      ['microphone', 'pass'],
      ['hub', 'pass'],
    ]);
    expect(state.selfTestRunning).toBe(false);
    expect(state.selfTestError).toBe(null);
  });

  it('keeps the device rows when the node side fails', async () => {
    const { store } = await setup({
      'selftest.run': async () => {
        throw new Error('systeminformation crashed');
      },
    });
    await store.getState().runSelfTest();
    const state = store.getState();
    expect(state.selfTestRows?.map((row) => row.id)).toEqual(['microphone']);
    expect(state.selfTestError).toEqual({ key: 'error.internal', params: {} });
  });

  it('stores the greeting setting', async () => {
    const { store } = await setup();
    const saving = store.getState().setAutoSendGreeting(true);
    expect(store.getState().session?.autoSendGreeting).toBe(true);
    await saving;
    expect(store.getState().session?.autoSendGreeting).toBe(true);
  });

  it('reverts a rejected greeting setting', async () => {
    const { store } = await setup({
      'settings.setAutoSendGreeting': async () => {
        throw new ApiError('error.internal');
      },
    });
    await store.getState().setAutoSendGreeting(true);
    expect(store.getState().session?.autoSendGreeting).toBe(false);
    expect(store.getState().settingsError).toEqual({ key: 'error.internal', params: {} });
  });

  it('runs palette commands on the store', async () => {
    const { store, sent } = await setup();
    const command = (id: string) => {
      const found = COMMANDS.find((candidate) => candidate.id === id);
      if (!found) throw new Error(`no command ${id}`);
      return found;
    };

    expect(command('sendReply').available(store.getState())).toBe(false);
    await command('showSettings').run(store.getState());
    expect(store.getState().view).toBe('settings');
    await command('toggleProblems').run(store.getState());
    expect(store.getState().problemsVisible).toBe(false);
    await store.getState().loadSession();
    await command('togglePause').run(store.getState());
    expect(store.getState().session?.availability).toBe('available');
    await command('togglePause').run(store.getState());
    expect(store.getState().session?.availability).toBe('paused');
    await command('toggleAutoGreeting').run(store.getState());
    expect(store.getState().session?.autoSendGreeting).toBe(true);

    await command('takeNext').run(store.getState());
    expect(store.getState().view).toBe('chats');
    expect(command('sendReply').available(store.getState())).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('records the self-test and opens the chats on Continuar', async () => {
    const recorded: Array<string | null> = [];
    const { store } = await setup({
      'selftest.record': async ({ override }) => {
        recorded.push(override);
        return { ...session, availability: 'available', selfTest: { at: 1, worst: 'pass', override } };
      },
    });
    await store.getState().runSelfTest();
    expect(await store.getState().continueShift(null)).toBe(true);
    expect(recorded).toEqual([null]);
    expect(store.getState().session?.availability).toBe('available');
    expect(store.getState().view).toBe('chats');
  });

  it('stays on the self-test when the reason is rejected', async () => {
    const { store } = await setup({
      'selftest.record': async () => {
        throw new ApiError('error.overrideRequired', { min: 10 });
      },
    });
    await store.getState().runSelfTest();
    expect(await store.getState().continueShift('corto')).toBe(false);
    expect(store.getState().shiftError).toEqual({ key: 'error.overrideRequired', params: { min: 10 } });
    expect(store.getState().view).toBe('selftest');
  });

  it('shows why availability was refused', async () => {
    const { store } = await setup({
      'agent.setAvailability': async () => {
        throw new ApiError('error.selftestRequired');
      },
    });
    await store.getState().setAvailability('available');
    expect(store.getState().availabilityError).toEqual({ key: 'error.selftestRequired', params: {} });
  });
});
