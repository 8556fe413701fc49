/**
 * The hub's Link writes the frames sent to one socket in the same turn of the event loop together. These tests
 * serve linkOf over a real ws server on loopback and watch the bytes that reach a real ws
 * client: every frame arrives once, in order, and none waits for a later send.
 */
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { linkOf } from '../../../hub/connection';
import type { Link } from '../../../hub/live-chat';

const WAIT_MS = 2_000;

let server: WebSocketServer;
let serverSockets: WebSocket[];
const clients: WebSocket[] = [];

beforeEach(async () => {
  serverSockets = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => serverSockets.push(socket));
  await new Promise<void>((resolve) => server.once('listening', resolve));
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Receiver {
  texts: string[];
  /** Number of times the client's TCP socket delivered bytes. */
  chunks(): number;
  waitForTexts(count: number): Promise<string[]>;
}

/** Connects a client and returns the server side as a Link, with what the client receives. */
async function connect(maxBufferedBytes = 1024 * 1024, onOverflow: () => void = () => undefined): Promise<{ link: Link; receiver: Receiver; server: WebSocket; client: WebSocket }> {
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  clients.push(client);
  let chunks = 0;
  client.once('upgrade', (response) => (response.socket as Socket).on('data', () => (chunks += 1)));
  const texts: string[] = [];
  client.on('message', (data) => texts.push(String(data)));
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  await waitFor(() => serverSockets.length === clients.length, 'the server side of the connection');
  const serverSocket = serverSockets.at(-1)!;
  return {
    link: linkOf(serverSocket, maxBufferedBytes, onOverflow),
    server: serverSocket,
    client,
    receiver: {
      texts,
      chunks: () => chunks,
      waitForTexts: async (count) => {
        await waitFor(() => texts.length >= count, `${count} frames`);
        return texts;
      },
    },
  };
}

async function waitFor(check: () => boolean, label: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const frame = (index: number): string => JSON.stringify({ type: 'message', message: { seq: index, text: `Mensaje ${index}` } });

describe('frames sent to one socket in one turn of the event loop', () => {
  it('arrive once each, in order, in a single write', async () => {
    const { link, receiver } = await connect();
    for (let index = 1; index <= 50; index += 1) link.send(frame(index));

    const texts = await receiver.waitForTexts(50);
    expect(texts).toEqual(Array.from({ length: 50 }, (_, index) => frame(index + 1)));
    expect(receiver.chunks()).toBe(1);
  });

  it('include the frames sent from the promise jobs of that turn', async () => {
    const { link, receiver } = await connect();
    link.send(frame(1));
    let chain = Promise.resolve();
    for (let index = 2; index <= 50; index += 1) chain = chain.then(() => link.send(frame(index)));
    await chain;

    expect(await receiver.waitForTexts(50)).toEqual(Array.from({ length: 50 }, (_, index) => frame(index + 1)));
    expect(receiver.chunks()).toBe(1);
  });

  it('include the frames sent from separate callbacks of that turn', async () => {
    const { link, receiver } = await connect();
    // Fifty timers set together with one delay fall due together and run in one turn, each in its own callback.
    await new Promise<void>((resolve) => {
      for (let index = 1; index <= 50; index += 1) {
        setTimeout(() => {
          link.send(frame(index));
          if (index === 50) resolve();
        }, 20);
      }
    });

    expect(await receiver.waitForTexts(50)).toEqual(Array.from({ length: 50 }, (_, index) => frame(index + 1)));
    expect(receiver.chunks()).toBe(1);
  });

  it('reach each of several sockets without mixing', async () => {
    const first = await connect();
    const second = await connect();
    const indexes = Array.from({ length: 50 }, (_, index) => index + 1);
    for (const index of indexes) {
      first.link.send(frame(index));
      second.link.send(frame(100 + index));
    }

    expect(await first.receiver.waitForTexts(50)).toEqual(indexes.map(frame));
    expect(await second.receiver.waitForTexts(50)).toEqual(indexes.map((index) => frame(100 + index)));
    expect(first.receiver.chunks()).toBe(1);
    expect(second.receiver.chunks()).toBe(1);
  });
});

describe('frames sent in later turns', () => {
  it('leave without waiting for another send, turn after turn', async () => {
    const { link, receiver } = await connect();
    link.send(frame(1));
    expect(await receiver.waitForTexts(1)).toEqual([frame(1)]);

    // A lone frame in a timer callback, with no other send after it, still leaves.
    setTimeout(() => link.send(frame(2)), 10);
    expect(await receiver.waitForTexts(2)).toEqual([frame(1), frame(2)]);

    await new Promise((resolve) => setImmediate(resolve));
    link.send(frame(3));
    link.send(frame(4));
    expect(await receiver.waitForTexts(4)).toEqual([1, 2, 3, 4].map(frame));
  });

  it('are dropped after a close, which still reaches the client', async () => {
    const { link, client, receiver } = await connect();
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    link.send(frame(1));
    link.close(4000, 'done');
    link.send(frame(2));

    expect(await closed).toBe(4000);
    expect(receiver.texts).toEqual([frame(1)]);
  });
});

describe('a client that does not read', () => {
  it('is still cut once the bytes waiting for it pass the limit', async () => {
    let overflows = 0;
    const { link, client, server: serverSocket } = await connect(64 * 1024, () => (overflows += 1));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    // The client stops reading, so what the server sends piles up in its buffers.
    (client as unknown as { _socket: Socket })._socket.pause();
    const big = 'x'.repeat(16 * 1024);
    const deadline = Date.now() + WAIT_MS;
    while (serverSocket.readyState === WebSocket.OPEN && Date.now() < deadline) {
      for (let index = 0; index < 20; index += 1) link.send(big);
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(overflows).toBe(1);
    expect(serverSocket.readyState).not.toBe(WebSocket.OPEN);
    (client as unknown as { _socket: Socket })._socket.resume();
    await closed;
  });
});
