/**
 * Starts `atiende hub` from the build (dist/node/cli.js) as its own process on a
 * free loopback port, as IT staff would run it, and reads the citizen address it
 * prints. For tests and benches that need a standalone hub.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5000;

export interface HubProcess {
  /** The widget's page, e.g. http://127.0.0.1:41234/. */
  citizenUrl: string;
  /** The WebSocket endpoints derived from citizenUrl. */
  citizenWsUrl: string;
  agentWsUrl: string;
  /** The port the hub listens on, for a restart on the same address. */
  port: number;
  /** Resolves when the process has exited. */
  exited: Promise<unknown>;
  stderr(): string;
  /** Sends SIGKILL, as a crash would. */
  kill(): void;
  /** SIGTERM, then SIGKILL if the hub has not exited within 5 s. */
  stop(): Promise<void>;
}

/** Starts the hub; without `dataDir` it keeps its data where its settings say. */
export async function startHubProcess(settingsPath: string, dataDir?: string, port = 0): Promise<HubProcess> {
  const args = ['dist/node/cli.js', 'hub', '--settings', settingsPath, '--port', String(port), '--host', '127.0.0.1'];
  if (dataDir) args.push('--data', dataDir);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const citizenUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub printed no address within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr}`)), STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Chat ciudadano: (\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with code ${code}; stderr: ${stderr}`));
    });
  });
  const wsBase = citizenUrl.replace(/^http/, 'ws');
  return {
    citizenUrl,
    citizenWsUrl: new URL('/ws/citizen', wsBase).href,
    agentWsUrl: new URL('/ws/agent', wsBase).href,
    port: Number(new URL(citizenUrl).port),
    exited,
    stderr: () => stderr,
    kill: () => child.kill('SIGKILL'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
