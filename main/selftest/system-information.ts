/**
 * The part of systeminformation the self-test reads. Only functions that read local
 * state are listed: getAllData, getDynamicData, inetLatency and inetChecksite reach
 * public hosts with their defaults and must never be called. Tests feed the shapes
 * the library really returns through this interface.
 */
import si from 'systeminformation';

export interface SystemInformation {
  audio(): Promise<Array<{ name: string | null; out?: boolean | null; in?: boolean | null; default?: boolean | null }>>;
  networkInterfaces(): Promise<unknown>;
  networkInterfaceDefault(): Promise<string>;
  /** On Linux it reads `ip route get 1`, which queries the routing table and sends nothing. */
  networkGatewayDefault(): Promise<string>;
  wifiConnections(): Promise<Array<{ iface?: string; ssid?: string; signalLevel?: number | null; quality?: number | null }>>;
  currentLoad(): Promise<{ currentLoad: number }>;
  mem(): Promise<{ total: number; available: number }>;
  battery(): Promise<{ hasBattery: boolean; percent: number; acConnected: boolean; isCharging: boolean }>;
}

export const systemInformation: SystemInformation = {
  audio: () => si.audio(),
  networkInterfaces: () => si.networkInterfaces(),
  networkInterfaceDefault: () => si.networkInterfaceDefault(),
  networkGatewayDefault: () => si.networkGatewayDefault(),
  wifiConnections: () => si.wifiConnections(),
  currentLoad: () => si.currentLoad(),
  mem: () => si.mem(),
  battery: () => si.battery(),
};
