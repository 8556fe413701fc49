/**
 * The agent's hub token file, as IT staff hand it to `npm run serve --
 * --hub-token-file` and as the browser host stores it: owner-only permissions,
 * a trailing newline ignored, and Spanish errors that name the file and the fix.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/result';
import { translate } from '../../../../shared/i18n/catalog';
import { silentLogger } from '../../../../shared/log/logger';
import { UsageError } from '../../../../main/cli/args';
import { startServe } from '../../../../main/cli/serve';
import { fileHubTokenStore, hubTokenFile, readHubTokenFile } from '../../../../main/settings/hub-token';

let folder: string;

function tokenFile(content: string, mode: number): string {
  const file = join(folder, 'token-del-agente');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

async function readError(file: string): Promise<ApiError> {
  const error = await readHubTokenFile(file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'atiende-token-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('readHubTokenFile', () => {
  it('reads an owner-only file without its newline', async () => {
    expect(await readHubTokenFile(tokenFile('abc123\n', 0o600))).toBe('abc123');
  });

  it('rejects a file others can read', async () => {
    const file = tokenFile('abc123\n', 0o644);
    const error = await readError(file);
    expect(error.code).toBe('hubToken.error.readableByOthers');
    expect(translate('es', error.code, error.params)).toBe(`Otros usuarios pueden leer el archivo del token del agente ${file} (permisos 0644). Ejecute «chmod 600 ${file}» e inicie de nuevo.`);
  });

  it('rejects an empty file', async () => {
    expect((await readError(tokenFile('\n', 0o600))).code).toBe('hubToken.error.empty');
  });

  it('rejects a missing file unless asked not to', async () => {
    const missing = join(folder, 'no-existe');
    expect(await readError(missing)).toMatchObject({ code: 'hubToken.error.openFile', params: { file: missing, code: 'ENOENT' } });
    expect(await readHubTokenFile(missing, { missingIsEmpty: true })).toBeUndefined();
  });
});

describe('fileHubTokenStore', () => {
  it('stores the token for its owner only', async () => {
    const store = fileHubTokenStore(folder);
    expect(await store.load()).toBeUndefined();
    await store.save('token-nuevo');
    expect(await store.load()).toBe('token-nuevo');
    expect(statSync(hubTokenFile(folder)).mode & 0o777).toBe(0o600);
  });
});

describe('serve --hub-token-file', () => {
  it('stops before starting with a readable token file', async () => {
    const file = tokenFile('abc123\n', 0o644);
    const stdout = new PassThrough();
    const error = await startServe(['--data', join(folder, 'datos'), '--hub-token-file', file], { stdout, logger: silentLogger, dataDir: folder }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(`chmod 600 ${file}`);
    expect(stdout.read()).toBeNull();
  });
});
