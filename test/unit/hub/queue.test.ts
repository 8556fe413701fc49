import { describe, expect, it } from 'vitest';
import { ChatQueue } from '../../../hub/queue';

describe('chat queue', () => {
  it('keeps chats in order of arrival', () => {
    const queue = new ChatQueue();
    queue.add({ chatId: 'b', arrivedAt: 2000, arrivalOrder: 2 });
    queue.add({ chatId: 'a', arrivedAt: 1000, arrivalOrder: 1 });
    queue.add({ chatId: 'c', arrivedAt: 2000, arrivalOrder: 3 });
    expect(queue.list().map((entry) => entry.chatId)).toEqual(['a', 'b', 'c']);
    expect(queue.positionOf('c')).toBe(3);
    expect(queue.size).toBe(3);
  });

  it('orders the same millisecond by arrival counter, not id', () => {
    const queue = new ChatQueue();
    queue.add({ chatId: 'z', arrivedAt: 5, arrivalOrder: 1 });
    queue.add({ chatId: 'a', arrivedAt: 5, arrivalOrder: 2 });
    expect(queue.takeOldest()?.chatId).toBe('z');
    expect(queue.takeOldest()?.chatId).toBe('a');
    expect(queue.takeOldest()).toBeUndefined();
  });

  it('puts a requeued chat back at its arrival place', () => {
    const queue = new ChatQueue();
    queue.add({ chatId: 'a', arrivedAt: 1, arrivalOrder: 1 });
    queue.add({ chatId: 'b', arrivedAt: 2, arrivalOrder: 2 });
    queue.add({ chatId: 'c', arrivedAt: 3, arrivalOrder: 3 });
    const taken = queue.takeOldest()!;
    queue.add(taken);
    expect(queue.list().map((entry) => entry.chatId)).toEqual(['a', 'b', 'c']);
  });

  it('ignores a chat added twice', () => {
    const queue = new ChatQueue();
    queue.add({ chatId: 'a', arrivedAt: 1, arrivalOrder: 1 });
    queue.add({ chatId: 'a', arrivedAt: 9, arrivalOrder: 9 });
    expect(queue.size).toBe(1);
    expect(queue.list()[0]?.arrivedAt).toBe(1);
  });

  it('removes a chat and moves the rest up', () => {
    const queue = new ChatQueue();
    for (const [index, chatId] of ['a', 'b', 'c'].entries()) queue.add({ chatId, arrivedAt: index, arrivalOrder: index });
    expect(queue.remove('b')).toBe(true);
    expect(queue.remove('b')).toBe(false);
    expect(queue.positionOf('c')).toBe(2);
    expect(queue.positionOf('b')).toBeUndefined();
    expect(queue.has('a')).toBe(true);
  });
});
