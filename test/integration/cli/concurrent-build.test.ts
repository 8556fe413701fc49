/**
 * Two builds started at once, as two `npm run serve` do: both must finish, and
 * dist/renderer must be complete afterwards. The builds run in a temporary folder
 * whose sources and node_modules are links to this repository, so the repository's
 * own dist/ is never touched. renderer/ is copied instead, because Vite resolves its
 * root through links and would write its output beside the real one.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LINKED = ['main', 'hub', 'shared', 'preload', 'scripts', 'node_modules', 'package.json', 'vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.web.json', 'tsconfig.shared.json'];
const BUILD_TIMEOUT_MS = 120_000;
let root: string;

function build(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'atiende-build-'));
  for (const name of LINKED) symlinkSync(join(process.cwd(), name), join(root, name));
  cpSync(join(process.cwd(), 'renderer'), join(root, 'renderer'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('concurrent builds', () => {
  it('both finish and leave a complete renderer', { timeout: 7 * BUILD_TIMEOUT_MS }, async () => {
    // A renderer in place first, as when a workstation already runs from dist/.
    expect((await build()).code).toBe(0);

    // Without the lock, one pair in about four broke (measured with the earlier script), so three pairs run.
    for (let round = 0; round < 3; round += 1) {
      const [first, second] = await Promise.all([build(), build()]);

      expect(first.stderr).not.toMatch(/ENOENT|ENOTEMPTY|Error:/);
      expect(second.stderr).not.toMatch(/ENOENT|ENOTEMPTY|Error:/);
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      expect(existsSync(join(root, 'dist', 'renderer', 'index.html'))).toBe(true);
      expect(existsSync(join(root, 'dist', 'renderer', 'spelling', 'es-words.txt'))).toBe(true);
      expect(readdirSync(join(root, 'dist')).filter((name) => name.startsWith('.'))).toEqual([]);
    }
  });

  it('restores a renderer a killed build left aside', { timeout: BUILD_TIMEOUT_MS }, async () => {
    const dist = join(root, 'dist');
    // A build killed between its two renames: dist/renderer is missing and the served one sits aside.
    renameSync(join(dist, 'renderer'), join(dist, '.renderer-old-4194999'));
    writeFileSync(join(dist, '.renderer-old-4194999', 'marker.txt'), 'served before the kill');
    // A failing build still restores it first: a missing vite.config.ts stops Vite.
    rmSync(join(root, 'vite.config.ts'));

    const result = await build();
    symlinkSync(join(process.cwd(), 'vite.config.ts'), join(root, 'vite.config.ts'));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('La compilación falló');
    expect(existsSync(join(dist, 'renderer', 'marker.txt'))).toBe(true);
    expect(existsSync(join(dist, '.renderer-old-4194999'))).toBe(false);
  });

  it('takes over the lock of a build that was killed', { timeout: BUILD_TIMEOUT_MS }, async () => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    // Process ids stay below 2^22 on Linux, so this one runs nowhere.
    writeFileSync(join(root, 'dist', '.build.lock'), '4194999\n');
    mkdirSync(join(root, 'dist', '.renderer-next-4194999'), { recursive: true });

    const result = await build();

    expect(result.code).toBe(0);
    expect(existsSync(join(root, 'dist', '.build.lock'))).toBe(false);
    expect(existsSync(join(root, 'dist', '.renderer-next-4194999'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'renderer', 'index.html'))).toBe(true);
  });
});
