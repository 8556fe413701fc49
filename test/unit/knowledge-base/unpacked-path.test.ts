import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../main/knowledge-base/unpacked-path';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('unpackedPath', () => {
  it('prefers the unpacked copy', () => {
    const root = mkdtempSync(join(tmpdir(), 'atiende-asar-'));
    folders.push(root);
    mkdirSync(join(root, 'app.asar.unpacked', 'dist', 'electron'), { recursive: true });
    writeFileSync(join(root, 'app.asar.unpacked', 'dist', 'electron', 'kb-worker.cjs'), '');

    expect(unpackedPath(join(root, 'app.asar', 'dist', 'electron', 'kb-worker.cjs'))).toBe(join(root, 'app.asar.unpacked', 'dist', 'electron', 'kb-worker.cjs'));
    expect(unpackedPath(join(root, 'app.asar', 'kb-sample'))).toBe(join(root, 'app.asar', 'kb-sample'));
    expect(unpackedPath('/opt/atiende/dist/electron/kb-worker.cjs')).toBe('/opt/atiende/dist/electron/kb-worker.cjs');
  });
});
