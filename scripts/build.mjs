// Builds everything that runs outside the test runner: the Node command line
// (browser host, hub, tools), the Electron main and preload bundles, the citizen
// widget and the renderer. Run by `npm run build`, `npm run serve` and `npm test`.
// With --tools (the command-line tools' scripts) the renderer is left as it is, so
// running `npm run check` beside a running workstation never touches its files.
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildSpellingWordList } from './spelling/build-hook.mjs';

const quiet = process.argv.includes('--quiet');
const toolsOnly = process.argv.includes('--tools');
const started = Date.now();

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2023' };

await Promise.all([
  esbuild({
    ...common,
    entryPoints: { cli: 'main/cli/index.ts', 'kb-worker': 'main/knowledge-base/kb-worker.ts' },
    outdir: 'dist/node',
    platform: 'node',
    format: 'esm',
    packages: 'external',
  }),
  // The knowledge base's worker thread, beside each bundle that starts it (see main/knowledge-base/worker-client.ts).
  esbuild({
    ...common,
    entryPoints: { 'kb-worker': 'main/knowledge-base/kb-worker.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    // Bundled but for pdfjs-dist, which is loaded with import() at run time, so that ESM-only packages work from CommonJS.
    external: ['pdfjs-dist'],
  }),
  esbuild({
    ...common,
    entryPoints: { main: 'main/electron/main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    external: ['electron'],
    // Code shared with the ESM command line falls back to __filename where import.meta is empty.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  // A sandboxed preload cannot load node_modules, so everything but electron is bundled in.
  esbuild({
    ...common,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: { widget: 'hub/widget/widget.ts' },
    outdir: 'dist/widget',
    platform: 'browser',
    format: 'iife',
    minify: true,
  }),
]);
// The spelling checker's word list, regenerated only when its inputs change.
await buildSpellingWordList(process.cwd(), { quiet });

if (!toolsOnly) {
  // The renderer is built beside the served one and swapped in with two renames, so a
  // workstation running from dist/ never serves a half-emptied folder during a build.
  const next = 'dist/.renderer-next';
  await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn', build: { outDir: `../${next}`, emptyOutDir: true } });
  // The composer's checker worker fetches the word list from the renderer's own origin, which serves dist/renderer only.
  await mkdir(`${next}/spelling`, { recursive: true });
  await copyFile('dist/spelling/es-words.txt', `${next}/spelling/es-words.txt`);
  await rm('dist/.renderer-old', { recursive: true, force: true });
  await rename('dist/renderer', 'dist/.renderer-old').catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(next, 'dist/renderer');
  await rm('dist/.renderer-old', { recursive: true, force: true });
}

if (!quiet) console.log(`Build finished in ${Date.now() - started} ms.`);
