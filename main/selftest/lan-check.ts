/**
 * The local network, read only: the default interface and its address, whether a
 * default gateway is known, link type and speed, and the Wi-Fi signal. No packet is
 * sent, to the gateway or anywhere else.
 */
import { isIP } from 'node:net';
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult, reasonOf, withTimeout } from './check-result';
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

export async function checkLan(system: SystemInformation, timeoutMs: number): Promise<CheckResult> {
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
