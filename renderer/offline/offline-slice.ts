/**
 * The offline slice: replies the agent sends while the hub is unreachable are kept
 * by the Node side's send queue, and the editor says how many wait and, once the
 * link returns, how many were delivered ("Se entregaron N mensajes").
 */
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface OfflineSlice {
  /** Replies waiting in the Node side's send queue, as the last response or event reported. */
  queuedReplies: number;
  /** The last delivery of queued replies, until the agent dismisses it. */
  deliveryNotice: DisplayMessage | null;
  /** Hands the chat's draft to the send queue and clears the composer. */
  queueReply(chatId: string): Promise<void>;
  applyQueuedDelivered(count: number, left: number): void;
  dismissDeliveryNotice(): void;
}

export const createOfflineSlice: SliceCreator<OfflineSlice> = (set, get, { client }) => ({
  queuedReplies: 0,
  deliveryNotice: null,

  async queueReply(chatId) {
    const text = get().drafts[chatId] ?? '';
    if (text.trim() === '' || get().sending[chatId]) return;
    set((state) => ({ sending: { ...state.sending, [chatId]: true } }));
    try {
      const { queued } = await client.call('chat.queue', { chatId, text });
      set((state) => ({ queuedReplies: queued, drafts: { ...state.drafts, [chatId]: '' } }));
    } catch (error) {
      // The text stays in the composer so that the agent can send it again.
      set((state) => ({ sendErrors: { ...state.sendErrors, [chatId]: displayMessageOf(error) } }));
    } finally {
      set((state) => ({ sending: { ...state.sending, [chatId]: false } }));
    }
  },

  applyQueuedDelivered(count, left) {
    set({ queuedReplies: left, deliveryNotice: count > 0 ? { key: 'offline.delivered', params: { count } } : get().deliveryNotice });
  },

  dismissDeliveryNotice() {
    set({ deliveryNotice: null });
  },
});

export const selectQueuedReplies = (state: WorkbenchState) => state.queuedReplies;
export const selectDeliveryNotice = (state: WorkbenchState) => state.deliveryNotice;
