import { describe, expect, it } from 'vitest';
import { AddressLimits } from '../../../hub/address-limits';

describe('address limits', () => {
  it('counts connections per address', () => {
    const limits = new AddressLimits({ maxConnectionsPerAddress: 2, framesPerSecondPerAddress: 1, frameBurstPerAddress: 1 });
    expect(limits.openConnection('10.0.0.1')).toBe(true);
    expect(limits.openConnection('10.0.0.1')).toBe(true);
    expect(limits.openConnection('10.0.0.1')).toBe(false);
    expect(limits.openConnection('10.0.0.2')).toBe(true);
    limits.closeConnection('10.0.0.1');
    expect(limits.openConnection('10.0.0.1')).toBe(true);
  });

  it('rejects, then closes, past the burst', () => {
    const limits = new AddressLimits({ maxConnectionsPerAddress: 10, framesPerSecondPerAddress: 10, frameBurstPerAddress: 3 });
    const at = 1_000_000;
    const verdicts = Array.from({ length: 8 }, () => limits.takeFrame('10.0.0.1', at));
    expect(verdicts).toEqual(['accept', 'accept', 'accept', 'reject', 'reject', 'reject', 'close', 'close']);
    // Another address has its own bucket.
    expect(limits.takeFrame('10.0.0.2', at)).toBe('accept');
    // Ten tokens a second refill the bucket to the burst after a pause.
    expect(limits.takeFrame('10.0.0.1', at + 2_000)).toBe('accept');
  });

  it('keeps the bucket of a client that reconnects', () => {
    const limits = new AddressLimits({ maxConnectionsPerAddress: 10, framesPerSecondPerAddress: 1, frameBurstPerAddress: 3 });
    const at = 1_000_000;
    for (let round = 0; round < 3; round += 1) {
      expect(limits.openConnection('10.0.0.1', at)).toBe(true);
      expect(limits.takeFrame('10.0.0.1', at)).toBe('accept');
      limits.closeConnection('10.0.0.1', at);
    }
    // The burst is spent: a new connection right away gets no fresh allowance.
    expect(limits.openConnection('10.0.0.1', at)).toBe(true);
    expect(limits.takeFrame('10.0.0.1', at)).toBe('reject');
    limits.closeConnection('10.0.0.1', at);
    expect(limits.openConnection('10.0.0.1', at + 100)).toBe(true);
    expect(limits.takeFrame('10.0.0.1', at + 100)).toBe('reject');
    limits.closeConnection('10.0.0.1', at + 100);
    // One token a second, and the two rejected frames count too: three seconds later one frame passes, not the whole burst.
    expect(limits.openConnection('10.0.0.1', at + 3_100)).toBe(true);
    expect([limits.takeFrame('10.0.0.1', at + 3_100), limits.takeFrame('10.0.0.1', at + 3_100), limits.takeFrame('10.0.0.1', at + 3_100)]).toEqual([
      'accept',
      'reject',
      'reject',
    ]);
  });

  it('forgets an idle address once its bucket refilled', () => {
    // A burst of 2 at 1 token a second refills from its floor of -3 in 5 s.
    const limits = new AddressLimits({ maxConnectionsPerAddress: 10, framesPerSecondPerAddress: 1, frameBurstPerAddress: 2 });
    const at = 1_000_000;
    limits.openConnection('10.0.0.1', at);
    for (let index = 0; index < 10; index += 1) limits.takeFrame('10.0.0.1', at);
    limits.closeConnection('10.0.0.1', at);
    limits.openConnection('10.0.0.2', at + 4_000);
    limits.closeConnection('10.0.0.2', at + 4_000);
    expect(limits.size).toBe(2);

    limits.openConnection('10.0.0.3', at + 5_000);
    expect(limits.size).toBe(2);
    // 10.0.0.1 was forgotten with a bucket that had refilled anyway: the whole burst passes.
    limits.openConnection('10.0.0.1', at + 5_000);
    expect([limits.takeFrame('10.0.0.1', at + 5_000), limits.takeFrame('10.0.0.1', at + 5_000), limits.takeFrame('10.0.0.1', at + 5_000)]).toEqual([
      'accept',
      'accept',
      'reject',
    ]);
  });

  it('caps the idle addresses it keeps', () => {
    const limits = new AddressLimits({ maxConnectionsPerAddress: 10, framesPerSecondPerAddress: 1, frameBurstPerAddress: 100 }, 3);
    const at = 1_000_000;
    for (let index = 0; index < 10; index += 1) {
      const address = `10.0.1.${index}`;
      limits.openConnection(address, at + index);
      limits.closeConnection(address, at + index);
    }
    expect(limits.size).toBe(3);
    // Addresses with open connections are never forgotten: their counts must stay right.
    for (let index = 0; index < 5; index += 1) limits.openConnection(`10.0.2.${index}`, at + 20);
    for (let index = 0; index < 10; index += 1) {
      limits.openConnection(`10.0.3.${index}`, at + 30);
      limits.closeConnection(`10.0.3.${index}`, at + 30);
    }
    expect(limits.size).toBe(8);
  });
});
