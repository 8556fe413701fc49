import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { silentLogger } from '../../../shared/log/logger';
import { checkAudioFromOs, checkHub, checkLan, runNodeSelfTest, type SystemInformation } from '../../../main/selftest/node-checks';

/** systeminformation stand-in that returns the given shapes, as the library returns them on real machines. */
function system(audio: unknown, interfaces: unknown): SystemInformation {
  return {
    audio: async () => audio as Awaited<ReturnType<SystemInformation['audio']>>,
    networkInterfaces: async () => interfaces,
  };
}

describe('checkAudioFromOs', () => {
  it('fails with advice when the system lists no audio device', async () => {
    const result = await checkAudioFromOs(system([], []));
    expect(result.status).toBe('fail');
    expect(result.messageKey).toBe('selftest.headset.fail');
    expect(result.values.osDevices).toBe(0);
  });

  it('passes on a named output even when default, in and out are null', async () => {
    const result = await checkAudioFromOs(system([{ name: 'USB Headset', default: null, in: null, out: null }], []));
    expect(result.status).toBe('pass');
    expect(result.params.device).toBe('USB Headset');
  });

  it('prefers the default output', async () => {
    const result = await checkAudioFromOs(
      system(
        [
          { name: 'HDMI', out: true, default: false },
          { name: 'Diadema Jabra', out: true, default: true },
        ],
        [],
      ),
    );
    expect(result.params.device).toBe('Diadema Jabra');
  });

  it('reports an error when the list cannot be read', async () => {
    const failing: SystemInformation = { audio: async () => Promise.reject(new Error('pactl missing')), networkInterfaces: async () => [] };
    const result = await checkAudioFromOs(failing);
    expect(result.status).toBe('error');
    expect(result.params.reason).toBe('pactl missing');
  });
});

describe('checkLan', () => {
  it('passes with the default interface and its address', async () => {
    const result = await checkLan(
      system([], [
        { iface: 'lo', ip4: '127.0.0.1', operstate: 'unknown', internal: true },
        { iface: 'eth0', ip4: '10.1.2.3', operstate: 'up', internal: false, type: 'wired', speed: 1000, default: true },
      ]),
    );
    expect(result.status).toBe('pass');
    expect(result.values).toMatchObject({ iface: 'eth0', address: '10.1.2.3', speedMbps: 1000 });
  });

  it('fails when only loopback is up', async () => {
    const result = await checkLan(system([], [{ iface: 'lo', ip4: '127.0.0.1', operstate: 'unknown', internal: true }]));
    expect(result.status).toBe('fail');
    expect(result.messageKey).toBe('selftest.lan.fail');
  });

  it('accepts a single interface object instead of a list', async () => {
    const result = await checkLan(system([], { iface: 'wg0', ip4: '10.9.0.2', operstate: 'unknown', internal: false, type: 'virtual' }));
    expect(result.status).toBe('pass');
  });
});

describe('checkHub', () => {
  let server: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws/agent`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes and measures the handshake of a live hub', async () => {
    const result = await checkHub(url, 2000);
    expect(result.status).toBe('pass');
    expect(typeof result.values.handshakeMs).toBe('number');
  });

  it('fails with the address and the reason when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const result = await checkHub(`ws://127.0.0.1:${port}/ws/agent`, 2000);
    expect(result.status).toBe('fail');
    expect(result.params.reason).toContain('ECONNREFUSED');
  });

  it('times out a stuck check without holding the others', async () => {
    const stuck: SystemInformation = { audio: () => new Promise(() => {}), networkInterfaces: async () => [] };
    const report = await runNodeSelfTest({ hubUrl: url, logger: silentLogger, system: stuck, timeoutMs: 300 });
    const headset = report.checks.find((check) => check.id === 'headset');
    expect(headset?.status).toBe('error');
    expect(headset?.messageKey).toBe('selftest.timeout');
    expect(report.checks.find((check) => check.id === 'hub')?.status).toBe('pass');
    expect(report.durationMs).toBeLessThan(2000);
  });
});
