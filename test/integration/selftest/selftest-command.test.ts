/** `atiende selftest` against a real hub on loopback, as IT staff script it. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { UsageError } from '../../../main/cli/args';
import { readRuns } from '../../../main/selftest/run-log';
import { runSelfTestCommand } from '../../../main/selftest/selftest-command';

let hub: HubHandle;
let dataDir: string;

beforeAll(async () => {
  hub = await startHub({ port: 0, logger: silentLogger });
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-selftest-cli-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runSelfTestCommand(argv, { stdout: { write: (text: string) => (output += text) }, logger: silentLogger, dataDir });
  return { code, output };
}

describe('atiende selftest', () => {
  it('prints the JSON shape and an exit code that matches the statuses', async () => {
    const { code, output } = await run(['--json', '--hub', hub.agentUrl]);
    const parsed = JSON.parse(output) as { checks: Array<{ id: string; status: string; values: object; message: string }>; durationMs: number };
    expect(parsed.checks.map((check) => check.id)).toEqual(['headset', 'microphone', 'computer', 'internet', 'lan', 'hub', 'smtp', 'knowledge-base']);
    for (const check of parsed.checks) {
      expect(check.message.length, check.id).toBeGreaterThan(0);
      expect(check.message, check.id).not.toMatch(/selftest\./);
    }
    expect(parsed.checks.find((check) => check.id === 'hub')?.status).toBe('pass');
    // Without settings the sample material is loaded, as in the workstation, and flagged as a sample.
    const knowledgeBase = parsed.checks.find((check) => check.id === 'knowledge-base');
    expect(knowledgeBase?.status).toBe('warn');
    expect(knowledgeBase?.message).toContain('artículos de ejemplo');
    const failed = parsed.checks.some((check) => check.status === 'fail' || check.status === 'error');
    expect(code).toBe(failed ? 1 : 0);
    expect(parsed.durationMs).toBeLessThan(2000);
  });

  it('prints a Spanish table by default', async () => {
    const { output } = await run(['--hub', hub.agentUrl]);
    expect(output).toMatch(/^Verificación\s+Estado\s+Detalle/);
    expect(output).toContain('Servicios de red: hub de chat');
    expect(output).toMatch(/Duración: \d+ ms/);
  });

  it('fails the hub check when no hub listens', async () => {
    const { code, output } = await run(['--json', '--hub', 'ws://127.0.0.1:9/ws/agent']);
    expect(code).toBe(1);
    expect(JSON.parse(output).checks.find((check: { id: string }) => check.id === 'hub').status).toBe('fail');
  });

  it('stores each run and writes a report for IT support', async () => {
    const before = (await readRuns(dataDir)).length;
    const report = join(dataDir, 'informe.txt');
    await run(['--hub', hub.agentUrl, '--report', report]);
    expect((await readRuns(dataDir)).length).toBe(before + 1);
    const text = readFileSync(report, 'utf8');
    expect(text).toMatch(/^Informe de verificación de equipos/);
    expect(text).toContain(`Equipo: ${hostname()}`);
    expect(text).toContain('Versión de node:');
  });

  it('rejects a hub address that is not a WebSocket URL', async () => {
    await expect(run(['--hub', 'http://127.0.0.1:4180'])).rejects.toThrow(UsageError);
  });

  it('rejects an unknown option', async () => {
    await expect(run(['--verbose'])).rejects.toThrow(/Argumento no válido/);
  });
});
