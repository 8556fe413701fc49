/** Runs one self-test check with its own time limit, so a stuck call cannot hold the others. */
import type { CheckId, CheckResult } from '../../shared/selftest/model';

export async function runCheck(id: CheckId, timeoutMs: number, check: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ id, status: 'error', values: {}, messageKey: 'selftest.timeout', params: { seconds: timeoutMs / 1000 } }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
