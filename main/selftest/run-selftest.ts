/**
 * Runs every self-test check that needs no person, in parallel, each with its own
 * time limit. Nothing is sent anywhere but to the configured hub, SMTP server,
 * internet and LAN endpoints; with the defaults that is the embedded hub on loopback only.
 */
import { performance } from 'node:perf_hooks';
import type { CheckResult, SelfTestReport } from '../../shared/selftest/model';
import type { Logger } from '../../shared/log/logger';
import type { LanEndpoints } from '../../shared/settings/entity-settings';
import { checkAudioFromOs } from './audio-check';
import { checkResult, runCheck } from './check-result';
import { checkComputer } from './computer-check';
import { checkHub, readHubClock } from './hub-check';
import { checkInternet, type InternetEndpoints } from './internet-check';
import { checkKnowledgeBase, type KnowledgeBaseSummary } from './knowledge-base-check';
import { checkLan } from './lan-check';
import { checkSmtp, type SmtpProbeSettings } from './smtp-check';
import { systemInformation, type SystemInformation } from './system-information';
import { selfTestThresholdsSchema, type SelfTestThresholds } from './thresholds';

export interface SelfTestOptions {
  /** The hub's agent endpoint, for example ws://127.0.0.1:4180/ws/agent. */
  hubUrl: string;
  /** The data folder, whose disk must have room for drafts and queued emails. */
  dataDir: string;
  logger: Logger;
  system?: SystemInformation;
  thresholds?: Partial<SelfTestThresholds>;
  internet?: InternetEndpoints;
  lan?: Partial<LanEndpoints>;
  smtp?: SmtpProbeSettings;
  knowledgeBase?: () => Promise<KnowledgeBaseSummary>;
  /** Articles older than this many days are reported as stale. */
  knowledgeBaseMaxAgeDays?: number;
}

export async function runSelfTest(options: SelfTestOptions): Promise<SelfTestReport> {
  const system = options.system ?? systemInformation;
  const thresholds: SelfTestThresholds = selfTestThresholdsSchema.parse(options.thresholds ?? {});
  const limit = thresholds.checkTimeoutMs;
  const started = performance.now();

  // The OS audio list feeds two checks, so it is read once and shared.
  const audio = checkAudioFromOs(system);
  const fromAudio = (index: 0 | 1) => () => audio.then((results) => results[index] ?? checkResult(index === 0 ? 'headset' : 'microphone', 'error', 'selftest.unexpected'));

  const checks: CheckResult[] = await Promise.all([
    runCheck('headset', limit, fromAudio(0)),
    runCheck('microphone', limit, fromAudio(1)),
    runCheck('computer', limit, () =>
      checkComputer({ system, dataDir: options.dataDir, thresholds, readHubClock: () => readHubClock(options.hubUrl, limit / 2) }),
    ),
    runCheck('internet', limit, () => checkInternet(options.internet ?? {}, limit, thresholds.latencyWarnMs)),
    runCheck('lan', limit, () => checkLan(system, limit, options.lan)),
    runCheck('hub', limit, () => checkHub(options.hubUrl, limit, thresholds.latencyWarnMs)),
    runCheck('smtp', limit, () => checkSmtp(options.smtp, limit)),
    runCheck('knowledge-base', limit, () => checkKnowledgeBase(options.knowledgeBase, options.knowledgeBaseMaxAgeDays ?? 365)),
  ]);

  const durationMs = Math.round(performance.now() - started);
  options.logger.info({ durationMs, statuses: checks.map((check) => `${check.id}:${check.status}`).join(',') }, 'self-test finished');
  return { checks, durationMs };
}
