// Builds everything that runs outside the test runner: the Node command line
// (browser host, hub, tools), the Electron main and preload bundles, the citizen
// widget and the renderer. Run by `npm run build`, `npm run serve` and `npm test`.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildSpellingWordList } from './spelling/build-hook.mjs';

const quiet = process.argv.includes('--quiet');
const started = Date.now();

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2023' };

await Promise.all([
  esbuild({
    ...common,
    entryPoints: { cli: 'main/cli/index.ts' },
    outdir: 'dist/node',
    platform: 'node',
    format: 'esm',
    packages: 'external',
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
await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });
// The spelling checker's word list, regenerated only when its inputs change.
await buildSpellingWordList(process.cwd(), { quiet });

if (!quiet) console.log(`Build finished in ${Date.now() - started} ms.`);
