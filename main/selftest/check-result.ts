/** Building blocks of every self-test check: a result, an error reason, and a per-check time limit. */
import type { CheckId, CheckResult, CheckStatus } from '../../shared/selftest/model';

type Values = CheckResult['values'];
type Params = CheckResult['params'];

export function checkResult(id: CheckId, status: CheckStatus, messageKey: string, values: Values = {}, params: Params = {}): CheckResult {
  return { id, status, values, messageKey, params };
}

/** Returns the most telling text of an error: fetch and dual-stack connects hide the real one inside. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  const cause = (error as { cause?: unknown }).cause;
  if (error.message === 'fetch failed' && cause) return reasonOf(cause);
  return error.message || (error as NodeJS.ErrnoException).code || error.name;
}

/** Settles with the promise's value, or with `fallback` once timeoutMs has passed, whichever comes first. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one check with its own time limit, so a stuck call cannot hold the others. */
export function runCheck(id: CheckId, timeoutMs: number, check: () => Promise<CheckResult>): Promise<CheckResult> {
  const guarded = check().catch((error: unknown) => checkResult(id, 'error', 'selftest.unexpected', {}, { reason: reasonOf(error) }));
  return withTimeout(guarded, timeoutMs, () => checkResult(id, 'error', 'selftest.timeout', {}, { seconds: timeoutMs / 1000 }));
}
