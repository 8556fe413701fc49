// Called by scripts/build.mjs: bundles the word list generator (TypeScript) with
// esbuild and runs it. The generator skips its work when dist/spelling is current.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/** Generates dist/spelling/es-words.txt under root unless it is current; returns how long it took in ms. */
export async function buildSpellingWordList(root, { quiet = false } = {}) {
  const started = Date.now();
  const outfile = join(root, 'dist/tools/generate-word-list.mjs');
  await build({
    entryPoints: [join(root, 'scripts/spelling/generate-word-list.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2023',
    logLevel: 'warning',
  });
  // The bundle has no path of its own to the sources, so the hash inputs are named from root.
  const { generateWordList } = await import(`${pathToFileURL(outfile).href}?t=${started}`);
  const result = generateWordList(root);
  if (!quiet && !result.cached) console.log(`Spelling word list: ${result.words} words in ${Date.now() - started} ms.`);
  return Date.now() - started;
}
