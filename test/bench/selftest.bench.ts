/**
 * selftest: wall time of every check that needs no person, against an embedded hub
 * on loopback with the default settings (budget 2 s). The first run is reported on
 * its own because systeminformation's first CPU reading waits for a sample.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../shared/log/logger';
import { startHub } from '../../hub/server';
import { runSelfTest } from '../../main/selftest/run-selftest';
import { quantile, type Figure } from './figure';

const RUNS = 7;

export default async function benchSelfTest(): Promise<Figure[]> {
  const hub = await startHub({ port: 0, logger: silentLogger });
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-bench-selftest-'));
  const durations: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      await runSelfTest({ hubUrl: hub.agentUrl, dataDir, logger: silentLogger });
      durations.push(performance.now() - started);
    }
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const sorted = [...durations].sort((a, b) => a - b);
  return [
    { name: 'selftest first run', value: Math.round(durations[0]!), unit: 'ms', budget: 2000, better: 'lower' },
    { name: 'selftest median', value: Math.round(quantile(sorted, 0.5)), unit: 'ms', budget: 2000, better: 'lower' },
    { name: 'selftest max', value: Math.round(sorted.at(-1)!), unit: 'ms', budget: 2000, better: 'lower' },
  ];
}
