import { describe, expect, it } from 'vitest';
import { AddressLimits } from '../../../hub/address-limits';
import { WaitEstimator } from '../../../hub/wait-estimate';

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
});

describe('wait estimator', () => {
  it('uses the default until chats are measured', () => {
    const estimator = new WaitEstimator(300_000);
    expect(estimator.estimate(1, 1, 5)).toBe(300_000);
    expect(estimator.estimate(6, 1, 5)).toBe(600_000);
    expect(estimator.estimate(3, 0, 5)).toBeUndefined();
  });

  it('averages the recent handling times', () => {
    const estimator = new WaitEstimator(300_000);
    estimator.record(60_000);
    estimator.record(120_000);
    estimator.record(-5);
    expect(estimator.meanHandlingMs()).toBe(90_000);
    expect(estimator.estimate(4, 2, 2)).toBe(90_000);
    for (let index = 0; index < 20; index += 1) estimator.record(30_000);
    expect(estimator.meanHandlingMs()).toBe(30_000);
  });
});
