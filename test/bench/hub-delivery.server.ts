/**
 * Child process of the hub-delivery bench. It runs either a real hub (with the
 * store named by its second argument, "memory" or "disk") or a bare ws echo server on
 * an ephemeral loopback port, so the server has its own event loop and core while
 * the bench's clients run in the parent. It
 * sends its port and, on request, its memory over the IPC channel.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { startHub } from '../../hub/server';
import { hubSettingsSchema } from '../../hub/settings';
import { MAX_FRAME_BYTES } from '../../shared/hub/protocol';

type Request = { type: 'memory' } | { type: 'stop' };

const kind = process.argv[2];
const store = process.argv[3] ?? 'memory';
const send = (message: unknown): void => void process.send?.(message);

let stop: () => Promise<void>;
if (kind === 'hub') {
  // A queue frame interval of 50 ms is the hub's default; agents take chats as they come. Every bench
  // client shares the loopback address and each agent serves 25 chats, so the per-address and per-agent
  // limits are raised above the load; the checks themselves still run on every frame.
  const settings = hubSettingsSchema.parse({
    limits: { maxConnectionsPerAddress: 100_000, framesPerSecondPerAddress: 1_000_000, frameBurstPerAddress: 1_000_000, maxChatsPerAgent: 1_000 },
  });
  // The disk store writes each message durably before its ack, in a fresh temporary folder.
  const dataDir = store === 'disk' ? await mkdtemp(join(tmpdir(), 'atiende-hub-bench-')) : undefined;
  const hub = await startHub({ port: 0, settings, dataDir });
  if (dataDir) process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  stop = () => hub.close();
  send({ type: 'ready', port: hub.port });
} else if (kind === 'echo') {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_FRAME_BYTES });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of server.clients) socket.terminate();
      server.close(() => resolve());
    });
  const address = server.address();
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
} else {
  throw new Error(`Unknown server kind ${String(kind)}; expected "hub" or "echo".`);
}

process.on('message', (request: Request) => {
  if (request.type === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed });
  } else {
    void stop().then(() => process.exit(0));
  }
});

// The bench bounds its own run; this is a backstop so the child never outlives it.
setTimeout(() => process.exit(3), 120_000).unref();
process.on('disconnect', () => process.exit(0));
