/**
 * Probes of the endpoints an entity configures for the internet and LAN checks:
 * a name lookup, an HTTP HEAD request, or a TCP connection, each timed. Nothing
 * here picks a target; with no endpoints configured nothing is sent.
 */
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { reasonOf } from './check-result';

export interface Probe {
  target: string;
  /** Round-trip time in milliseconds, or null when the probe failed. */
  ms: number | null;
  reason: string | null;
  /** The error's code (ECONNREFUSED, ETIMEDOUT, ENOTFOUND…), or null when it has none. */
  code: string | null;
}

export async function timed(target: string, run: () => Promise<unknown>): Promise<Probe> {
  const started = performance.now();
  try {
    await run();
    return { target, ms: Math.round(performance.now() - started), reason: null, code: null };
  } catch (error) {
    return { target, ms: null, reason: reasonOf(error), code: codeOf(error) };
  }
}

function codeOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof AggregateError && error.errors.length > 0) return codeOf(error.errors[0]);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return code;
  if (error.name === 'TimeoutError') return 'ETIMEDOUT';
  const cause = (error as { cause?: unknown }).cause;
  return cause ? codeOf(cause) : null;
}

export function resolveName(name: string): Promise<unknown> {
  return lookup(name);
}

/** Sends a HEAD request; any HTTP response, even a redirect or an error page, proves the path to the server works. */
export async function requestHead(url: string, timeoutMs: number): Promise<void> {
  const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await response.body?.cancel();
}

/** Splits "host:port" or "[ipv6]:port"; the settings schema has already checked the form. */
export function splitHostPort(target: string): { host: string; port: number } {
  const separator = target.lastIndexOf(':');
  const host = target.slice(0, separator).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(target.slice(separator + 1)) };
}

/** Opens a TCP connection and closes it as soon as it is established. */
export function connectTcp(target: string, timeoutMs: number): Promise<void> {
  const { host, port } = splitHostPort(target);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(Object.assign(new Error(`connect ETIMEDOUT ${target}`), { code: 'ETIMEDOUT' }));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}
