/**
 * The local network: the default interface and its address, whether a default
 * gateway is known, link type and speed, and the Wi-Fi signal, read from the
 * system. When the entity configures LAN endpoints (names to resolve, addresses for
 * an HTTP HEAD request, host:port pairs for a TCP connection), each is probed and
 * a failed one fails the check. Nothing else is sent; the gateway is never probed.
 */
import { isIP } from 'node:net';
import { translate } from '../../shared/i18n/catalog';
import type { LanEndpoints } from '../../shared/settings/entity-settings';
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult, reasonOf, withTimeout } from './check-result';
import { connectTcp, requestHead, resolveName, timed, type Probe } from './endpoint-probes';
import type { SystemInformation } from './system-information';

interface InterfaceShape {
  iface?: string;
  ip4?: string;
  operstate?: string;
  internal?: boolean;
  type?: string;
  speed?: number | null;
  default?: boolean;
}

/** Wi-Fi signal below this level (dBm) warns; an estimate near the -67 dBm that enterprise Wi-Fi guides ask for real-time traffic. */
export const WEAK_WIFI_DBM = -70;

const GATEWAY_UNKNOWN = Symbol('gateway-timeout');

/** Runs the configured probes and merges them into the result read from the interfaces. */
export async function checkLan(system: SystemInformation, timeoutMs: number, endpoints: Partial<LanEndpoints> = {}): Promise<CheckResult> {
  // The probes get 60 % of the check's time, so a silent endpoint is reported as such before the check itself times out.
  const probeTimeoutMs = Math.max(100, Math.floor(timeoutMs * 0.6));
  const [local, probes] = await Promise.all([checkInterfaces(system, timeoutMs), probeEndpoints(endpoints, probeTimeoutMs)]);
  if (probes.length === 0) return local;

  const values = { ...local.values, ...Object.fromEntries(probes.map((probe) => [probe.target, probe.ms ?? translate('es', reasonKey(probe), reasonParams(probe, probeTimeoutMs))])) };
  const failed = probes.filter((probe) => probe.ms === null);
  if (failed.length > 0) {
    const targets = failed.map((probe) => `${probe.target} (${translate('es', reasonKey(probe), reasonParams(probe, probeTimeoutMs))})`).join(', ');
    return checkResult('lan', 'fail', 'selftest.lan.probeFail', values, { failed: failed.length, count: probes.length, targets });
  }
  if (local.status !== 'pass') return { ...local, values };
  const slowest = Math.max(...probes.map((probe) => probe.ms ?? 0));
  return checkResult('lan', 'pass', 'selftest.lan.probesPass', values, { ...local.params, count: probes.length, ms: slowest });
}

function probeEndpoints(endpoints: Partial<LanEndpoints>, timeoutMs: number): Promise<Probe[]> {
  return Promise.all([
    ...(endpoints.dns ?? []).map((name) => timed(name, () => withDeadline(resolveName(name), timeoutMs, name))),
    ...(endpoints.https ?? []).map((url) => timed(url, () => requestHead(url, timeoutMs))),
    ...(endpoints.tcp ?? []).map((target) => timed(target, () => connectTcp(target, timeoutMs))),
  ]);
}

/** Rejects with ETIMEDOUT once timeoutMs has passed, because a name lookup has no time limit of its own. */
async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, target: string): Promise<T> {
  const expired = Symbol('expired');
  const settled = await withTimeout<T | typeof expired>(promise, timeoutMs, () => expired);
  if (settled === expired) throw Object.assign(new Error(`lookup ETIMEDOUT ${target}`), { code: 'ETIMEDOUT' });
  return settled;
}

const REASON_KEYS: Record<string, string> = {
  ECONNREFUSED: 'selftest.lan.reason.refused',
  ECONNRESET: 'selftest.lan.reason.refused',
  ETIMEDOUT: 'selftest.lan.reason.timeout',
  ENOTFOUND: 'selftest.lan.reason.notFound',
  EAI_AGAIN: 'selftest.lan.reason.notFound',
  EHOSTUNREACH: 'selftest.lan.reason.unreachable',
  ENETUNREACH: 'selftest.lan.reason.unreachable',
};

function reasonKey(probe: Probe): string {
  return REASON_KEYS[probe.code ?? ''] ?? 'selftest.lan.reason.other';
}

function reasonParams(probe: Probe, timeoutMs: number): Record<string, string | number> {
  return { ms: timeoutMs, code: probe.code ?? probe.reason ?? '' };
}

async function checkInterfaces(system: SystemInformation, timeoutMs: number): Promise<CheckResult> {
  let interfaces: InterfaceShape[];
  let defaultName: string;
  try {
    const raw = await system.networkInterfaces();
    interfaces = (Array.isArray(raw) ? raw : [raw]) as InterfaceShape[];
    defaultName = await system.networkInterfaceDefault().catch(() => '');
  } catch (error) {
    return checkResult('lan', 'error', 'selftest.lan.error', {}, { reason: reasonOf(error) });
  }

  const usable = interfaces.filter((entry) => !entry.internal && entry.ip4 && entry.operstate !== 'down');
  const chosen = usable.find((entry) => entry.iface === defaultName) ?? usable.find((entry) => entry.default) ?? usable[0];
  if (!chosen) return checkResult('lan', 'fail', 'selftest.lan.fail', { interfaces: interfaces.length });

  // On Windows without a default route the gateway query never settles, so it gets half the check's time.
  const gateway = await withTimeout<string | typeof GATEWAY_UNKNOWN>(
    system.networkGatewayDefault().catch(() => ''),
    Math.max(100, Math.floor(timeoutMs / 2)),
    () => GATEWAY_UNKNOWN,
  );
  const wifi = chosen.type === 'wireless' ? await system.wifiConnections().catch(() => []) : [];
  const signal = wifi.find((connection) => connection.iface === chosen.iface)?.signalLevel ?? wifi[0]?.signalLevel ?? null;

  const iface = chosen.iface ?? '';
  const address = chosen.ip4 ?? '';
  const gatewayAddress = typeof gateway === 'string' && isIP(gateway) ? gateway : null;
  const values = {
    iface,
    address,
    type: chosen.type ?? null,
    speedMbps: chosen.speed ?? null,
    gateway: gatewayAddress,
    // PPP and WireGuard routes have no next hop, and the library reports a word such as "static" or "link".
    pointToPoint: typeof gateway === 'string' && gateway !== '' && gatewayAddress === null,
    wifiSignalDbm: signal,
  };

  if (gateway === GATEWAY_UNKNOWN) {
    return checkResult('lan', 'warn', 'selftest.lan.gatewayTimeout', values, { iface, address, seconds: Math.floor(timeoutMs / 2) / 1000 });
  }
  if (gatewayAddress === null && !values.pointToPoint) return checkResult('lan', 'warn', 'selftest.lan.noGateway', values, { iface, address });
  if (signal !== null && signal < WEAK_WIFI_DBM) return checkResult('lan', 'warn', 'selftest.lan.weakWifi', values, { signal });
  return checkResult('lan', 'pass', 'selftest.lan.pass', values, { iface, address });
}
