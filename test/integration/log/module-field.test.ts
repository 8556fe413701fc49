// Child loggers write one "module" field per line, the innermost, read back from a real log file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, setLogLevel } from '../../../main/log/logger';

let dataDir = '';

afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function logLines(): Promise<string[]> {
  const text = await readFile(join(dataDir, 'logs', 'atiende.log'), 'utf8');
  return text.split('\n').filter((line) => line.length > 0);
}

function countKey(line: string, key: string): number {
  return line.split(`"${key}":`).length - 1;
}

describe('logger module field', () => {
  it('writes only the innermost module', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atiende-log-'));
    const root = createLogger({ dataDir });
    const outbox = root.child({ module: 'outbox-service' }).child({ module: 'outbox', queue: 'main' });

    outbox.info({ id: 'q1' }, 'message sent');

    const [line] = await logLines();
    expect(countKey(line!, 'module')).toBe(1);
    const entry = JSON.parse(line!) as Record<string, unknown>;
    expect(entry.module).toBe('outbox');
    expect(entry.queue).toBe('main');
    expect(entry.id).toBe('q1');
    expect(entry.msg).toBe('message sent');
  });

  it('keeps redacting through children', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atiende-log-'));
    createLogger({ dataDir }).child({ module: 'a' }).child({ module: 'b' }).info({ email: 'ana@example.co' }, 'citizen data exported');

    const [line] = await logLines();
    expect(line).not.toContain('ana@example.co');
    expect(line).toContain('[redactado]');
  });

  it('applies a level change to existing children', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atiende-log-'));
    const root = createLogger({ dataDir, level: 'info' });
    const child = root.child({ module: 'settings' }).child({ module: 'retention' });

    child.debug({}, 'hidden at info');
    setLogLevel(root, 'debug');
    child.debug({}, 'shown at debug');
    setLogLevel(child, 'warn');
    root.info({}, 'hidden at warn');

    const messages = (await logLines()).map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['shown at debug']);
  });
});
