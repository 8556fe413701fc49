/**
 * Starts `atiende serve` from the build (dist/node/cli.js) as its own process on
 * loopback, as an agent would, and calls the API contract over its WebSocket with
 * the per-launch token from the printed address. For tests that kill and restart
 * the workstation on one data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { HOST_API_PATH, HOST_TOKEN_PARAM } from '../../shared/api/wire';
import { CITIZEN_PATH } from '../../shared/hub/protocol';

const STARTUP_TIMEOUT_MS = 20_000;
const CALL_TIMEOUT_MS = 5000;

export interface ServeProcess {
  child: ChildProcess;
  workstationUrl: string;
  /** The widget's page, e.g. http://127.0.0.1:41234/. */
  citizenUrl: string;
  /** The citizen's WebSocket endpoint derived from citizenUrl. */
  citizenWsUrl: string;
  /** Calls a contract method; rejects with the error envelope, or after 5 s without a response. */
  call<T>(method: string, params?: unknown): Promise<T>;
  /** Kills the process with SIGKILL, as a crash would, and waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts serve on the data folder with the embedded hub on a free port; resolves once the API socket is open. */
export async function startServeProcess(dataDir: string, agentName: string, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['dist/node/cli.js', 'serve', '--data', dataDir, '--hub-port', '0', '--agent', agentName, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));

  let urls: { workstationUrl: string; citizenUrl: string };
  try {
    urls = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no addresses within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr}`)), STARTUP_TIMEOUT_MS);
      let workstationUrl = '';
      createInterface({ input: child.stdout! }).on('line', (line) => {
        workstationUrl = /^Puesto de trabajo: (\S+)$/.exec(line)?.[1] ?? workstationUrl;
        const citizenUrl = /^Chat ciudadano: (\S+)$/.exec(line)?.[1];
        if (!citizenUrl || !workstationUrl) return;
        clearTimeout(timer);
        resolve({ workstationUrl, citizenUrl });
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with code ${code}; stderr: ${stderr}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  const page = new URL(urls.workstationUrl);
  const token = page.searchParams.get(HOST_TOKEN_PARAM) ?? '';
  const socket = new WebSocket(`ws://${page.host}${HOST_API_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`, { origin: page.origin });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  let nextId = 1;
  const waiting = new Map<number, (envelope: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { kind: string; id: number; envelope: { ok: boolean; result?: unknown; error?: unknown } };
    if (frame.kind === 'response') waiting.get(frame.id)?.(frame.envelope);
  });

  return {
    child,
    ...urls,
    citizenWsUrl: new URL(CITIZEN_PATH, urls.citizenUrl.replace(/^http/, 'ws')).href,
    call<T>(method: string, params: unknown = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} got no response within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
        waiting.set(id, (envelope) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (envelope.ok) resolve(envelope.result as T);
          else reject(new Error(`${method} failed: ${JSON.stringify(envelope.error)}`));
        });
        socket.send(JSON.stringify({ kind: 'request', id, method, params }));
      });
    },
    async kill() {
      socket.terminate();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
