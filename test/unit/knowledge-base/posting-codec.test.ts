import { describe, expect, it } from 'vitest';
import { decodePostings, encodePostings } from '../../../main/knowledge-base/posting-codec';

describe('posting codec', () => {
  it('round-trips lists of pairs', () => {
    const lists = [[], [0, 1], [3, 2, 200, 1, 70_000, 300], [], [2 ** 31 + 5, 2 ** 20]];
    expect(decodePostings(encodePostings(lists), lists.length)).toEqual(lists);
  });

  it('keeps one-byte numbers to one byte', () => {
    const list = Array.from({ length: 1000 }, (_, at) => (at % 2 === 0 ? at : 1));
    // The count of 500 pairs takes two bytes, then 500 deltas of 2 and 500 frequencies of 1 take one byte each.
    expect(Buffer.from(encodePostings([list]), 'base64').length).toBe(2 + 1000);
  });

  it('rejects a truncated or longer input', () => {
    const encoded = encodePostings([[1, 2, 5, 3]]);
    const bytes = Buffer.from(encoded, 'base64');
    expect(() => decodePostings(bytes.subarray(0, bytes.length - 1).toString('base64'), 1)).toThrow('truncated');
    expect(() => decodePostings(encoded, 2)).toThrow('truncated');
    expect(() => decodePostings(encodePostings([[1, 2], [3, 4]]), 1)).toThrow('more lists');
  });
});
