import { describe, expect, it } from 'vitest';
import { classifySendError, retryDelay } from '../../../main/outbox/smtp';

describe('retry delay', () => {
  const settings = { retryBaseMs: 1_000, retryMaxMs: 60_000 };

  it('doubles per failure up to the maximum', () => {
    const highest = (failures: number) => retryDelay(failures, settings, () => 1);
    expect([1, 2, 3, 4, 7, 8, 50].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });

  it('keeps jitter within the upper half', () => {
    expect(retryDelay(3, settings, () => 0)).toBe(2_000);
    expect(retryDelay(3, settings, () => 0.5)).toBe(3_000);
    for (let sample = 0; sample < 100; sample++) {
      const delay = retryDelay(2, settings);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});

describe('send error classification', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 Mailbox unavailable' }, 'rejected', 'outbox.error.rejected'],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 Transaction failed' }, 'rejected', 'outbox.error.rejected'],
    [{ code: 'EENVELOPE', responseCode: 450, response: '450 Mailbox busy' }, 'deferred', 'outbox.error.temporary'],
    [{ code: 'EMESSAGE', responseCode: 503, response: '503 Bad sequence' }, 'deferred', 'outbox.error.temporary'],
    [{ code: 'EENVELOPE', responseCode: 421, response: '421 Closing' }, 'unreachable', 'outbox.error.connection'],
    [{ code: 'ESOCKET' }, 'unreachable', 'outbox.error.connection'],
    [{ code: 'ETIMEDOUT' }, 'unreachable', 'outbox.error.connection'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 Invalid' }, 'unreachable', 'outbox.error.auth'],
    [{ code: 'ETLS', responseCode: 500, response: '500 Unknown command' }, 'unreachable', 'outbox.error.tls'],
    [{ code: 'EPROTOCOL', responseCode: 554, response: '554 No service' }, 'unreachable', 'outbox.error.connection'],
    [new Error('plain'), 'unreachable', 'outbox.error.connection'],
  ])('reads %j', (error, kind, key) => {
    const failure = classifySendError(error);
    expect(failure.kind).toBe(kind);
    expect(failure.reason.key).toBe(key);
  });

  it('keeps the reply on one short line', () => {
    const failure = classifySendError({ code: 'EENVELOPE', responseCode: 550, response: `550 5.1.1\r\n  ${'x'.repeat(400)}` });
    expect(String(failure.reason.params.reply)).toMatch(/^550 5\.1\.1 x+$/);
    expect(String(failure.reason.params.reply).length).toBe(300);
  });
});
