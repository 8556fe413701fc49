/**
 * A real ws client for the hub tests: it keeps every frame it received and waits,
 * with a deadline, for the next frame of a type.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { startHub, type HubHandle, type HubOptions } from '../../../hub/server';
import { CITIZEN_PATH, type HubToAgentFrame, type HubToCitizenFrame } from '../../../shared/hub/protocol';

type AnyFrame = { type: string };

const WAIT_MS = 3_000;

export class HubClient<Frame extends AnyFrame = AnyFrame> {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  /** Index of the first frame that next() has not returned yet. */
  private cursor = 0;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Connects to a hub path; the type parameter is the frames that path sends (citizen or agent). */
  static async connect<Frame extends AnyFrame = HubToCitizenFrame>(url: string, headers?: Record<string, string>): Promise<HubClient<Frame>> {
    const socket = new WebSocket(url, { headers });
    const client = new HubClient<Frame>(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Returns the next unread frame of the type, skipping other types; rejects after the deadline. */
  next<Type extends Frame['type']>(type: Type, timeoutMs = WAIT_MS): Promise<Extract<Frame, { type: Type }>> {
    return new Promise((resolve, reject) => {
      const look = (): boolean => {
        for (let index = this.cursor; index < this.frames.length; index += 1) {
          const frame = this.frames[index]!;
          if (frame.type !== type) continue;
          this.cursor = index + 1;
          resolve(frame as Extract<Frame, { type: Type }>);
          return true;
        }
        return false;
      };
      if (look()) return;
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`No "${type}" frame within ${timeoutMs} ms; received: ${this.frames.map((frame) => frame.type).join(', ')}`));
      }, timeoutMs);
      const wake = (): void => {
        if (!look()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** Waits for the close and returns its code; rejects after the deadline. */
  async closeCode(timeoutMs = WAIT_MS): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Connection still open after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([this.closed, deadline])).code;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Connects a citizen and completes its hello; returns the client and its welcome. */
export async function joinAsCitizen(citizenUrl: string): Promise<{ citizen: HubClient<HubToCitizenFrame>; chatId: string; token: string }> {
  const citizen = await HubClient.connect<HubToCitizenFrame>(citizenUrl);
  citizen.send({ type: 'hello', v: 1, consent: true });
  const welcome = await citizen.next('welcome');
  return { citizen, chatId: welcome.chatId, token: welcome.token };
}

/** Connects an agent and completes its hello; returns the client after its welcome and first queue frame. */
export async function joinAsAgent(agentUrl: string, agentName: string): Promise<HubClient<HubToAgentFrame>> {
  const agent = await HubClient.connect<HubToAgentFrame>(agentUrl);
  agent.send({ type: 'hello', v: 1, agentName });
  await agent.next('welcome');
  await agent.next('queue');
  return agent;
}

/** Listens on a free loopback port so that a test can try to bind it; returns the port and a release function. */
export async function occupyPort(): Promise<{ port: number; release(): Promise<void> }> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, release: () => new Promise<void>((resolve) => blocker.close(() => resolve())) };
}

/** The hubs and clients one test starts; stopAll(), run in afterEach, closes them all. */
export class TestHubs {
  private readonly hubs: HubHandle[] = [];
  private readonly clients: Array<{ close(): void }> = [];

  /** Starts a hub on a free loopback port; returns it with its citizen WebSocket URL. */
  async start(options: HubOptions = {}): Promise<{ hub: HubHandle; citizenWsUrl: string }> {
    const hub = await startHub({ port: 0, ...options });
    this.hubs.push(hub);
    return { hub, citizenWsUrl: new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href };
  }

  track<Client extends { close(): void }>(client: Client): Client {
    this.clients.push(client);
    return client;
  }

  async stopAll(): Promise<void> {
    for (const client of this.clients.splice(0)) client.close();
    for (const hub of this.hubs.splice(0)) await hub.close();
  }
}

/**
 * Starts the hub command in its own process on a free port, so a test can kill it with a real
 * signal; resolves with the process and the hub's WebSocket base URL. Every client of a test
 * shares one address, so the per-address frame limit is raised for the traffic.
 */
export async function spawnHubProcess(dataDir: string): Promise<{ child: ChildProcess; wsBase: string }> {
  const script = join(import.meta.dirname, 'run-hub-command.ts');
  const settingsPath = join(dataDir, 'hub.json');
  await writeFile(settingsPath, JSON.stringify({ limits: { framesPerSecondPerAddress: 100_000, frameBurstPerAddress: 100_000 } }));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--settings', settingsPath, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  try {
    await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/^Chat ciudadano: http:\/\/127\.0\.0\.1:\d+\/\n$/);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, wsBase: stdout.slice('Chat ciudadano: '.length).trim().replace(/^http/, 'ws').replace(/\/$/, '') };
}

/** Sends SIGKILL and resolves once the process exited. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
