/** The checks that talk to servers, against real servers on loopback. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { checkHub, readHubClock } from '../../../main/selftest/hub-check';
import { checkInternet } from '../../../main/selftest/internet-check';
import { checkKnowledgeBase } from '../../../main/selftest/knowledge-base-check';
import { runSelfTest } from '../../../main/selftest/run-selftest';
import { checkSmtp } from '../../../main/selftest/smtp-check';

let hub: HubHandle;
let http: Server;
let httpUrl: string;
let smtp: SMTPServer;
let smtpPort: number;
let closedPort: number;
let dataDir: string;

function listen(server: { listen(port: number, host: string, callback: () => void): unknown; address(): unknown }): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atiende-selftest-'));
  hub = await startHub({ port: 0, logger: silentLogger });
  http = createHttpServer((_request, response) => response.writeHead(204).end());
  httpUrl = `http://127.0.0.1:${await listen(http)}/salud`;
  smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
  smtpPort = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port)));
  const closed = createTcpServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => http.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('internet check', () => {
  it('is not configured without endpoints', async () => {
    expect(await checkInternet({}, 1000, 1000)).toMatchObject({ status: 'not-configured', messageKey: 'selftest.internet.notConfigured' });
  });

  it('passes with a reachable address and a resolvable name', async () => {
    const result = await checkInternet({ dns: ['localhost'], https: [httpUrl] }, 1000, 1000);
    expect(result).toMatchObject({ status: 'pass', params: { count: 2 } });
    expect(typeof result.values[httpUrl]).toBe('number');
  });

  it('fails naming the address that cannot be reached', async () => {
    const result = await checkInternet({ https: [httpUrl, `http://127.0.0.1:${closedPort}/`] }, 1000, 1000);
    expect(result).toMatchObject({ status: 'fail', messageKey: 'selftest.internet.fail', params: { target: `http://127.0.0.1:${closedPort}/` } });
  });

  it('warns when an address answers slower than the limit', async () => {
    const result = await checkInternet({ https: [httpUrl] }, 1000, 0.001);
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.internet.slow' });
  });
});

describe('hub check', () => {
  it('measures the handshake and the round trip', async () => {
    const result = await checkHub(hub.agentUrl, 1500, 1000);
    expect(result.status).toBe('pass');
    expect(result.values.handshakeMs).toBeGreaterThanOrEqual(0);
    expect(result.values.rttMs).toBeGreaterThanOrEqual(0);
  });

  it('fails with the reason when no hub listens', async () => {
    const result = await checkHub(`ws://127.0.0.1:${closedPort}/ws/agent`, 1500, 1000);
    expect(result.status).toBe('fail');
    expect(result.params.reason).toContain('ECONNREFUSED');
  });

  it('reads the hub clock', async () => {
    const clock = await readHubClock(hub.agentUrl, 1000);
    expect(Math.abs((clock ?? 0) - Date.now())).toBeLessThan(2000);
  });
});

describe('smtp check', () => {
  it('is not configured without a server', async () => {
    expect((await checkSmtp(undefined, 1000)).status).toBe('not-configured');
  });

  it('passes against a live server', async () => {
    const result = await checkSmtp({ host: '127.0.0.1', port: smtpPort }, 1500);
    expect(result).toMatchObject({ status: 'pass', values: { host: '127.0.0.1', port: smtpPort } });
  });

  it('fails with the reason when nothing listens', async () => {
    const result = await checkSmtp({ host: '127.0.0.1', port: closedPort }, 1500);
    expect(result.status).toBe('fail');
    expect(result.params.reason).toContain('ECONNREFUSED');
  });
});

describe('knowledge-base check', () => {
  const day = 24 * 60 * 60 * 1000;
  const now = Date.UTC(2026, 11, 4);

  it('is not configured without a knowledge base', async () => {
    expect((await checkKnowledgeBase(undefined, 365, now)).status).toBe('not-configured');
  });

  it('fails when no article is loaded', async () => {
    expect((await checkKnowledgeBase(async () => ({ articles: 0, oldestUpdatedAt: null }), 365, now)).status).toBe('fail');
  });

  it('warns about stale material', async () => {
    const result = await checkKnowledgeBase(async () => ({ articles: 40, oldestUpdatedAt: now - 400 * day }), 365, now);
    expect(result).toMatchObject({ status: 'warn', params: { count: 40, days: 400, maxDays: 365 } });
  });

  it('passes with fresh material', async () => {
    const result = await checkKnowledgeBase(async () => ({ articles: 40, oldestUpdatedAt: now - 30 * day }), 365, now);
    expect(result).toMatchObject({ status: 'pass', values: { articles: 40, oldestDays: 30 } });
  });
});

describe('whole self-test', () => {
  it('runs every check and connects only to loopback with the defaults', async () => {
    const destinations: string[] = [];

    // Record every outgoing TCP connection made during the run, then let it proceed.
    const realConnect = Socket.prototype.connect;
    Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
      const [first, second] = args as [unknown, unknown];
      const options = typeof first === 'object' && first !== null ? (first as { host?: string; path?: string }) : { host: typeof second === 'string' ? second : 'localhost' };
      destinations.push(options.path ? `ipc:${options.path}` : (options.host ?? 'localhost'));
      return Reflect.apply(realConnect, this, args) as Socket;
    } as typeof realConnect;

    let report;
    try {
      report = await runSelfTest({ hubUrl: hub.agentUrl, dataDir, logger: silentLogger });
    } finally {
      Socket.prototype.connect = realConnect;
    }

    expect(report.checks.map((check) => check.id)).toEqual(['headset', 'microphone', 'computer', 'internet', 'lan', 'hub', 'smtp', 'knowledge-base']);
    expect(report.checks.find((check) => check.id === 'hub')?.status).toBe('pass');
    expect(report.checks.find((check) => check.id === 'internet')?.status).toBe('not-configured');
    expect(report.checks.find((check) => check.id === 'smtp')?.status).toBe('not-configured');
    expect(destinations.length).toBeGreaterThan(0);
    for (const destination of destinations) expect(destination).toMatch(/^(127\.0\.0\.1|localhost|::1|ipc:.*)$/);
  });
});

describe('knowledge-base check on sample material', () => {
  it('warns that the sample is not the entity material', async () => {
    const result = await checkKnowledgeBase(async () => ({ articles: 13, oldestUpdatedAt: Date.now(), sample: true }), 365);
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.kb.sample', params: { count: 13 } });
  });
});
