import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/api/contract';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { createDispatcher } from '../../../shared/api/dispatch';
import { ApiError } from '../../../shared/api/result';

function unusedChatMethod(chatId: string): never {
  throw new ApiError('error.unknownChat', { chatId });
}

/** Real handlers over an in-memory session, recording every call that reached them. */
function sessionHandlers() {
  const calls: string[] = [];
  const session: Session = { agentName: null, citizenUrl: 'http://127.0.0.1:4180/', autoSendGreeting: false, availability: 'paused', selfTest: null };
  const handlers: ApiHandlers = {
    'session.get': async () => ({ ...session }),
    'agent.setName': async ({ name }) => {
      calls.push(`setName:${name}`);
      session.agentName = name;
      return { ...session };
    },
    'settings.setAutoSendGreeting': async ({ enabled }) => {
      session.autoSendGreeting = enabled;
      return { ...session };
    },
    'workspace.get': async () => ({ connection: 'connected', queue: [], chats: [] }),
    'chat.takeNext': async () => {
      throw new ApiError('error.queueEmpty');
    },
    'chat.send': async ({ chatId, text }) => {
      calls.push(`send:${chatId}:${text}`);
      return { chatId, seq: 1, id: 'm1', author: 'agent', text, at: 1 };
    },
    'selftest.run': async () => {
      throw new Error('disk on fire');
    },
    'kb.search': async () => [],
    'kb.article': async ({ path }) => {
      throw new ApiError('kb.error.articleNotFound', { path });
    },
    'kb.suggest': async () => [],
    'kb.status': async () => {
      throw new Error('not used by these tests');
    },
    'selftest.record': async () => ({ ...session, availability: 'available' }),
    'selftest.report': async () => ({ fileName: 'informe.txt', text: '' }),
    'agent.setAvailability': async ({ availability }) => ({ ...session, availability }),
    'chat.setCitizen': async ({ chatId }) => unusedChatMethod(chatId),
    'chat.setAnalysis': async ({ chatId }) => unusedChatMethod(chatId),
    'chat.setFollowUp': async ({ chatId }) => unusedChatMethod(chatId),
    'chat.recordOverride': async ({ chatId }) => unusedChatMethod(chatId),
    'chat.close': async ({ chatId }) => unusedChatMethod(chatId),
    'settings.get': async () => {
      throw new ApiError('error.internal');
    },
    'settings.setPreferences': async () => {
      throw new ApiError('error.internal');
    },
    'draft.save': async ({ chatId }) => unusedChatMethod(chatId),
    'draft.list': async () => [],
    'chat.queue': async ({ chatId }) => unusedChatMethod(chatId),
    'outbox.enqueue': async ({ chatId }) => unusedChatMethod(chatId),
    'outbox.list': async () => ({ entries: [], smtpConfigured: false, problems: 0 }),
    'outbox.retryNow': async ({ id }) => unusedChatMethod(id),
    'smtp.test': async () => {
      throw new ApiError('error.internal');
    },
    'hub.login': async () => ({ hubUrl: 'ws://127.0.0.1:4180/ws/agent', state: 'accepted', reason: null, tokenSet: false }),
    'hub.setToken': async () => {
      throw new ApiError('error.internal');
    },
    'chat.transfer': async ({ chatId }) => unusedChatMethod(chatId),
    'transfer.candidates': async () => ({ source: 'transfers', colleagues: [] }),
    'followUp.list': async () => [],
    'followUp.answer': async ({ id }) => unusedChatMethod(id),
    'followUp.setDone': async ({ id }) => unusedChatMethod(id),
  };
  return { handlers, calls, session };
}

describe('createDispatcher', () => {
  it('rejects an unknown method', async () => {
    const { handlers } = sessionHandlers();
    const envelope = await createDispatcher(handlers)('chat.delete', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'error.unknownMethod', params: { method: 'chat.delete' } } });
  });

  it('rejects a malformed request and changes nothing', async () => {
    const { handlers, calls, session } = sessionHandlers();
    const dispatch = createDispatcher(handlers);

    const wrongType = await dispatch('agent.setName', { name: 42 });
    const extraField = await dispatch('agent.setName', { name: 'Ana Pérez', admin: true });
    const emptyText = await dispatch('chat.send', { chatId: 'c1', text: '   ' });

    for (const envelope of [wrongType, extraField, emptyText]) {
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('error.invalidRequest');
    }
    expect(calls).toEqual([]);
    expect(session.agentName).toBeNull();
  });

  it('names the field and the reason of an invalid agent name', async () => {
    const { handlers } = sessionHandlers();
    const envelope = await createDispatcher(handlers)('agent.setName', { name: 'Ana' });
    expect(envelope).toEqual({ ok: false, error: { code: 'error.invalidRequest', params: { method: 'agent.setName', field: 'name', reason: 'agentName.invalid' } } });
  });

  it('passes a valid request, trimmed, to the service', async () => {
    const { handlers, calls } = sessionHandlers();
    const envelope = await createDispatcher(handlers)('chat.send', { chatId: 'c1', text: '  Buenos días.  ' });
    expect(envelope.ok).toBe(true);
    expect(calls).toEqual(['send:c1:Buenos días.']);
  });

  it('carries an expected failure as its catalog key', async () => {
    const { handlers } = sessionHandlers();
    const envelope = await createDispatcher(handlers)('chat.takeNext', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'error.queueEmpty', params: {} } });
  });

  it('hides an unexpected failure and reports it', async () => {
    const { handlers } = sessionHandlers();
    const reported: string[] = [];
    const dispatch = createDispatcher(handlers, { onUnexpectedError: (method, error) => reported.push(`${method}:${(error as Error).message}`) });
    expect(await dispatch('selftest.run', {})).toEqual({ ok: false, error: { code: 'error.internal', params: {} } });
    expect(reported).toEqual(['selftest.run:disk on fire']);
  });
});
