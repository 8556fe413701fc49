/** The queue slice: waiting chats, oldest first. */
import type { QueueEntry } from '../../shared/chat/model';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { newArrivals, nextQueue } from './queue-state';

export interface QueueSlice {
  queue: QueueEntry[];
  /** False until the first queue arrives, whose chats are not announced as new arrivals. */
  queueLoaded: boolean;
  /** Replaces the queue and reports the chats that just arrived to the store's onArrivals. */
  applyQueue(entries: readonly QueueEntry[]): void;
}

export const createQueueSlice: SliceCreator<QueueSlice> = (set, get, dependencies) => ({
  queue: [],
  queueLoaded: false,

  applyQueue(entries) {
    const { queue: previous, queueLoaded } = get();
    const queue = nextQueue(entries);
    const arrivals = newArrivals(previous, queue);

    // A failed take (for example an empty queue) is outdated once new chats arrive.
    set(arrivals.length > 0 ? { queue, queueLoaded: true, takeError: null } : { queue, queueLoaded: true });
    if (queueLoaded && arrivals.length > 0) dependencies.onArrivals?.(arrivals, queue.length);
  },
});

export const selectQueue = (state: WorkbenchState) => state.queue;
export const selectQueueLength = (state: WorkbenchState) => state.queue.length;
