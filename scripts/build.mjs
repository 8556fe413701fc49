// Builds everything that runs outside the test runner: the Node command line
// (browser host, hub, tools), the Electron main and preload bundles, the citizen
// widget and the renderer. Run by `npm run build`, `npm run serve` and `npm test`.
// With --tools (the command-line tools' scripts) the renderer is left as it is, so
// running `npm run check` beside a running workstation never touches its files.
//
// Builds started at the same time (two `npm run serve`, a test run beside a running
// workstation) take turns: each holds dist/.build.lock, which names its process,
// for the whole build, and a lock whose process is gone is taken over.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { buildSpellingWordList } from './spelling/build-hook.mjs';

const quiet = process.argv.includes('--quiet');
const toolsOnly = process.argv.includes('--tools');
const started = Date.now();

const LOCK_FILE = 'dist/.build.lock';
/** How long a build waits for another one to finish: a full build takes well under a minute, so ten is generous. */
const LOCK_WAIT_MS = 10 * 60 * 1000;
const LOCK_POLL_MS = 250;

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return error.code === 'EPERM';
  }
}

/** Takes dist/.build.lock, waiting while a running build holds it; returns the function that releases it. */
async function acquireBuildLock() {
  await mkdir('dist', { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      const handle = await open(LOCK_FILE, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(LOCK_FILE, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(LOCK_FILE, 'utf8').catch(() => ''), 10);
    // A lock without a readable pid may be one being written this instant, so it is only taken over once it is old.
    if (Number.isInteger(holder) && !isRunning(holder)) {
      await rm(LOCK_FILE, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Otra compilación (proceso ${holder}) sigue en curso después de ${LOCK_WAIT_MS / 60000} minutos. Espere a que termine o, si ese proceso ya no existe, borre ${LOCK_FILE}.`);
    }
    if (!announced) {
      process.stderr.write(`Otra compilación está en curso (proceso ${Number.isInteger(holder) ? holder : '?'}); esta espera a que termine.\n`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/**
 * Puts a freshly built renderer in place of dist/renderer with two renames. The
 * temporary folders carry this process's id, so no other build can remove them, and
 * when the second rename fails the old renderer goes back, so dist/renderer is
 * missing only between the two renames.
 */
async function swapRenderer(next) {
  const old = `dist/.renderer-old-${process.pid}`;
  await rm(old, { recursive: true, force: true });
  let moved = true;
  await rename('dist/renderer', old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
    moved = false;
  });
  try {
    await rename(next, 'dist/renderer');
  } catch (error) {
    if (moved) await rename(old, 'dist/renderer');
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

/**
 * Removes the temporary renderer folders of builds that were killed before they
 * finished. A build killed between its two renames left the served renderer as its
 * old folder, which goes back in place.
 */
async function removeLeftovers() {
  const names = await readdir('dist').catch(() => []);
  for (const name of names) {
    const [, kind, pid] = /^\.renderer-(next|old)-(\d+)$/.exec(name) ?? [];
    if (!pid || isRunning(Number(pid))) continue;
    if (kind === 'old' && !existsSync('dist/renderer')) await rename(`dist/${name}`, 'dist/renderer');
    else await rm(`dist/${name}`, { recursive: true, force: true });
  }
  // The fixed names of an older version of this script, which left them the same way.
  if (existsSync('dist/.renderer-old') && !existsSync('dist/renderer')) await rename('dist/.renderer-old', 'dist/renderer');
  for (const folder of ['dist/.renderer-next', 'dist/.renderer-old']) await rm(folder, { recursive: true, force: true });
}

const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2023' };

async function buildAll() {
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
    // The renderer is built beside the served one and swapped in, so a workstation
    // running from dist/ never serves a half-emptied folder during a build.
    const next = `dist/.renderer-next-${process.pid}`;
    await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn', build: { outDir: `../${next}`, emptyOutDir: true } });
    // The composer's checker worker fetches the word list from the renderer's own origin, which serves dist/renderer only.
    await mkdir(`${next}/spelling`, { recursive: true });
    await copyFile('dist/spelling/es-words.txt', `${next}/spelling/es-words.txt`);
    await swapRenderer(next);
  }
}

let release = null;
try {
  release = await acquireBuildLock();
  await removeLeftovers();
  await buildAll();
} catch (error) {
  // esbuild and Vite have already printed their own diagnostics; this line names what failed, in Spanish.
  process.stderr.write(`La compilación falló: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await release?.();
}

if (!quiet && process.exitCode !== 1) console.log(`Build finished in ${Date.now() - started} ms.`);
