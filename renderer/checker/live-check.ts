/** Feeds the checker: every change of a draft, or of its chat's messages and record, schedules a check. */
import type { WorkbenchStore } from '../workbench/store';

/** Starts watching the store; returns the function that stops it. */
export function startLiveCheck(store: WorkbenchStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.drafts !== previous.drafts) {
      for (const chatId of Object.keys(state.drafts)) {
        if (state.drafts[chatId] !== previous.drafts[chatId]) state.scheduleCheck(chatId);
      }
    }
    if (state.chats !== previous.chats) {
      for (const chat of state.chats) {
        const before = previous.chats.find((known) => known.id === chat.id);
        if (before !== chat && state.drafts[chat.id]) state.scheduleCheck(chat.id);
      }
    }
  });
}
