/**
 * The checks of the self-test that run in Node: the audio devices the operating
 * system lists, the network interfaces, and the hub. None of them sends traffic
 * anywhere but to the configured hub: systeminformation only reads local state here.
 */
import { performance } from 'node:perf_hooks';
import si from 'systeminformation';
import WebSocket from 'ws';
import type { CheckResult, SelfTestReport } from '../../shared/selftest/model';
import type { Logger } from '../../shared/log/logger';
import { runCheck } from './with-timeout';

/** The part of systeminformation the checks read, so tests can feed the shapes it really returns. */
export interface SystemInformation {
  audio(): Promise<Array<{ name: string | null; out?: boolean | null; in?: boolean | null; default?: boolean | null }>>;
  networkInterfaces(): Promise<unknown>;
}

export interface NodeSelfTestOptions {
  hubUrl: string;
  logger: Logger;
  system?: SystemInformation;
  timeoutMs?: number;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The headset as the operating system lists it: extra detail, because that list misses USB and Bluetooth headsets on some systems. */
export async function checkAudioFromOs(system: SystemInformation): Promise<CheckResult> {
  try {
    const devices = await system.audio();
    const outputs = devices.filter((device) => device.out !== false && device.name);
    const first = outputs.find((device) => device.default) ?? outputs[0];
    if (!first) {
      return { id: 'headset', status: 'fail', values: { osDevices: devices.length }, messageKey: 'selftest.headset.fail', params: {} };
    }
    return {
      id: 'headset',
      status: 'pass',
      values: { osDevices: devices.length, device: first.name },
      messageKey: 'selftest.headset.pass',
      params: { device: first.name ?? '' },
    };
  } catch (error) {
    return { id: 'headset', status: 'error', values: {}, messageKey: 'selftest.audio.error', params: { reason: reasonOf(error) } };
  }
}

interface InterfaceShape {
  iface?: string;
  ip4?: string;
  operstate?: string;
  internal?: boolean;
  type?: string;
  speed?: number | null;
  default?: boolean;
}

/** The local network: an interface that is up, not loopback, with an IPv4 address; read only. */
export async function checkLan(system: SystemInformation): Promise<CheckResult> {
  try {
    const raw = await system.networkInterfaces();
    const interfaces = (Array.isArray(raw) ? raw : [raw]) as InterfaceShape[];
    const up = interfaces.filter((entry) => !entry.internal && entry.ip4 && entry.operstate !== 'down');
    const chosen = up.find((entry) => entry.default) ?? up[0];
    if (!chosen) {
      return { id: 'lan', status: 'fail', values: { interfaces: interfaces.length }, messageKey: 'selftest.lan.fail', params: {} };
    }
    return {
      id: 'lan',
      status: 'pass',
      values: { iface: chosen.iface ?? '', address: chosen.ip4 ?? '', type: chosen.type ?? null, speedMbps: chosen.speed ?? null },
      messageKey: 'selftest.lan.pass',
      params: { iface: chosen.iface ?? '', address: chosen.ip4 ?? '' },
    };
  } catch (error) {
    return { id: 'lan', status: 'error', values: {}, messageKey: 'selftest.lan.error', params: { reason: reasonOf(error) } };
  }
}

/** The hub: a WebSocket handshake to the configured hub, timed, then closed at once. */
export async function checkHub(hubUrl: string, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  return new Promise<CheckResult>((resolve) => {
    const socket = new WebSocket(hubUrl, { handshakeTimeout: timeoutMs });
    socket.once('open', () => {
      const ms = Math.round(performance.now() - started);
      socket.close(1000);
      resolve({ id: 'hub', status: 'pass', values: { url: hubUrl, handshakeMs: ms }, messageKey: 'selftest.hub.pass', params: { ms } });
    });
    socket.once('error', (error) => {
      resolve({
        id: 'hub',
        status: 'fail',
        values: { url: hubUrl },
        messageKey: 'selftest.hub.fail',
        params: { url: hubUrl, reason: reasonOf(error) },
      });
    });
  });
}

export async function runNodeSelfTest(options: NodeSelfTestOptions): Promise<SelfTestReport> {
  const system = options.system ?? (si as unknown as SystemInformation);
  const timeoutMs = options.timeoutMs ?? 3000;
  const started = performance.now();

  const checks = await Promise.all([
    runCheck('headset', timeoutMs, () => checkAudioFromOs(system)),
    runCheck('lan', timeoutMs, () => checkLan(system)),
    runCheck('hub', timeoutMs, () => checkHub(options.hubUrl, timeoutMs)),
  ]);

  const durationMs = Math.round(performance.now() - started);
  options.logger.info({ durationMs, statuses: checks.map((check) => `${check.id}:${check.status}`).join(',') }, 'self-test finished');
  return { checks, durationMs };
}
