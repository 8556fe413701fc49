/**
 * The computer itself: CPU load, available memory, free disk where the data folder
 * is, battery or mains power, and the clock's offset from the hub.
 */
import { statfs } from 'node:fs/promises';
import type { CheckResult, CheckStatus } from '../../shared/selftest/model';
import { checkResult } from './check-result';
import type { SystemInformation } from './system-information';
import type { SelfTestThresholds } from './thresholds';

const MIB = 1024 * 1024;

export interface ComputerCheckOptions {
  system: SystemInformation;
  dataDir: string;
  thresholds: SelfTestThresholds;
  /** Returns the hub's clock in ms since the epoch, or null when it cannot be read. */
  readHubClock?: () => Promise<number | null>;
}

type Finding = { status: CheckStatus; messageKey: string };

async function measure<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** Measures the hub clock's offset, halving the round trip to place the reading in time. */
async function clockOffsetMs(readHubClock: () => Promise<number | null>): Promise<number | null> {
  const sent = Date.now();
  const hubTime = await readHubClock();
  if (hubTime === null) return null;
  const received = Date.now();
  return Math.round(hubTime - (sent + received) / 2);
}

export async function checkComputer(options: ComputerCheckOptions): Promise<CheckResult> {
  const { system, thresholds } = options;
  const [load, memory, disk, battery, offset] = await Promise.all([
    measure(() => system.currentLoad()),
    measure(() => system.mem()),
    measure(() => statfs(options.dataDir)),
    measure(() => system.battery()),
    options.readHubClock ? measure(() => clockOffsetMs(options.readHubClock!)) : Promise.resolve(null),
  ]);

  const values = {
    cpuLoadPercent: load ? Math.round(load.currentLoad) : null,
    memoryAvailableMiB: memory ? Math.round(memory.available / MIB) : null,
    memoryTotalMiB: memory ? Math.round(memory.total / MIB) : null,
    diskFreeMiB: disk ? Math.round((disk.bavail * disk.bsize) / MIB) : null,
    onBattery: battery?.hasBattery ? !battery.acConnected : false,
    batteryPercent: battery?.hasBattery ? battery.percent : null,
    clockOffsetMs: offset,
  };
  const params = {
    cpu: values.cpuLoadPercent ?? '?',
    memory: values.memoryAvailableMiB ?? '?',
    disk: values.diskFreeMiB ?? '?',
    battery: values.batteryPercent ?? '?',
    seconds: offset === null ? '?' : Math.round(Math.abs(offset) / 100) / 10,
  };

  // Every limit that is crossed becomes a finding, and a failure is reported before any warning.
  const findings: Finding[] = [];
  if (values.memoryAvailableMiB !== null && values.memoryAvailableMiB < thresholds.memoryFailMiB) findings.push({ status: 'fail', messageKey: 'selftest.computer.memoryCritical' });
  if (values.diskFreeMiB !== null && values.diskFreeMiB < thresholds.diskFailMiB) findings.push({ status: 'fail', messageKey: 'selftest.computer.diskCritical' });
  if (values.cpuLoadPercent !== null && values.cpuLoadPercent > thresholds.cpuLoadWarnPercent) findings.push({ status: 'warn', messageKey: 'selftest.computer.cpuHigh' });
  if (values.memoryAvailableMiB !== null && values.memoryAvailableMiB < thresholds.memoryWarnMiB) findings.push({ status: 'warn', messageKey: 'selftest.computer.memoryLow' });
  if (values.diskFreeMiB !== null && values.diskFreeMiB < thresholds.diskWarnMiB) findings.push({ status: 'warn', messageKey: 'selftest.computer.diskLow' });
  if (values.onBattery && values.batteryPercent !== null && values.batteryPercent < thresholds.batteryWarnPercent) findings.push({ status: 'warn', messageKey: 'selftest.computer.batteryLow' });
  if (offset !== null && Math.abs(offset) > thresholds.clockOffsetWarnMs) findings.push({ status: 'warn', messageKey: 'selftest.computer.clockOffset' });

  const first = findings.find((finding) => finding.status === 'fail') ?? findings[0];
  if (first) return checkResult('computer', first.status, first.messageKey, values, params);
  if (values.cpuLoadPercent === null && values.memoryAvailableMiB === null && values.diskFreeMiB === null) {
    return checkResult('computer', 'error', 'selftest.computer.unreadable', values, params);
  }
  return checkResult('computer', 'pass', 'selftest.computer.pass', values, params);
}
