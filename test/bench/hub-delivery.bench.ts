/**
 * Hub delivery bench: a real hub in a child process on an ephemeral loopback port,
 * many citizens and agents as real ws clients in this process. It runs twice, once
 * with the in-memory store and once with the disk store that the embedded and
 * standalone hubs use by default (every message on disk before its ack), and
 * reports each store's figures beside its own echo reference. Agents take every chat, then citizens send messages at a fixed rate and
 * the bench measures the time from send to receipt at the agent. A second phase
 * keeps a fixed number of messages in flight to measure the maximum delivery rate,
 * and the same phase against a bare ws echo server, with the same number of
 * connections, gives the reference throughput.
 *
 * The load defaults to the design's target and can be lowered with
 * HUB_BENCH_CITIZENS, HUB_BENCH_AGENTS and HUB_BENCH_RATE; the figure names carry
 * the size used. HUB_BENCH_STORE=memory or HUB_BENCH_STORE=disk runs one store only.
 * Every wait is bounded and the run stops by itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { AGENT_PATH, CITIZEN_PATH } from '../../shared/hub/protocol';
import { quantile, type Figure } from './figure';

const CITIZENS = Number(process.env.HUB_BENCH_CITIZENS ?? 5000);
const AGENTS = Number(process.env.HUB_BENCH_AGENTS ?? 200);
const RATE_PER_SECOND = Number(process.env.HUB_BENCH_RATE ?? 1000);
const LATENCY_PHASE_MS = 5_000;
/** The throughput phases alternate hub and echo slices of this length, THROUGHPUT_SLICES times each. */
const THROUGHPUT_SLICE_MS = 700;
const THROUGHPUT_SLICES = 4;
const DRAIN_MS = 150;
/** Messages in flight during the throughput phases, for the hub and for the echo server alike. */
const WINDOW = 400;
/** Connections opened at once while connecting. */
const CONNECT_BATCH = 250;
const STEP_TIMEOUT_MS = 20_000;
const TEXT = 'Buenas tardes. Quisiera saber cuáles documentos necesito para pedir el certificado de residencia.';

type ServerKind = 'hub' | 'echo';
type StoreKind = 'memory' | 'disk';

function storesToRun(): StoreKind[] {
  const only = process.env.HUB_BENCH_STORE;
  if (only === undefined || only === '') return ['memory', 'disk'];
  if (only === 'memory' || only === 'disk') return [only];
  throw new Error(`HUB_BENCH_STORE must be "memory" or "disk", not ${JSON.stringify(only)}`);
}

interface ServerProcess {
  child: ChildProcess;
  port: number;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/** Resolves when check() is true, polling every 5 ms; rejects with the label after the step timeout. */
async function waitUntil(check: () => boolean, label: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for the "${type}" message of the bench server`)), STEP_TIMEOUT_MS);
    const listener = (message: { type: string }): void => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(message as T);
    };
    child.on('message', listener);
  });
}

async function startServer(kind: ServerKind, store: StoreKind = 'memory'): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./hub-delivery.server.ts', import.meta.url));
  // HUB_BENCH_PROFILE=DIR writes a V8 CPU profile of each server process to DIR, for finding where its time goes.
  const profile = process.env.HUB_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HUB_BENCH_PROFILE}`] : [];
  const child = fork(script, [kind, store], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await nextMessage<{ port: number }>(child, 'ready');
  return {
    child,
    port,
    memory: () => {
      const answer = nextMessage<{ rss: number; heapUsed: number }>(child, 'memory');
      child.send({ type: 'memory' });
      return answer;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Opens count sockets, CONNECT_BATCH at a time; setup runs on each socket before it opens. */
async function connectMany(url: string, count: number, setup: (socket: WebSocket, index: number) => void): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch: Promise<void>[] = [];
    for (let index = start; index < Math.min(count, start + CONNECT_BATCH); index += 1) {
      // Both targets' clients skip ws's UTF-8 check, so the client process spends its time on the protocol.
      const socket = new WebSocket(url, { skipUTF8Validation: true });
      setup(socket, index);
      sockets.push(socket);
      batch.push(
        new Promise((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        }),
      );
    }
    await Promise.all(batch);
  }
  return sockets;
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.terminate();
        }),
    ),
  );
}

/** Returns a two-word agent name of letters only, as the hub requires: "Agente Ab", "Agente Ac"… */
function agentName(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `Agente A${letters[Math.floor(index / 26) % 26]}${letters[index % 26]}`;
}

/** A set of connected clients that can send a message and report each receipt. */
interface LoadTarget {
  send(id: string): void;
  onReceipt(handler: (() => void) | undefined): void;
}

/**
 * Keeps WINDOW messages in flight for durationMs: each receipt sends the next one.
 * Returns the receipts and the time they took, after the last ones drained.
 */
async function measureThroughput(target: LoadTarget, durationMs: number): Promise<{ delivered: number; seconds: number }> {
  let delivered = 0;
  let sent = 0;
  let running = true;
  const started = performance.now();
  target.onReceipt(() => {
    if (!running) return;
    delivered += 1;
    target.send(`t${(sent += 1)}`);
  });
  for (let index = 0; index < WINDOW; index += 1) target.send(`t${(sent += 1)}`);
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  running = false;
  const seconds = (performance.now() - started) / 1000;
  target.onReceipt(undefined);
  // Let the messages still in flight arrive before the other target is measured.
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  return { delivered, seconds };
}

interface HubRun {
  target: LoadTarget;
  latencies: number[];
  deliveredAtRate: number;
  lost: number;
  rssDelta: number;
  heapDelta: number;
  close(): Promise<void>;
}

/** Starts the hub, connects the agents and citizens, has every chat taken and runs the fixed-rate phase. */
async function runHub(store: StoreKind): Promise<HubRun> {
  const server = await startServer('hub', store);
  const base = `ws://127.0.0.1:${server.port}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let chatsTaken = 0;
  let receipt: (() => void) | undefined;
  const sockets: WebSocket[] = [];
  const close = (): Promise<void> => closeAll(sockets).then(() => server.stop());

  try {
    const before = await server.memory();

    const agents = await connectMany(`${base}${AGENT_PATH}`, AGENTS, (socket, index) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, agentName: agentName(index) })));
      socket.on('message', (data) => {
        const json = String(data);
        // Queue and taken frames are many (taken goes to every other agent); the bench does not read them.
        if (json.startsWith('{"type":"queue"') || json.startsWith('{"type":"taken"')) return;
        const frame = JSON.parse(json) as { type: string; message?: { id: string; author: string } };
        if (frame.type === 'chat') chatsTaken += 1;
        else if (frame.type === 'message' && frame.message?.author === 'citizen') {
          const started = sentAt.get(frame.message.id);
          if (started !== undefined) {
            latencies.push(performance.now() - started);
            sentAt.delete(frame.message.id);
          }
          receipt?.();
        }
      });
    });
    sockets.push(...agents);

    // Citizens join in batches, and the agents take each batch before the next one comes.
    let welcomed = 0;
    const citizens: WebSocket[] = [];
    for (let start = 0; start < CITIZENS; start += CONNECT_BATCH) {
      const size = Math.min(CONNECT_BATCH, CITIZENS - start);
      const batch = await connectMany(`${base}${CITIZEN_PATH}`, size, (socket) => {
        socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, consent: true })));
        // After the welcome a citizen reads nothing more (acks, positions), as the echo clients read only their echo.
        socket.once('message', () => {
          welcomed += 1;
        });
      });
      citizens.push(...batch);
      sockets.push(...batch);
      await waitUntil(() => welcomed === start + size, `the welcome of ${start + size} citizens`);
      for (let index = 0; index < size; index += 1) agents[(start + index) % AGENTS]!.send('{"type":"take-next"}');
      await waitUntil(() => chatsTaken === start + size, `agents to take ${start + size} chats`);
    }
    const connected = await server.memory();
    const sendFromRandomCitizen = (id: string): void =>
      citizens[Math.floor(Math.random() * citizens.length)]!.send(JSON.stringify({ type: 'message', id, text: TEXT }));

    // Fixed rate: send what is due every few milliseconds, from citizens chosen at random.
    let sent = 0;
    const total = Math.floor((LATENCY_PHASE_MS * RATE_PER_SECOND) / 1000);
    const phaseStart = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - phaseStart;
        const due = Math.min(total, Math.floor((elapsed * RATE_PER_SECOND) / 1000));
        for (; sent < due; sent += 1) {
          const id = `r${sent}`;
          sentAt.set(id, performance.now());
          sendFromRandomCitizen(id);
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    await waitUntil(() => sentAt.size === 0, 'the last messages at the fixed rate', 5_000).catch(() => undefined);
    const lost = sentAt.size;
    sentAt.clear();

    return {
      target: { send: sendFromRandomCitizen, onReceipt: (handler) => (receipt = handler) },
      latencies: latencies.sort((a, b) => a - b),
      deliveredAtRate: latencies.length / (LATENCY_PHASE_MS / 1000),
      lost,
      rssDelta: connected.rss - before.rss,
      heapDelta: connected.heapUsed - before.heapUsed,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts the echo server and opens as many connections as the hub run; only the first CITIZENS send. */
async function runEcho(): Promise<{ target: LoadTarget; close(): Promise<void> }> {
  const server = await startServer('echo');
  let receipt: (() => void) | undefined;
  const sockets: WebSocket[] = [];
  const close = (): Promise<void> => closeAll(sockets).then(() => server.stop());
  try {
    // Each receipt is parsed, as the agents parse each delivered message in the hub run.
    const opened = await connectMany(`ws://127.0.0.1:${server.port}/`, CITIZENS + AGENTS, (socket) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string };
        if (frame.type === 'message') receipt?.();
      });
    });
    sockets.push(...opened);
    const senders = sockets.slice(0, CITIZENS);
    return {
      target: {
        send: (id) => senders[Math.floor(Math.random() * senders.length)]!.send(JSON.stringify({ type: 'message', id, text: TEXT })),
        onReceipt: (handler) => (receipt = handler),
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Measures one store: the hub's fixed-rate phase, then its throughput in slices alternating with a fresh echo server. */
async function measureStore(store: StoreKind): Promise<Figure[]> {
  const hub = await runHub(store);
  let hubRate: number;
  let echoRate: number;
  try {
    const echo = await runEcho();
    try {
      // Alternate short slices, so that other load on the machine weighs on both alike.
      const hubTotal = { delivered: 0, seconds: 0 };
      const echoTotal = { delivered: 0, seconds: 0 };
      for (let slice = 0; slice < THROUGHPUT_SLICES; slice += 1) {
        for (const [target, sum] of [
          [hub.target, hubTotal],
          [echo.target, echoTotal],
        ] as const) {
          const { delivered, seconds } = await measureThroughput(target, THROUGHPUT_SLICE_MS);
          sum.delivered += delivered;
          sum.seconds += seconds;
        }
      }
      hubRate = hubTotal.delivered / hubTotal.seconds;
      echoRate = echoTotal.delivered / echoTotal.seconds;
    } finally {
      await echo.close();
    }
  } finally {
    await hub.close();
  }

  const load = `${CITIZENS} citizens, ${AGENTS} agents, ${store} store`;
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return [
    { name: `hub delivery p50 (${load}, ${RATE_PER_SECOND}/s)`, value: quantile(hub.latencies, 0.5), unit: 'ms', budget: null, better: 'lower' },
    { name: `hub delivery p99 (${load}, ${RATE_PER_SECOND}/s)`, value: quantile(hub.latencies, 0.99), unit: 'ms', budget: 50, better: 'lower' },
    { name: `hub delivered at fixed rate (${load})`, value: Math.round(hub.deliveredAtRate), unit: 'msg/s', budget: RATE_PER_SECOND, better: 'higher' },
    { name: `hub messages lost at fixed rate (${load})`, value: hub.lost, unit: 'msg', budget: 0, better: 'lower' },
    { name: `hub max delivery rate (${load}, ${WINDOW} in flight)`, value: Math.round(hubRate), unit: 'msg/s', budget: null, better: 'higher' },
    { name: `ws echo max rate (${CITIZENS + AGENTS} connections, ${WINDOW} in flight, beside the ${store} store)`, value: Math.round(echoRate), unit: 'msg/s', budget: null, better: 'higher' },
    { name: `hub / ws echo throughput ratio (${store} store)`, value: Math.round((hubRate / echoRate) * 100) / 100, unit: 'ratio', budget: 0.5, better: 'higher' },
    { name: `hub process RSS growth (${load})`, value: mb(hub.rssDelta), unit: 'MB', budget: null, better: 'lower' },
    { name: `hub heap growth (${load})`, value: mb(hub.heapDelta), unit: 'MB', budget: null, better: 'lower' },
  ];
}

export default async function (): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const store of storesToRun()) figures.push(...(await measureStore(store)));
  return figures;
}
