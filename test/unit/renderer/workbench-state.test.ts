// Pure state transitions of the workbench: queue, chats, composer keys, palette, agent status.
import { describe, expect, it } from 'vitest';
import type { Chat, ChatMessage, QueueEntry } from '../../../shared/chat/model';
import { ApiCallError, displayMessageOf } from '../../../renderer/api/errors';
import { reconnectDelay } from '../../../renderer/api/backoff';
import { hostSocketUrl } from '../../../renderer/api/host-url';
import { adjacentChatId, appendMessage, canSend, countActive, pickOpenChat, replaceChats, upsertChat } from '../../../renderer/chat/chat-state';
import { composerKeyAction } from '../../../renderer/chat/composer-keys';
import { filterEntries, moveSelection } from '../../../renderer/palette/palette-state';
import { newArrivals, nextQueue, shouldNotifyArrival } from '../../../renderer/queue/queue-state';
import { visibleRange } from '../../../renderer/queue/visible-range';
import { checkAgentName } from '../../../renderer/session/agent-name-check';
import { agentStatus } from '../../../renderer/workbench/agent-status';

function entry(chatId: string, arrivedAt: number): QueueEntry {
  return { chatId, arrivedAt, excerpt: `primer mensaje de ${chatId}` };
}

function message(chatId: string, seq: number, text = `mensaje ${seq}`): ChatMessage {
  return { chatId, seq, id: `${chatId}-${seq}`, author: 'citizen', text, at: seq * 1000 };
}

function chat(id: string, status: Chat['status'] = 'active', messages: ChatMessage[] = []): Chat {
  return { id, arrivedAt: 1, status, agentName: 'Ana Pérez', messages };
}

describe('queue', () => {
  it('orders the oldest first', () => {
    expect(nextQueue([entry('b', 20), entry('a', 10), entry('c', 30)]).map((item) => item.chatId)).toEqual(['a', 'b', 'c']);
  });

  it('finds the chats that just arrived', () => {
    const arrivals = newArrivals([entry('a', 1)], [entry('a', 1), entry('b', 2)]);
    expect(arrivals.map((item) => item.chatId)).toEqual(['b']);
  });

  it('finds no arrival when a chat leaves', () => {
    expect(newArrivals([entry('a', 1), entry('b', 2)], [entry('b', 2)])).toEqual([]);
  });

  it('notifies only when unfocused and allowed', () => {
    expect(shouldNotifyArrival(1, false, 'granted')).toBe(true);
    expect(shouldNotifyArrival(1, true, 'granted')).toBe(false);
    expect(shouldNotifyArrival(1, false, 'default')).toBe(false);
    expect(shouldNotifyArrival(0, false, 'granted')).toBe(false);
  });
});

describe('visible rows', () => {
  it('covers the viewport plus overscan', () => {
    expect(visibleRange(0, 300, 50, 1000, 2)).toEqual({ start: 0, end: 9 });
    expect(visibleRange(5000, 300, 50, 1000, 2)).toEqual({ start: 98, end: 109 });
  });

  it('stops at the end of the list', () => {
    expect(visibleRange(49_900, 300, 50, 1000, 2)).toEqual({ start: 996, end: 1000 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(0, 300, 50, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('chats', () => {
  it('adds a new chat and replaces a known one', () => {
    const chats = upsertChat([chat('a')], chat('b'));
    expect(chats.map((item) => item.id)).toEqual(['a', 'b']);
    const closed = upsertChat(chats, chat('a', 'closed'));
    expect(closed[0]?.status).toBe('closed');
  });

  it('keeps known messages on an update without them', () => {
    const chats = upsertChat([chat('a', 'active', [message('a', 1), message('a', 2)])], chat('a', 'closed', [message('a', 1)]));
    expect(chats[0]?.messages.map((item) => item.seq)).toEqual([1, 2]);
  });

  it('shows a message once by seq', () => {
    let chats = [chat('a', 'active', [message('a', 1)])];
    chats = appendMessage(chats, message('a', 3));
    chats = appendMessage(chats, message('a', 2));
    chats = appendMessage(chats, message('a', 3));
    expect(chats[0]?.messages.map((item) => item.seq)).toEqual([1, 2, 3]);
  });

  it('ignores a message of an unknown chat', () => {
    const chats = [chat('a')];
    expect(appendMessage(chats, message('z', 1))).toEqual(chats);
  });

  it('keeps the order of chats after a refetch', () => {
    const chats = replaceChats([chat('b'), chat('a')], [chat('a'), chat('c'), chat('b')]);
    expect(chats.map((item) => item.id)).toEqual(['b', 'a', 'c']);
  });

  it('drops chats missing from a refetch', () => {
    expect(replaceChats([chat('a'), chat('b')], [chat('b')]).map((item) => item.id)).toEqual(['b']);
  });

  it('keeps the open chat while it exists', () => {
    expect(pickOpenChat([chat('a'), chat('b')], 'b')).toBe('b');
    expect(pickOpenChat([chat('a', 'closed'), chat('b')], 'gone')).toBe('b');
    expect(pickOpenChat([chat('a', 'closed')], null)).toBe(null);
  });

  it('steps between open chats', () => {
    const chats = [chat('a'), chat('b'), chat('c')];
    expect(adjacentChatId(chats, 'a', 1)).toBe('b');
    expect(adjacentChatId(chats, 'c', 1)).toBe('a');
    expect(adjacentChatId(chats, 'a', -1)).toBe('c');
    expect(adjacentChatId([], null, 1)).toBe(null);
  });

  it('counts active chats', () => {
    expect(countActive([chat('a'), chat('b', 'closed'), chat('c')])).toBe(2);
  });
});

describe('composer', () => {
  it('sends only non-blank text when idle', () => {
    expect(canSend('Hola', false)).toBe(true);
    expect(canSend('  \n ', false)).toBe(false);
    expect(canSend('Hola', true)).toBe(false);
  });

  it('sends on enter and types on shift+enter', () => {
    expect(composerKeyAction({ key: 'Enter', shiftKey: false, isComposing: false })).toBe('send');
    expect(composerKeyAction({ key: 'Enter', shiftKey: true, isComposing: false })).toBe('type');
    expect(composerKeyAction({ key: 'Enter', shiftKey: false, isComposing: true })).toBe('type');
    expect(composerKeyAction({ key: 'a', shiftKey: false, isComposing: false })).toBe('type');
  });
});

describe('agent name form', () => {
  it('normalizes a valid name', () => {
    expect(checkAgentName('  Ana   Pérez ')).toEqual({ ok: true, name: 'Ana Pérez' });
  });

  it.each([
    ['', 'agentName.missing'],
    ['Ana', 'agentName.invalid'],
    ['Ana P3rez', 'agentName.invalid'],
    [`Ana ${'x'.repeat(90)}`, 'agentName.tooLong'],
  ])('rejects %j with %s', (input, messageKey) => {
    expect(checkAgentName(input)).toEqual({ ok: false, messageKey });
  });
});

describe('error display', () => {
  it('shows the name rule of a rejected name', () => {
    const error = new ApiCallError('error.invalidRequest', { method: 'agent.setName', field: 'name', reason: 'agentName.invalid' });
    expect(displayMessageOf(error)).toEqual({ key: 'agentName.invalid', params: {} });
  });

  it('shows the code of other failures', () => {
    expect(displayMessageOf(new ApiCallError('error.queueEmpty'))).toEqual({ key: 'error.queueEmpty', params: {} });
  });

  it('hides unexpected errors behind error.internal', () => {
    expect(displayMessageOf(new TypeError('boom'))).toEqual({ key: 'error.internal', params: {} });
  });
});

describe('command palette', () => {
  const entries = [
    { id: 'takeNext', title: 'Chat: Atender siguiente' },
    { id: 'showSettings', title: 'Ver: Configuración' },
    { id: 'showChats', title: 'Ver: Chats' },
  ];

  it('matches every word without accents', () => {
    expect(filterEntries(entries, 'ver configuracion').map((item) => item.id)).toEqual(['showSettings']);
  });

  it('ranks a whole phrase first', () => {
    const withNext = [...entries, { id: 'nextChat', title: 'Chat: Ir al siguiente chat en curso' }];
    expect(filterEntries(withNext, 'siguiente  chat').map((item) => item.id)).toEqual(['nextChat', 'takeNext']);
  });

  it('lists everything for an empty filter', () => {
    expect(filterEntries(entries, '  ')).toHaveLength(3);
  });

  it('matches nothing for a stranger', () => {
    expect(filterEntries(entries, 'zzz')).toEqual([]);
  });

  it('wraps the selection at both ends', () => {
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe('agent status', () => {
  it('follows pause and active chats', () => {
    expect(agentStatus(false, 0)).toBe('available');
    expect(agentStatus(false, 2)).toBe('busy');
    expect(agentStatus(true, 2)).toBe('paused');
  });
});

describe('reconnect backoff', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('doubles up to the cap', () => {
    const top = () => 0.999_999;
    expect(reconnectDelay(0, options, top)).toBe(100);
    expect(reconnectDelay(2, options, top)).toBe(400);
    expect(reconnectDelay(10, options, top)).toBe(1000);
  });

  it('spreads over the upper half', () => {
    expect(reconnectDelay(3, options, () => 0)).toBe(400);
  });
});

describe('host socket address', () => {
  it('carries the page token to the socket', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:4100', search: '?token=abc_DEF-1' })).toBe('ws://127.0.0.1:4100/api?token=abc_DEF-1');
  });

  it('uses wss behind https', () => {
    expect(hostSocketUrl({ protocol: 'https:', host: 'puesto.local', search: '?token=t' })).toBe('wss://puesto.local/api?token=t');
  });

  it('encodes the token and tolerates its absence', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: 'h', search: '?token=a%26b' })).toBe('ws://h/api?token=a%26b');
    expect(hostSocketUrl({ protocol: 'http:', host: 'h', search: '' })).toBe('ws://h/api?token=');
  });
});
