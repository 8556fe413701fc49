/**
 * `npm run bench`: runs every test/bench/*.bench.ts module in turn and prints each
 * figure beside its budget. With --json it prints one JSON line per figure:
 * {"name","value","unit","budget","better"}. A module may be named on the command
 * line to run it alone, for example `npm run bench -- hub-delivery`.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from './figure';

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((arg) => !arg.startsWith('--'));

const folder = dirname(fileURLToPath(import.meta.url));
const modules = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.includes(basename(file, '.bench.ts')))
  .sort();

if (modules.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}. Available: ${readdirSync(folder).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}

function verdict(figure: Figure): string {
  if (figure.budget === null) return 'reference';
  const met = figure.better === 'lower' ? figure.value <= figure.budget : figure.value >= figure.budget;
  return met ? 'within budget' : 'OVER BUDGET';
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}

let failed = false;
for (const file of modules) {
  const module = (await import(pathToFileURL(join(folder, file)).href)) as { default: () => Promise<Figure[]> };
  let figures: Figure[];
  try {
    figures = await module.default();
  } catch (error) {
    failed = true;
    console.error(`Benchmark ${file} failed: ${error instanceof Error ? error.stack : String(error)}`);
    continue;
  }
  for (const figure of figures) {
    if (json) {
      const { name, value, unit, budget, better } = figure;
      console.log(JSON.stringify({ name, value, unit, budget, better }));
    } else {
      const budget = figure.budget === null ? '' : ` (budget ${figure.better === 'lower' ? '≤' : '≥'} ${format(figure.budget)} ${figure.unit})`;
      console.log(`${figure.name.padEnd(40)} ${format(figure.value).padStart(10)} ${figure.unit}${budget}  ${verdict(figure)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
