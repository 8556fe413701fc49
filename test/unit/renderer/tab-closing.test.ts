// Closing finished chats' tabs: which tabs may close, the shortcut, and the store
// driven through the real API client over a real WebSocket host.
import { afterEach, describe, expect, it } from 'vitest';
import type { Chat } from '../../../shared/chat/model';
import { emptyChatProtocol } from '../../../shared/protocol/chat-protocol';
import { COMMANDS } from '../../../renderer/palette/commands';
import { canCloseTab, isCloseTabShortcut, tabChats } from '../../../renderer/workbench/ui-slice';
import { chat, connectTestStore, startHost, waitFor, workspace } from './api-host';

const active: Chat = { ...chat, id: 'active' };
const closed: Chat = { ...chat, id: 'closed', status: 'closed' };
const cutUnanswered: Chat = { ...chat, id: 'cut', status: 'cut', protocol: emptyChatProtocol(1) };
const cutAnswered: Chat = { ...chat, id: 'cut-answered', status: 'cut', protocol: { ...emptyChatProtocol(1), emailAnswers: [{ at: 2, outboxId: 'o1' }] } };

const keys = { key: 'w', code: 'KeyW', ctrlKey: false, metaKey: false, shiftKey: false, altKey: true };

describe('which tabs may close', () => {
  it('closes closed chats and cut chats answered by email', () => {
    expect(canCloseTab(closed)).toBe(true);
    expect(canCloseTab(cutAnswered)).toBe(true);
  });

  it('keeps chats in course and cut chats still owed an answer', () => {
    expect(canCloseTab(active)).toBe(false);
    expect(canCloseTab(cutUnanswered)).toBe(false);
  });

  it('hides closed tabs and keeps the order of the rest', () => {
    expect(tabChats([active, closed, cutAnswered], { closed: true }).map((known) => known.id)).toEqual(['active', 'cut-answered']);
  });
});

describe('close tab shortcut', () => {
  it('is Alt+W, whatever the keyboard layout prints', () => {
    expect(isCloseTabShortcut(keys)).toBe(true);
    expect(isCloseTabShortcut({ ...keys, key: '∑' })).toBe(true);
  });

  it('leaves Ctrl+W, Alt+Shift+W and plain W alone', () => {
    expect(isCloseTabShortcut({ ...keys, altKey: false, ctrlKey: true })).toBe(false);
    expect(isCloseTabShortcut({ ...keys, shiftKey: true })).toBe(false);
    expect(isCloseTabShortcut({ ...keys, altKey: false })).toBe(false);
  });
});

describe('closing a tab in the store', () => {
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });

  async function storeWith(chats: Chat[]) {
    const host = await startHost({ 'workspace.get': async () => ({ ...workspace, chats }) });
    const connected = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(2026, 2, 3, 9) });
    stop = connected.stop;
    await connected.store.getState().loadWorkspace();
    await waitFor(() => connected.store.getState().chats.length === chats.length);
    return connected.store;
  }

  it('opens the next tab, else the previous, when the open one closes', async () => {
    const store = await storeWith([active, closed, cutAnswered]);
    store.getState().openChat('closed');
    store.getState().closeTab('closed');
    expect(store.getState().openChatId).toBe('cut-answered');
    store.getState().closeTab('cut-answered');
    expect(store.getState().openChatId).toBe('active');
    expect(tabChats(store.getState().chats, store.getState().closedTabs).map((known) => known.id)).toEqual(['active']);
  });

  it('rejects chats in course and unknown ids', async () => {
    const store = await storeWith([active, cutUnanswered]);
    store.getState().openChat('active');
    store.getState().closeTab('active');
    store.getState().closeTab('cut');
    store.getState().closeTab('no-such-chat');
    expect(store.getState().closedTabs).toEqual({});
    expect(store.getState().openChatId).toBe('active');
  });

  it('offers the palette command for finished chats', async () => {
    const store = await storeWith([active, closed]);
    const command = COMMANDS.find((known) => known.id === 'closeTab')!;
    store.getState().openChat('active');
    expect(command.available(store.getState())).toBe(false);
    store.getState().openChat('closed');
    expect(command.available(store.getState())).toBe(true);
    await command.run(store.getState());
    expect(store.getState().closedTabs).toEqual({ closed: true });
    expect(store.getState().openChatId).toBe('active');
    expect(command.available(store.getState())).toBe(false);
  });

  it('skips closed tabs when moving to the next chat', async () => {
    const store = await storeWith([active, closed, cutAnswered]);
    const next = COMMANDS.find((known) => known.id === 'nextChat')!;
    store.getState().openChat('closed');
    store.getState().closeTab('closed');
    store.getState().openChat('active');
    await next.run(store.getState());
    expect(store.getState().openChatId).toBe('cut-answered');
    await next.run(store.getState());
    expect(store.getState().openChatId).toBe('active');
  });
});
