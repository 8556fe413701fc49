/**
 * Keeps each chat's composer text and email address on the Node side's draft store:
 * a change is sent at most DRAFT_SAVE_DELAY_MS after it was typed, even while
 * typing goes on, stamped with the time it was typed, so a late save never replaces a newer draft. Drafts are restored on load
 * and after every reconnection; a stored draft replaces the composer only when it
 * is newer than the last change typed here. Saves that failed while the link was
 * down are sent again after the reconnection.
 */
import { DRAFT_SAVE_DELAY_MS, type DraftView } from '../../shared/drafts/model';
import type { ApiClient } from '../api/client';
import type { WorkbenchStore } from '../workbench/store';

export interface DraftSyncOptions {
  saveDelayMs?: number;
  now?: () => number;
}

interface ComposerContent {
  text: string;
  emailTo: string | undefined;
}

function contentKey(content: ComposerContent): string {
  return JSON.stringify([content.text, content.emailTo ?? null]);
}

/** Starts saving and restoring drafts; returns the function that stops it. */
export function watchDrafts(store: WorkbenchStore, client: ApiClient, options: DraftSyncOptions = {}): () => void {
  const saveDelayMs = options.saveDelayMs ?? DRAFT_SAVE_DELAY_MS;
  const now = options.now ?? Date.now;
  /** The content last seen per chat, saved or restored, so a change is noticed once. */
  const known = new Map<string, string>();
  /** Time of the last change typed here, per chat. */
  const stamps = new Map<string, number>();
  const unsaved = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  function contentOf(chatId: string): ComposerContent {
    const state = store.getState();
    return { text: state.drafts[chatId] ?? '', emailTo: state.emailTo[chatId] };
  }

  async function save(chatId: string): Promise<void> {
    timers.delete(chatId);
    const content = contentOf(chatId);
    const changedAt = stamps.get(chatId) ?? now();
    try {
      await client.call('draft.save', { chatId, text: content.text, protocolState: content.emailTo === undefined ? null : { emailTo: content.emailTo }, changedAt });
      if (stamps.get(chatId) === changedAt) unsaved.delete(chatId);
    } catch {
      // NOTE: the draft stays in memory and is saved again after the next reconnection.
      unsaved.add(chatId);
    }
  }

  /** Sends the chat's draft after the delay. A change during the delay is sent with it, so continuous typing never delays the save further. */
  function schedule(chatId: string): void {
    if (timers.has(chatId)) return;
    timers.set(chatId, setTimeout(() => void save(chatId), saveDelayMs));
  }

  function noticeChanges(): void {
    const state = store.getState();
    for (const chatId of new Set([...Object.keys(state.drafts), ...Object.keys(state.emailTo)])) {
      const key = contentKey(contentOf(chatId));
      if (known.get(chatId) === key) continue;
      known.set(chatId, key);
      stamps.set(chatId, now());
      unsaved.add(chatId);
      schedule(chatId);
    }
  }

  function restore(draft: DraftView): void {
    if ((stamps.get(draft.chatId) ?? 0) >= draft.updatedAt) return;
    const content = { text: draft.text, emailTo: draft.protocolState?.emailTo };
    known.set(draft.chatId, contentKey(content));
    stamps.set(draft.chatId, draft.updatedAt);
    unsaved.delete(draft.chatId);
    const state = store.getState();
    state.setDraft(draft.chatId, content.text);
    if (content.emailTo !== undefined) state.setEmailTo(draft.chatId, content.emailTo);
  }

  async function resync(): Promise<void> {
    let drafts: DraftView[];
    try {
      drafts = await client.call('draft.list', {});
    } catch {
      return;
    }
    if (stopped) return;
    for (const draft of drafts) restore(draft);
    for (const chatId of unsaved) schedule(chatId);
  }

  const unsubscribe = store.subscribe(noticeChanges);
  const stopReconnect = client.onReconnect(() => void resync());
  void resync();

  return () => {
    stopped = true;
    unsubscribe();
    stopReconnect();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
