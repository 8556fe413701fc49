/** The institutional material: how many articles are loaded and how old the oldest one is. */
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult } from './check-result';

export interface KnowledgeBaseSummary {
  articles: number;
  /** Update time of the oldest article, ms since the epoch, or null when no article has a date. */
  oldestUpdatedAt: number | null;
  /** True when the material is the sample shipped with Atiende, not the entity's own. */
  sample?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function checkKnowledgeBase(
  summarize: (() => Promise<KnowledgeBaseSummary>) | undefined,
  maxAgeDays: number,
  now: number = Date.now(),
): Promise<CheckResult> {
  if (!summarize) return checkResult('knowledge-base', 'not-configured', 'selftest.kb.notConfigured');

  const summary = await summarize();
  const { articles, oldestUpdatedAt } = summary;
  const oldestDays = oldestUpdatedAt === null ? null : Math.floor((now - oldestUpdatedAt) / DAY_MS);
  const values = { articles, oldestDays };
  if (articles === 0) return checkResult('knowledge-base', 'fail', 'selftest.kb.empty', values);
  // Sample articles of a fictional entity must not pass for the entity's own material.
  if (summary.sample) return checkResult('knowledge-base', 'warn', 'selftest.kb.sample', { ...values, sample: true }, { count: articles });
  if (oldestDays !== null && oldestDays > maxAgeDays) {
    return checkResult('knowledge-base', 'warn', 'selftest.kb.stale', values, { count: articles, days: oldestDays, maxDays: maxAgeDays });
  }
  return checkResult('knowledge-base', 'pass', 'selftest.kb.pass', values, { count: articles, days: oldestDays ?? 0 });
}
