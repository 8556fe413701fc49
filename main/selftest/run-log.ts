/**
 * The record of self-test runs: one JSON line per run in <data>/selftest/runs.jsonl,
 * with the override reason when the agent started the shift despite a failure, and a
 * readable Spanish report of a run for IT support.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { hostname, release, type } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { translate } from '../../shared/i18n/catalog';
import { checkResultSchema, worstStatus } from '../../shared/selftest/model';

export const selfTestRunSchema = z.object({
  at: z.number().int(),
  host: z.string(),
  versions: z.record(z.string(), z.string()),
  checks: z.array(checkResultSchema),
  durationMs: z.number().nonnegative(),
  /** Written reason the agent gave to start the shift although a check failed. */
  override: z.string().nullable(),
});
export type SelfTestRun = z.infer<typeof selfTestRunSchema>;

export function runLogPath(dataDir: string): string {
  return join(dataDir, 'selftest', 'runs.jsonl');
}

/** Returns the versions IT support needs first: Atiende, Node, the OS, and Electron and Chromium when present. */
export function runtimeVersions(appVersion: string): Record<string, string> {
  const versions: Record<string, string> = { atiende: appVersion, node: process.versions.node, os: `${type()} ${release()}` };
  if (process.versions.electron) versions.electron = process.versions.electron;
  if (process.versions.chrome) versions.chromium = process.versions.chrome;
  return versions;
}

/** Appends a run and flushes it to disk, so a run the agent relied on survives a power cut. */
export async function appendRun(dataDir: string, run: SelfTestRun): Promise<void> {
  const path = runLogPath(dataDir);
  await mkdir(join(dataDir, 'selftest'), { recursive: true });
  await appendFile(path, `${JSON.stringify(run)}\n`, { mode: 0o600 });
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads every stored run, oldest first; a line cut by a crash is skipped. */
export async function readRuns(dataDir: string): Promise<SelfTestRun[]> {
  let text: string;
  try {
    text = await readFile(runLogPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runs: SelfTestRun[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = selfTestRunSchema.safeParse(JSON.parse(line));
      if (parsed.success) runs.push(parsed.data);
    } catch {
      // A partial last line from a crash: the runs before it are still good.
    }
  }
  return runs;
}

export function createRun(checks: SelfTestRun['checks'], durationMs: number, appVersion: string, override: string | null = null): SelfTestRun {
  return { at: Date.now(), host: hostname(), versions: runtimeVersions(appVersion), checks, durationMs, override };
}

function formatValue(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  return String(value);
}

/** Formats a run as a plain-text Spanish report for IT support. */
export function formatReport(run: SelfTestRun): string {
  const lines = [
    'Informe de verificación de equipos',
    '',
    `Equipo: ${run.host}`,
    `Fecha: ${new Date(run.at).toISOString()}`,
    ...Object.entries(run.versions).map(([name, version]) => `Versión de ${name}: ${version}`),
    `Duración: ${run.durationMs} ms`,
    `Resultado general: ${translate('es', `selftest.status.${worstStatus(run.checks)}`)}`,
  ];
  if (run.override) lines.push(`Turno iniciado con fallas. Motivo: ${run.override}`);
  for (const check of run.checks) {
    lines.push('', `${translate('es', `selftest.check.${check.id}`)}: ${translate('es', `selftest.status.${check.status}`)}`);
    lines.push(`  ${translate('es', check.messageKey, check.params)}`);
    for (const [name, value] of Object.entries(check.values)) lines.push(`  ${name}: ${formatValue(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
