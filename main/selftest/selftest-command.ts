/**
 * `atiende selftest [--json] [--data DIR] [--settings FILE] [--hub URL] [--report FILE]`: runs every
 * check that needs no person, prints a Spanish table (or JSON), stores the run, and
 * exits 0 when nothing failed, 1 when a check failed or could not run, 2 on bad arguments.
 */
import { writeFile } from 'node:fs/promises';
import { translate } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import type { CheckResult } from '../../shared/selftest/model';
import { parseCommandArgs, UsageError } from '../cli/args';
import { appVersion } from '../host/package-root';
import { openEntitySettings, resolveSettingsPath } from '../settings/entity-settings';
import { readSmtpPasswordFromEnvironment } from '../settings/smtp-password';
import { openKnowledgeBase } from '../knowledge-base/knowledge-base';
import { runSelfTest } from './run-selftest';
import { appendRun, createRun, formatReport } from './run-log';

/** The embedded hub's agent endpoint with the default port. */
export const DEFAULT_HUB_AGENT_URL = 'ws://127.0.0.1:4180/ws/agent';

const USAGE = `Uso: atiende selftest [--json] [--data CARPETA] [--settings ARCHIVO] [--hub URL] [--report ARCHIVO]
  --json     imprime el resultado como JSON
  --data     carpeta de datos donde se guarda el registro de verificaciones
  --settings archivo de configuración de la entidad: umbrales, direcciones de internet, SMTP y hub
             (por omisión ATIENDE_SETTINGS o CARPETA/settings/entidad.json)
  --hub      dirección WebSocket del hub de agentes (por omisión la de la configuración o ${DEFAULT_HUB_AGENT_URL})
  --report   escribe además un informe legible para soporte técnico en ARCHIVO`;

export interface SelfTestCommandIo {
  stdout: { write(text: string): unknown };
  logger: Logger;
  dataDir: string;
}

function failed(check: CheckResult): boolean {
  return check.status === 'fail' || check.status === 'error';
}

function table(checks: CheckResult[], durationMs: number): string {
  const rows = checks.map((check) => [translate('es', `selftest.check.${check.id}`), translate('es', `selftest.status.${check.status}`), translate('es', check.messageKey, check.params)]);
  const nameWidth = Math.max(12, ...rows.map((row) => row[0]!.length));
  const statusWidth = Math.max(6, ...rows.map((row) => row[1]!.length));
  const header = `${'Verificación'.padEnd(nameWidth)}  ${'Estado'.padEnd(statusWidth)}  Detalle`;
  const body = rows.map(([name, status, detail]) => `${name!.padEnd(nameWidth)}  ${status!.padEnd(statusWidth)}  ${detail}`);
  return [header, ...body, '', `Duración: ${durationMs} ms`].join('\n');
}

export async function runSelfTestCommand(argv: string[], io: SelfTestCommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { json: { type: 'boolean' }, data: { type: 'string' }, settings: { type: 'string' }, hub: { type: 'string' }, report: { type: 'string' } },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`Argumento no reconocido: «${positionals[0]}».\n${USAGE}`);
  const dataDir = values.data ?? io.dataDir;
  const entity = await openEntitySettings({ dataDir, path: resolveSettingsPath(dataDir, values.settings), logger: io.logger });
  const problem = entity.problem();
  if (problem) throw new UsageError(problem.message);
  const settings = entity.get();

  const hubUrl = values.hub ?? settings.hubUrl ?? DEFAULT_HUB_AGENT_URL;
  if (!/^wss?:\/\/[^\s/]+/.test(hubUrl)) throw new UsageError(`La dirección «${hubUrl}» de --hub no es válida. Use una dirección ws:// o wss://, por ejemplo ${DEFAULT_HUB_AGENT_URL}.`);

  // The same material the workstation loads: the persisted index of the configured folder, or the sample.
  const knowledgeBase = await openKnowledgeBase({ dataDir, folder: settings.knowledgeBase.folder, maxAgeDays: settings.knowledgeBase.maxAgeDays, logger: io.logger });
  const report = await runSelfTest({
    hubUrl,
    dataDir,
    knowledgeBase: knowledgeBase.summarize,
    logger: io.logger.child({ module: 'selftest' }),
    thresholds: settings.selfTest.thresholds,
    internet: settings.selfTest.internet,
    lan: settings.selfTest.lan,
    smtp: settings.smtp ? { ...settings.smtp, password: await readSmtpPasswordFromEnvironment() } : undefined,
    knowledgeBaseMaxAgeDays: settings.knowledgeBase.maxAgeDays,
  }).finally(() => knowledgeBase.close());
  const run = createRun(report.checks, report.durationMs, appVersion());
  try {
    await appendRun(dataDir, run);
  } catch (error) {
    io.logger.warn({ err: error, dataDir }, 'self-test run could not be stored');
  }
  if (values.report) await writeFile(values.report, formatReport(run), 'utf8');

  if (values.json) {
    const checks = report.checks.map((check) => ({ id: check.id, status: check.status, values: check.values, message: translate('es', check.messageKey, check.params) }));
    io.stdout.write(`${JSON.stringify({ checks, durationMs: report.durationMs })}\n`);
  } else {
    io.stdout.write(`${table(report.checks, report.durationMs)}\n`);
  }
  return report.checks.some(failed) ? 1 : 0;
}
