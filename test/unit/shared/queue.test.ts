import { describe, expect, it } from 'vitest';
import { excerptOf, EXCERPT_LENGTH, formatWaitingTime, orderQueue } from '../../../shared/chat/queue';

describe('orderQueue', () => {
  it('puts the oldest arrival first', () => {
    const ordered = orderQueue([
      { chatId: 'c', arrivedAt: 300, excerpt: '' },
      { chatId: 'a', arrivedAt: 100, excerpt: '' },
      { chatId: 'b', arrivedAt: 200, excerpt: '' },
    ]);
    expect(ordered.map((entry) => entry.chatId)).toEqual(['a', 'b', 'c']);
  });

  it('orders equal arrival times by chat id', () => {
    const ordered = orderQueue([
      { chatId: 'z', arrivedAt: 100, excerpt: '' },
      { chatId: 'm', arrivedAt: 100, excerpt: '' },
    ]);
    expect(ordered.map((entry) => entry.chatId)).toEqual(['m', 'z']);
  });

  it('leaves its input unchanged', () => {
    const input = [
      { chatId: 'b', arrivedAt: 2, excerpt: '' },
      { chatId: 'a', arrivedAt: 1, excerpt: '' },
    ];
    orderQueue(input);
    expect(input[0]!.chatId).toBe('b');
  });
});

describe('excerptOf', () => {
  it('keeps a short message whole on one line', () => {
    expect(excerptOf('Hola,\n  necesito   un certificado')).toBe('Hola, necesito un certificado');
  });

  it('cuts a long message with an ellipsis', () => {
    const excerpt = excerptOf('palabra '.repeat(40));
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(excerpt.endsWith('…')).toBe(true);
  });
});

describe('formatWaitingTime', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [42_000, '0:42'],
    [125_000, '2:05'],
    [3_600_000, '1:00:00'],
    [3_723_000, '1:02:03'],
    [-5_000, '0:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatWaitingTime(ms)).toBe(text);
  });
});
