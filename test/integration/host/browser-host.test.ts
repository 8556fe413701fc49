import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher } from '../../../shared/api/dispatch';
import { silentLogger, type Logger } from '../../../shared/log/logger';
import { startBrowserHost, type BrowserHost } from '../../../main/host/browser-host';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';

let dataDir: string;
let host: BrowserHost;
let workstation: Workstation;
const token = 'test-token-0123456789';

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-host-'));
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Atiende</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dataDir, 'secret.txt'), 'not for the browser');

  // No agent name is stored, so the workstation opens no hub connection.
  workstation = await createWorkstation({ dataDir, hubAgentUrl: 'ws://127.0.0.1:9/ws/agent', citizenUrl: 'http://127.0.0.1:9/', logger: silentLogger });
  host = await startBrowserHost({ workstation, dispatch: createDispatcher(workstation.handlers), rendererDir, logger: silentLogger, token });
});

afterEach(async () => {
  await host.close();
  await workstation.close();
  await rm(dataDir, { recursive: true, force: true });
});

function connect(options: { query?: string; origin?: string; cookie?: string } = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api${options.query ?? `?token=${token}`}`, {
    origin: options.origin ?? host.origin,
    headers: options.cookie ? { Cookie: options.cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, id: number, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data));
      if (frame.kind === 'response' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame.envelope);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ kind: 'request', id, method, params }));
  });
}

describe('browser host over HTTP', () => {
  it('listens on loopback only', () => {
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('rejects the page without a token', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('token');
  });

  it('rejects a wrong token', async () => {
    expect((await fetch(`${host.origin}/?token=wrong`)).status).toBe(403);
  });

  it('serves the page with the token and sets the cookie', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('set-cookie')).toContain(`atiende_token=${token}`);
    expect(response.headers.get('set-cookie')).toContain('HttpOnly');
  });

  it('serves an asset with the cookie alone', async () => {
    const response = await fetch(`${host.origin}/assets/app.js`, { headers: { Cookie: `atiende_token=${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${host.origin}/..%2fsecret.txt?token=${token}`);
    expect(response.status).toBe(404);
  });

  it('rejects a foreign Host header', async () => {
    const status = await new Promise<number>((resolve) => {
      import('node:http').then(({ get }) =>
        get({ host: '127.0.0.1', port: host.port, path: `/?token=${token}`, headers: { Host: 'attacker.example:80' } }, (response) => resolve(response.statusCode ?? 0)),
      );
    });
    expect(status).toBe(403);
  });
});

describe('browser host API socket', () => {
  it('rejects a connection without a token', async () => {
    await expect(connect({ query: '' })).rejects.toThrow('HTTP 403');
  });

  it('rejects a wrong token', async () => {
    await expect(connect({ query: '?token=wrong' })).rejects.toThrow('HTTP 403');
  });

  it('rejects a foreign Origin even with the token', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('accepts the token from the cookie', async () => {
    const socket = await connect({ query: '', cookie: `atiende_token=${token}` });
    expect((await call(socket, 1, 'session.get', {})).ok).toBe(true);
    socket.close();
  });

  it('answers a valid call', async () => {
    const socket = await connect();
    const envelope = await call(socket, 7, 'session.get', {});
    expect(envelope).toEqual({
      ok: true,
      result: { agentName: null, citizenUrl: 'http://127.0.0.1:9/', autoSendGreeting: false, availability: 'paused', selfTest: null },
    });
    socket.close();
  });

  it('rejects an invalid name and writes nothing', async () => {
    const socket = await connect();
    const envelope = await call(socket, 2, 'agent.setName', { name: 'x' });
    expect(envelope.ok).toBe(false);
    expect(envelope.error?.code).toBe('error.invalidRequest');
    expect(existsSync(join(dataDir, 'settings', 'agent.json'))).toBe(false);
    socket.close();
  });

  it('stores the greeting setting', async () => {
    const socket = await connect();
    const envelope = await call(socket, 3, 'settings.setAutoSendGreeting', { enabled: true });
    expect(envelope).toMatchObject({ ok: true, result: { autoSendGreeting: true } });
    expect(existsSync(join(dataDir, 'settings', 'agent.json'))).toBe(true);
    socket.close();
  });

  it('closes the socket on a frame that is not a request', async () => {
    const socket = await connect();
    const code = await new Promise<number>((resolve) => {
      socket.once('close', (closeCode) => resolve(closeCode));
      socket.send('not json');
    });
    expect(code).toBe(4400);
  });
});

/** A logger that keeps each line's fields and message, to check what a rejection logs. */
function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const make = (bound: Record<string, unknown>): Logger => ({
    debug: (fields, message) => lines.push({ level: 'debug', fields: { ...bound, ...fields }, message }),
    info: (fields, message) => lines.push({ level: 'info', fields: { ...bound, ...fields }, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: { ...bound, ...fields }, message }),
    error: (fields, message) => lines.push({ level: 'error', fields: { ...bound, ...fields }, message }),
    child: (fields) => make({ ...bound, ...fields }),
  });
  return { logger: make({}), lines };
}

describe('browser host hardening', () => {
  it('binds loopback even when asked for every interface', async () => {
    const { logger, lines } = recordingLogger();
    const wide = await startBrowserHost({ workstation, dispatch: createDispatcher(workstation.handlers), rendererDir: dataDir, logger, token, requestedAddress: '0.0.0.0' });
    try {
      expect(wide.origin).toBe(`http://127.0.0.1:${wide.port}`);
      expect(lines.some((line) => line.fields.requested === '0.0.0.0' && line.level === 'warn')).toBe(true);

      // The IPv6 loopback is another address of this machine; nothing listens there.
      const ipv6 = await new Promise<string>((resolve) => {
        const socket = connectTcp({ host: '::1', port: wide.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(ipv6).not.toBe('connected');
    } finally {
      await wide.close();
    }
  });

  it('answers 429 after too many wrong tokens', async () => {
    const { logger, lines } = recordingLogger();
    const limited = await startBrowserHost({
      workstation,
      dispatch: createDispatcher(workstation.handlers),
      rendererDir: join(dataDir, 'renderer'),
      logger,
      token,
      tokenRejectionLimit: { maxPerWindow: 3, windowMs: 60_000 },
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await fetch(`${limited.origin}/?token=guess-${attempt}`)).status);
      expect(statuses).toEqual([403, 403, 403, 429, 429, 429]);

      const limitedResponse = await fetch(`${limited.origin}/?token=guess-again`);
      expect(limitedResponse.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limitedResponse.text()).toContain('Demasiados intentos');

      // The right token still works, so a guessing page cannot lock the agent out.
      expect((await fetch(limited.url)).status).toBe(200);

      // One line per rejection up to the limit, then one stating the rest are counted only.
      const rejections = lines.filter((line) => line.message.startsWith('request rejected'));
      expect(rejections).toHaveLength(4);
      expect(rejections.every((line) => line.fields.reason === 'token' && line.fields.module === 'browser-host')).toBe(true);
      expect(JSON.stringify(lines)).not.toContain('guess-');
    } finally {
      await limited.close();
    }
  });

  it('logs each rejected API connection', async () => {
    const { logger, lines } = recordingLogger();
    const logged = await startBrowserHost({ workstation, dispatch: createDispatcher(workstation.handlers), rendererDir: join(dataDir, 'renderer'), logger, token });
    try {
      const attempt = (origin: string, query: string) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${logged.port}/api${query}`, { origin });
          socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
          socket.once('open', () => {
            socket.close();
            resolve(101);
          });
          socket.once('error', () => resolve(-1));
        });
      expect(await attempt('http://evil.example', `?token=${token}`)).toBe(403);
      expect(await attempt(logged.origin, '?token=wrong')).toBe(403);
      expect(lines.filter((line) => line.message === 'request rejected').map((line) => line.fields.reason)).toEqual(['origin', 'token']);
    } finally {
      await logged.close();
    }
  });
});
