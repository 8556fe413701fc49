/** Results of the equipment self-test that the protocol requires before each shift. */
import { z } from 'zod';

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'not-configured', 'error']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkIdSchema = z.enum(['headset', 'microphone', 'computer', 'internet', 'lan', 'hub', 'smtp', 'knowledge-base']);
export type CheckId = z.infer<typeof checkIdSchema>;

export const checkResultSchema = z.object({
  id: checkIdSchema,
  status: checkStatusSchema,
  /** Measured values, shown as they are: device names, addresses, milliseconds. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Catalog key of the Spanish explanation, with its parameters. */
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const selfTestReportSchema = z.object({
  checks: z.array(checkResultSchema),
  durationMs: z.number().nonnegative(),
});
export type SelfTestReport = z.infer<typeof selfTestReportSchema>;

const severity: Record<CheckStatus, number> = { pass: 0, 'not-configured': 0, warn: 1, error: 2, fail: 2 };

/** Returns the worst status of a set of checks: fail and error count alike, because neither was a pass. */
export function worstStatus(checks: readonly Pick<CheckResult, 'status'>[]): 'pass' | 'warn' | 'fail' {
  const worst = Math.max(0, ...checks.map((check) => severity[check.status]));
  if (worst === 2) return 'fail';
  if (worst === 1) return 'warn';
  return 'pass';
}
