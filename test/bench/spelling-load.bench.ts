/**
 * Spelling load bench: time and memory until the spelling engine is ready, each
 * run in a fresh Node process, beside nspell with dictionary-es measured the same
 * way in the same run. "Ready" means the word list (or the Hunspell files) has
 * been read and one word checked. Memory is the growth of the process's resident
 * set (RSS) and of the V8 heap after a forced garbage collection, from just before
 * loading to ready, so Node's own baseline of about 40 MB is not counted.
 * Budgets: 300 ms and 40 MB on the 2-core test machine.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Figure } from './figure';
import { loadBenchEngine, ROOT } from './spelling-bench-engine';

const RUNS = 5;
const CHILD_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

interface LoadSample {
  ms: number;
  rssMb: number;
  heapMb: number;
  totalRssMb: number;
}

/** The part every child shares: measure from before the load to after one checked word. */
const MEASURE = `
globalThis.gc();
const before = process.memoryUsage();
const started = performance.now();
const loaded = await load();
const ms = performance.now() - started;
if (!loaded.ready) throw new Error('The engine rejected a correct word.');
globalThis.gc();
const after = process.memoryUsage();
// The engine must stay reachable until memory is read, or the collector frees it.
globalThis.keep = loaded.engine;
console.log(JSON.stringify({ ms, rssMb: (after.rss - before.rss) / 1048576, heapMb: (after.heapUsed - before.heapUsed) / 1048576, totalRssMb: after.rss / 1048576 }));
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function sample(script: string, runs: number): Promise<LoadSample> {
  const samples: LoadSample[] = [];
  for (let index = 0; index < runs; index += 1) {
    const { stdout } = await run(process.execPath, ['--expose-gc', script], { cwd: ROOT, timeout: CHILD_TIMEOUT_MS });
    samples.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadSample);
  }
  const of = (field: keyof LoadSample) => median(samples.map((entry) => entry[field]));
  return { ms: of('ms'), rssMb: of('rssMb'), heapMb: of('heapMb'), totalRssMb: of('totalRssMb') };
}

export default async function (): Promise<Figure[]> {
  const { wordListPath } = loadBenchEngine();
  const folder = await mkdtemp(join(tmpdir(), 'atiende-spelling-load-'));
  try {
    // The engine as the worker or the command line gets it: one bundled module, no TypeScript loader.
    const enginePath = join(folder, 'engine.mjs');
    await build({ entryPoints: [join(ROOT, 'shared/checker/spelling/engine.ts')], outfile: enginePath, bundle: true, format: 'esm', platform: 'neutral', logLevel: 'warning' });

    const ours = join(folder, 'ours.mjs');
    await writeFile(
      ours,
      `import { readFileSync } from 'node:fs';
import { SpellingEngine } from ${JSON.stringify(enginePath)};
async function load() {
  const engine = SpellingEngine.fromText(readFileSync(${JSON.stringify(wordListPath)}, 'utf8'));
  return { engine, ready: engine.isCorrect('infórmele') };
}
${MEASURE}`,
    );

    const reference = join(ROOT, `node_modules/.atiende-nspell-load-${process.pid}.mjs`);
    await writeFile(
      reference,
      `async function load() {
  const { default: nspell } = await import('nspell');
  const { default: dictionary } = await import('dictionary-es');
  const engine = nspell(dictionary);
  return { engine, ready: engine.correct('informe') };
}
${MEASURE}`,
    );

    try {
      const engine = await sample(ours, RUNS);
      const nspell = await sample(reference, 3);
      return [
        { name: 'spelling engine ready', value: engine.ms, unit: 'ms', budget: 300, better: 'lower' },
        { name: 'spelling engine RSS growth', value: engine.rssMb, unit: 'MB', budget: 40, better: 'lower' },
        { name: 'spelling engine heap growth', value: engine.heapMb, unit: 'MB', budget: null, better: 'lower' },
        { name: 'spelling engine process RSS', value: engine.totalRssMb, unit: 'MB', budget: null, better: 'lower' },
        { name: 'nspell + dictionary-es ready', value: nspell.ms, unit: 'ms', budget: null, better: 'lower' },
        { name: 'nspell + dictionary-es RSS growth', value: nspell.rssMb, unit: 'MB', budget: null, better: 'lower' },
        { name: 'nspell + dictionary-es heap growth', value: nspell.heapMb, unit: 'MB', budget: null, better: 'lower' },
        { name: 'nspell + dictionary-es process RSS', value: nspell.totalRssMb, unit: 'MB', budget: null, better: 'lower' },
      ];
    } finally {
      await rm(reference, { force: true });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
