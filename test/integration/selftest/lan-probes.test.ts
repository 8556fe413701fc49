/**
 * The LAN check's probes of the endpoints an entity configures, against servers
 * this test starts on 127.0.0.1 and a loopback port nothing listens on. The
 * interfaces come from a machine described with systeminformation's shapes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger';
import { checkLan } from '../../../main/selftest/lan-check';
import { runSelfTestCommand } from '../../../main/selftest/selftest-command';
import type { SystemInformation } from '../../../main/selftest/system-information';
import { DEFAULT_ENTITY_SETTINGS, parseEntitySettings } from '../../../main/settings/entity-settings';

const wiredMachine: SystemInformation = {
  audio: async () => [],
  networkInterfaces: async () => [{ iface: 'enp3s0', ip4: '10.20.30.40', operstate: 'up', internal: false, type: 'wired', speed: 1000, default: true }],
  networkInterfaceDefault: async () => 'enp3s0',
  networkGatewayDefault: async () => '10.20.30.1',
  wifiConnections: async () => [],
  currentLoad: async () => ({ currentLoad: 1 }),
  mem: async () => ({ total: 1, available: 1 }),
  battery: async () => ({ hasBattery: false, percent: 0, acConnected: true, isCharging: false }),
};

let tcp: TcpServer;
let tcpTarget: string;
let http: HttpServer;
let httpUrl: string;
let silent: HttpServer;
let silentUrl: string;
let closedTarget: string;

function listen(server: TcpServer | HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  tcp = createTcpServer((socket) => socket.end());
  tcpTarget = `127.0.0.1:${await listen(tcp)}`;
  http = createHttpServer((_request, response) => response.writeHead(204).end());
  httpUrl = `http://127.0.0.1:${await listen(http)}/estado`;
  // Accepts the request and never answers, as a hung intranet server does.
  silent = createHttpServer(() => undefined);
  silentUrl = `http://127.0.0.1:${await listen(silent)}/`;
  const closed = createTcpServer();
  closedTarget = `127.0.0.1:${await listen(closed)}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => tcp.close(resolve));
  await new Promise((resolve) => http.close(resolve));
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('LAN check probes', () => {
  it('passes when every endpoint answers', async () => {
    const result = await checkLan(wiredMachine, 1500, { tcp: [tcpTarget], https: [httpUrl], dns: ['localhost'] });
    expect(result.status).toBe('pass');
    expect(result.messageKey).toBe('selftest.lan.probesPass');
    expect(result.params).toMatchObject({ iface: 'enp3s0', address: '10.20.30.40', count: 3 });
    expect(typeof result.values[tcpTarget]).toBe('number');
    expect(typeof result.values[httpUrl]).toBe('number');
    expect(typeof result.values.localhost).toBe('number');
    expect(result.values.gateway).toBe('10.20.30.1');
  });

  it('fails on a closed port and names it', async () => {
    const result = await checkLan(wiredMachine, 1500, { tcp: [tcpTarget, closedTarget] });
    expect(result.status).toBe('fail');
    expect(result.messageKey).toBe('selftest.lan.probeFail');
    expect(result.params).toMatchObject({ failed: 1, count: 2, targets: `${closedTarget} (conexión rechazada)` });
    expect(result.values[closedTarget]).toBe('conexión rechazada');
    expect(typeof result.values[tcpTarget]).toBe('number');
  });

  it('reports a server that never answers', async () => {
    const started = Date.now();
    const result = await checkLan(wiredMachine, 500, { https: [silentUrl] });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.status).toBe('fail');
    expect(result.values[silentUrl]).toBe('sin respuesta en 300 ms');
  });

  it('reads only the interfaces without endpoints', async () => {
    const result = await checkLan(wiredMachine, 1500, { dns: [], https: [], tcp: [] });
    expect(result).toMatchObject({ status: 'pass', messageKey: 'selftest.lan.pass', params: { iface: 'enp3s0', address: '10.20.30.40' } });
    expect(Object.keys(result.values)).toEqual(['iface', 'address', 'type', 'speedMbps', 'gateway', 'pointToPoint', 'wifiSignalDbm']);
  });

  it('keeps the interface warning when probes pass', async () => {
    const noGateway = { ...wiredMachine, networkGatewayDefault: async () => '' };
    const result = await checkLan(noGateway, 1500, { tcp: [tcpTarget] });
    expect(result.status).toBe('warn');
    expect(result.messageKey).toBe('selftest.lan.noGateway');
    expect(typeof result.values[tcpTarget]).toBe('number');
  });
});

describe('LAN endpoints in the settings file', () => {
  it('defaults to no endpoints', () => {
    expect(DEFAULT_ENTITY_SETTINGS.selfTest.lan).toEqual({ dns: [], https: [], tcp: [] });
  });

  it.each([
    ['no port', 'servidor-archivos'],
    ['port zero', 'servidor-archivos:0'],
    ['port too big', '10.0.0.5:70000'],
    ['a URL', 'http://10.0.0.5:80'],
    ['IPv6 without brackets', '::1:80'],
  ])('rejects a TCP endpoint with %s', (_case, target) => {
    const text = `{\n  "entityName": "Alcaldía",\n  "selfTest": {\n    "lan": { "tcp": [${JSON.stringify(target)}] }\n  }\n}`;
    const parsed = parseEntitySettings(text, 'entidad.json');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.params).toMatchObject({ field: 'selfTest.lan.tcp.0', line: 4 });
    expect(parsed.problem.message).toContain('se esperaba un servidor y un puerto entre 1 y 65535');
  });

  it('accepts names, IPv4 and bracketed IPv6', () => {
    const parsed = parseEntitySettings(JSON.stringify({ entityName: 'Alcaldía', selfTest: { lan: { tcp: ['servidor-archivos:445', '10.0.0.5:5432', '[::1]:80'] } } }), 'entidad.json');
    expect(parsed.ok && parsed.settings.selfTest.lan.tcp).toEqual(['servidor-archivos:445', '10.0.0.5:5432', '[::1]:80']);
  });

  it('probes them from the selftest command', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atiende-lan-'));
    try {
      const settings = join(dataDir, 'entidad.json');
      // A longer limit than the default 1.5 s, because reading the interfaces spawns processes that a loaded machine slows down.
      const selfTest = { thresholds: { checkTimeoutMs: 10_000 }, lan: { tcp: [tcpTarget, closedTarget] } };
      await writeFile(settings, JSON.stringify({ entityName: 'Alcaldía', hubUrl: 'ws://127.0.0.1:9/ws/agent', selfTest }));
      let output = '';
      await runSelfTestCommand(['--json', '--settings', settings], { stdout: { write: (text: string) => (output += text) }, logger: silentLogger, dataDir });
      const lan = (JSON.parse(output) as { checks: { id: string; status: string; values: Record<string, unknown> }[] }).checks.find((check) => check.id === 'lan')!;
      expect(lan.status).toBe('fail');
      expect(lan.values[closedTarget]).toBe('conexión rechazada');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
