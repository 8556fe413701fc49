/**
 * The checks that read the operating system, fed the shapes systeminformation
 * really returns on the machines the self-test must survive.
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkAudioFromOs } from '../../../../main/selftest/audio-check';
import { checkComputer } from '../../../../main/selftest/computer-check';
import { checkLan } from '../../../../main/selftest/lan-check';
import type { SystemInformation } from '../../../../main/selftest/system-information';
import { DEFAULT_THRESHOLDS } from '../../../../main/selftest/thresholds';

const GiB = 1024 ** 3;

/** A machine on a wired LAN with a headset, overridable per test. */
function machine(overrides: Partial<SystemInformation> = {}): SystemInformation {
  return {
    audio: async () => [
      { name: 'Jabra EVOLVE 20', out: true, in: true, default: true },
      { name: 'HDA Intel PCH', out: true, in: false, default: false },
    ],
    networkInterfaces: async () => [
      { iface: 'lo', ip4: '127.0.0.1', operstate: 'unknown', internal: true, type: 'virtual' },
      { iface: 'enp3s0', ip4: '10.20.30.40', operstate: 'up', internal: false, type: 'wired', speed: 1000, default: true },
    ],
    networkInterfaceDefault: async () => 'enp3s0',
    networkGatewayDefault: async () => '10.20.30.1',
    wifiConnections: async () => [],
    currentLoad: async () => ({ currentLoad: 12.5 }),
    mem: async () => ({ total: 16 * GiB, available: 8 * GiB }),
    battery: async () => ({ hasBattery: false, percent: 0, acConnected: true, isCharging: false }),
    ...overrides,
  };
}

describe('audio from the OS list', () => {
  it('finds the headset and its microphone', async () => {
    const [headset, microphone] = await checkAudioFromOs(machine());
    expect(headset).toMatchObject({ id: 'headset', status: 'pass', params: { device: 'Jabra EVOLVE 20' } });
    expect(microphone).toMatchObject({ id: 'microphone', status: 'pass', params: { device: 'Jabra EVOLVE 20' } });
  });

  it('fails both with advice on a machine without audio devices', async () => {
    const [headset, microphone] = await checkAudioFromOs(machine({ audio: async () => [] }));
    expect(headset).toMatchObject({ status: 'fail', messageKey: 'selftest.headset.fail' });
    expect(microphone).toMatchObject({ status: 'fail', messageKey: 'selftest.microphone.notFound' });
  });

  it('accepts devices whose default, in and out are all null', async () => {
    const [headset, microphone] = await checkAudioFromOs(machine({ audio: async () => [{ name: 'USB Audio Device', default: null, in: null, out: null }] }));
    expect(headset!.status).toBe('pass');
    expect(microphone!.status).toBe('pass');
  });

  it('reports an unreadable list as an error on both', async () => {
    const results = await checkAudioFromOs(machine({ audio: () => Promise.reject(new Error('pactl: command not found')) }));
    expect(results.map((result) => result.status)).toEqual(['error', 'error']);
    expect(results[0]!.params.reason).toBe('pactl: command not found');
  });
});

describe('local network', () => {
  it('passes with the default interface, address, gateway and speed', async () => {
    const result = await checkLan(machine(), 1500);
    expect(result.status).toBe('pass');
    expect(result.values).toMatchObject({ iface: 'enp3s0', address: '10.20.30.40', gateway: '10.20.30.1', type: 'wired', speedMbps: 1000 });
  });

  it.each(['static', 'link'])('takes a point-to-point route whose gateway reads %s', async (word) => {
    const result = await checkLan(
      machine({
        networkInterfaces: async () => [{ iface: 'wg0', ip4: '10.8.0.2', operstate: 'unknown', internal: false, type: 'virtual', speed: null }],
        networkInterfaceDefault: async () => 'wg0',
        networkGatewayDefault: async () => word,
      }),
      1500,
    );
    expect(result.status).toBe('pass');
    expect(result.values).toMatchObject({ iface: 'wg0', gateway: null, pointToPoint: true });
  });

  it('times out a gateway query that never settles and still reports the interface', async () => {
    const started = Date.now();
    const result = await checkLan(machine({ networkGatewayDefault: () => new Promise<string>(() => {}) }), 400);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.lan.gatewayTimeout', params: { iface: 'enp3s0', address: '10.20.30.40' } });
  });

  it('warns when no gateway is known', async () => {
    const result = await checkLan(machine({ networkGatewayDefault: async () => '' }), 1500);
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.lan.noGateway' });
  });

  it('survives an empty Wi-Fi list while on Wi-Fi', async () => {
    const result = await checkLan(
      machine({ networkInterfaces: async () => [{ iface: 'wlp2s0', ip4: '192.168.1.23', operstate: 'up', internal: false, type: 'wireless', speed: null }], networkInterfaceDefault: async () => 'wlp2s0' }),
      1500,
    );
    expect(result.status).toBe('pass');
    expect(result.values.wifiSignalDbm).toBeNull();
  });

  it('warns on a weak Wi-Fi signal', async () => {
    const result = await checkLan(
      machine({
        networkInterfaces: async () => [{ iface: 'wlp2s0', ip4: '192.168.1.23', operstate: 'up', internal: false, type: 'wireless' }],
        networkInterfaceDefault: async () => 'wlp2s0',
        wifiConnections: async () => [{ iface: 'wlp2s0', ssid: 'Entidad', signalLevel: -81 }],
      }),
      1500,
    );
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.lan.weakWifi', params: { signal: -81 } });
  });

  it('fails when only loopback is up', async () => {
    const result = await checkLan(machine({ networkInterfaces: async () => [{ iface: 'lo', ip4: '127.0.0.1', internal: true }], networkInterfaceDefault: async () => '' }), 1500);
    expect(result).toMatchObject({ status: 'fail', messageKey: 'selftest.lan.fail' });
  });

  it('fails when the default interface is down', async () => {
    const result = await checkLan(machine({ networkInterfaces: async () => [{ iface: 'enp3s0', ip4: '10.20.30.40', operstate: 'down', internal: false }] }), 1500);
    expect(result.status).toBe('fail');
  });
});

describe('computer', () => {
  const dataDir = tmpdir();

  it('passes with its measured values', async () => {
    const result = await checkComputer({ system: machine(), dataDir, thresholds: DEFAULT_THRESHOLDS });
    expect(result.status).toBe('pass');
    expect(result.values.cpuLoadPercent).toBe(13);
    expect(result.values.memoryAvailableMiB).toBe(8192);
    expect(typeof result.values.diskFreeMiB).toBe('number');
  });

  it('waits for a first CPU reading that takes half a second', async () => {
    const slowLoad = () => new Promise<{ currentLoad: number }>((resolve) => setTimeout(() => resolve({ currentLoad: 40 }), 500));
    const result = await checkComputer({ system: machine({ currentLoad: slowLoad }), dataDir, thresholds: DEFAULT_THRESHOLDS });
    expect(result.values.cpuLoadPercent).toBe(40);
  });

  it('fails on critically low memory before warning on load', async () => {
    const result = await checkComputer({
      system: machine({ mem: async () => ({ total: 4 * GiB, available: 200 * 1024 ** 2 }), currentLoad: async () => ({ currentLoad: 99 }) }),
      dataDir,
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(result).toMatchObject({ status: 'fail', messageKey: 'selftest.computer.memoryCritical', params: { memory: 200 } });
  });

  it('warns on a low battery away from mains power', async () => {
    const result = await checkComputer({
      system: machine({ battery: async () => ({ hasBattery: true, percent: 12, acConnected: false, isCharging: false }) }),
      dataDir,
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.computer.batteryLow', params: { battery: 12 } });
  });

  it('ignores a low battery on mains power', async () => {
    const result = await checkComputer({
      system: machine({ battery: async () => ({ hasBattery: true, percent: 12, acConnected: true, isCharging: true }) }),
      dataDir,
      thresholds: DEFAULT_THRESHOLDS,
    });
    expect(result.status).toBe('pass');
  });

  it('warns when the clock is off from the hub', async () => {
    const result = await checkComputer({ system: machine(), dataDir, thresholds: DEFAULT_THRESHOLDS, readHubClock: async () => Date.now() + 42_000 });
    expect(result).toMatchObject({ status: 'warn', messageKey: 'selftest.computer.clockOffset' });
    expect(result.params.seconds).toBeGreaterThanOrEqual(41.5);
  });

  it('fails when the data folder disk is nearly full', async () => {
    const result = await checkComputer({ system: machine(), dataDir, thresholds: { ...DEFAULT_THRESHOLDS, diskFailMiB: Number.MAX_SAFE_INTEGER } });
    expect(result).toMatchObject({ status: 'fail', messageKey: 'selftest.computer.diskCritical' });
  });

  it('reports an error when nothing can be read', async () => {
    const broken = () => Promise.reject(new Error('no /proc'));
    const result = await checkComputer({ system: machine({ currentLoad: broken, mem: broken, battery: broken }), dataDir: '/nonexistent/atiende', thresholds: DEFAULT_THRESHOLDS });
    expect(result.status).toBe('error');
  });
});
