/**
 * Internet access, measured only against the endpoints the entity configures: name
 * lookups and HTTP(S) requests. With none configured the check reports not-configured instead of
 * guessing a public host.
 */
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult } from './check-result';
import { requestHead, resolveName, timed } from './endpoint-probes';

export interface InternetEndpoints {
  /** Host names to resolve, for example the entity's own domain. */
  dns?: string[];
  /** http: or https: addresses to request, for example the entity's portal. */
  https?: string[];
}

export async function checkInternet(endpoints: InternetEndpoints, timeoutMs: number, latencyWarnMs: number): Promise<CheckResult> {
  const names = endpoints.dns ?? [];
  const urls = endpoints.https ?? [];
  if (names.length === 0 && urls.length === 0) return checkResult('internet', 'not-configured', 'selftest.internet.notConfigured');

  const probes = await Promise.all([
    ...names.map((name) => timed(name, () => resolveName(name))),
    ...urls.map((url) => timed(url, () => requestHead(url, timeoutMs))),
  ]);
  const values = Object.fromEntries(probes.map((probe) => [probe.target, probe.ms ?? `error: ${probe.reason}`]));

  const failed = probes.find((probe) => probe.reason !== null);
  if (failed) return checkResult('internet', 'fail', 'selftest.internet.fail', values, { target: failed.target, reason: failed.reason ?? '' });

  const slowest = probes.reduce((worst, probe) => ((probe.ms ?? 0) > (worst.ms ?? 0) ? probe : worst));
  if ((slowest.ms ?? 0) > latencyWarnMs) return checkResult('internet', 'warn', 'selftest.internet.slow', values, { target: slowest.target, ms: slowest.ms ?? 0 });
  return checkResult('internet', 'pass', 'selftest.internet.pass', values, { count: probes.length, ms: slowest.ms ?? 0 });
}
