/** The hub: a WebSocket handshake and a ping round trip to the configured hub, then closed at once. */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult, reasonOf } from './check-result';

export async function checkHub(hubUrl: string, timeoutMs: number, latencyWarnMs: number): Promise<CheckResult> {
  const started = performance.now();
  return new Promise<CheckResult>((resolve) => {
    const socket = new WebSocket(hubUrl, { handshakeTimeout: timeoutMs });
    const finish = (result: CheckResult) => {
      socket.terminate();
      resolve(result);
    };

    socket.once('open', () => {
      const handshakeMs = Math.round(performance.now() - started);
      const pinged = performance.now();
      socket.once('pong', () => {
        const rttMs = Math.round((performance.now() - pinged) * 10) / 10;
        const values = { url: hubUrl, handshakeMs, rttMs };
        finish(checkResult('hub', rttMs > latencyWarnMs ? 'warn' : 'pass', rttMs > latencyWarnMs ? 'selftest.hub.slow' : 'selftest.hub.pass', values, { ms: rttMs }));
      });
      socket.ping();
    });
    socket.once('error', (error) => finish(checkResult('hub', 'fail', 'selftest.hub.fail', { url: hubUrl }, { url: hubUrl, reason: reasonOf(error) })));
  });
}

/** Reads the hub's clock from its health page: the JSON "time" field when present, else the Date header. */
export async function readHubClock(hubUrl: string, timeoutMs: number): Promise<number | null> {
  const health = new URL('/healthz', hubUrl.replace(/^ws/, 'http'));
  const response = await fetch(health, { signal: AbortSignal.timeout(timeoutMs) });
  const body = (await response.json().catch(() => ({}))) as { time?: unknown };
  if (typeof body.time === 'number') return body.time;
  const date = response.headers.get('date');
  return date ? Date.parse(date) : null;
}
