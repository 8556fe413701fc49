/**
 * The chat hub: an HTTP server for the citizen's widget page and the two WebSocket
 * endpoints, /ws/citizen and /ws/agent. It runs embedded in the workstation or
 * standalone for a center (`npm run hub`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { AGENT_PATH, CITIZEN_PATH, MAX_FRAME_BYTES } from '../shared/hub/protocol';
import { silentLogger, type Logger } from '../shared/log/logger';
import { AddressLimits } from './address-limits';
import { authenticateAgent } from './agent-accounts';
import { attachAgent, type AgentAuthentication } from './agent-session';
import { ChatRouter, DEFAULT_ROUTER_TIMINGS, type RouterTimings } from './chat-router';
import { MemoryChatStore, type ChatStore } from './chat-store';
import { JournalStore } from './journal-store';
import { attachCitizen } from './citizen-session';
import type { ConnectionContext } from './connection';
import { DEFAULT_HUB_SETTINGS, type HubSettings } from './settings';
import { renderWidgetPage, WIDGET_CONTENT_SECURITY_POLICY, WIDGET_CSS, WIDGET_FAVICON_SVG } from './widget-page';

export const DEFAULT_HUB_PORT = 4180;

/** Time a new connection has to send its hello, in ms. */
export const HELLO_TIMEOUT_MS = 10_000;

/** Time given to open connections to finish their closing handshake when the hub stops, in ms. */
const CLOSE_GRACE_MS = 1_000;

export interface HubOptions {
  /** Validated settings; host, port and dataDir below override theirs. Without them, DEFAULT_HUB_SETTINGS. */
  settings?: HubSettings;
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Folder for the chats' journal and transcripts (<dataDir>/chats/); without it, chats are kept in memory only. */
  dataDir?: string;
  logger?: Logger;
  /** Folder that contains widget.js; by default dist/widget of the package. */
  widgetDir?: string;
  /** Overrides HELLO_TIMEOUT_MS, for tests. */
  helloTimeoutMs?: number;
  /** Overrides the router's intervals and grace periods (the settings' presence values), for tests. */
  timings?: Partial<RouterTimings>;
}

export interface HubHandle {
  port: number;
  /** Base URL of the HTTP server, ending in "/". */
  httpUrl: string;
  /** The citizen's widget page. */
  citizenUrl: string;
  /** WebSocket URL for agents. */
  agentUrl: string;
  close(): Promise<void>;
}

/** Starts the hub and restores the open chats of its data folder. Rejects with the listen error (code 'EADDRINUSE' when the port is taken). */
export async function startHub(options: HubOptions = {}): Promise<HubHandle> {
  const settings = options.settings ?? DEFAULT_HUB_SETTINGS;
  const host = options.host ?? settings.host;
  const dataDir = options.dataDir ?? settings.dataDir;
  const logger = (options.logger ?? silentLogger).child({ module: 'hub' });
  const widgetDir = options.widgetDir ?? join(findPackageRoot(), 'dist', 'widget');
  const helloTimeoutMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const secure = settings.tls !== undefined;

  const store: ChatStore = dataDir ? new JournalStore(dataDir) : new MemoryChatStore();
  const { presence, limits } = settings;
  const timings: RouterTimings = {
    ...DEFAULT_ROUTER_TIMINGS,
    citizenCutMs: presence.citizenCutMs,
    citizenSilenceMs: presence.citizenSilenceMs,
    citizenGraceMs: presence.citizenGraceMs,
    agentGraceMs: presence.agentGraceMs,
    ...options.timings,
  };
  const router = new ChatRouter(store, logger, timings, {
    maxChatsPerAgent: limits.maxChatsPerAgent,
    openingHours: settings.openingHours,
    defaultHandlingMs: settings.defaultHandlingMs,
  });
  await router.restore();

  const addressLimits = new AddressLimits(limits);
  const serve = (request: IncomingMessage, response: ServerResponse): void => void serveHttp(request, response, widgetDir, logger);
  const http: Server = secure ? createHttpsServer({ cert: readFileSync(settings.tls!.cert), key: readFileSync(settings.tls!.key) }, serve) : createHttpServer(serve);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, skipUTF8Validation: true });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = pathOf(request);
    const address = clientAddress(request, settings.trustedProxies);
    if (path !== CITIZEN_PATH && path !== AGENT_PATH) return rejectUpgrade(socket, 404, 'Not Found');

    // Browsers always send Origin. The workstation connects from Node without one, so an agent
    // upgrade with an Origin comes from a web page and could take chats: it is refused.
    const origin = request.headers.origin;
    if (path === AGENT_PATH && origin !== undefined) {
      logger.warn({ origin }, 'agent connection from a web page refused');
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    if (path === CITIZEN_PATH && origin !== undefined && !originAllowed(origin, request, secure, settings.allowedOrigins)) {
      logger.warn({ origin }, 'citizen connection from a foreign origin refused');
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    if (!addressLimits.openConnection(address)) {
      logger.warn({ address, max: limits.maxConnectionsPerAddress }, 'too many connections from one address, refused');
      return rejectUpgrade(socket, 429, 'Too Many Requests');
    }

    sockets.handleUpgrade(request, socket, head, (webSocket: WebSocket) => {
      webSocket.once('close', () => addressLimits.closeConnection(address));
      watchHeartbeat(webSocket);
      const context: ConnectionContext = {
        logger,
        helloTimeoutMs,
        maxBufferedBytes: limits.maxBufferedBytesPerConnection,
        takeFrame: () => addressLimits.takeFrame(address),
      };
      if (path === CITIZEN_PATH) attachCitizen(webSocket, router, context);
      else attachAgent(webSocket, router, agentAuthentication(settings, address), context);
    });
  });

  // A peer that has not sent a pong by the next ping is cut (ws's terminate, which the peer sees as 1006).
  const alive = new WeakSet<WebSocket>();
  const watchHeartbeat = (webSocket: WebSocket): void => {
    alive.add(webSocket);
    webSocket.on('pong', () => alive.add(webSocket));
  };
  const heartbeat = setInterval(() => {
    for (const webSocket of sockets.clients) {
      if (!alive.has(webSocket)) {
        logger.info({}, 'heartbeat missed, cutting the connection');
        webSocket.terminate();
        continue;
      }
      alive.delete(webSocket);
      webSocket.ping();
    }
  }, presence.heartbeatMs);
  heartbeat.unref();

  try {
    await listen(http, options.port ?? settings.port, host);
  } catch (error) {
    clearInterval(heartbeat);
    router.close();
    await store.close();
    throw error;
  }
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const httpUrl = `${secure ? 'https' : 'http'}://${urlHost(host)}:${port}/`;
  logger.info({ host, port, persistent: Boolean(dataDir), tls: secure, accounts: settings.agents.length }, 'hub started');

  let closing: Promise<void> | undefined;
  return {
    port,
    httpUrl,
    citizenUrl: httpUrl,
    agentUrl: `${secure ? 'wss' : 'ws'}://${urlHost(host)}:${port}${AGENT_PATH}`,
    close() {
      clearInterval(heartbeat);
      closing ??= stopHub(http, sockets, router, store, logger);
      return closing;
    },
  };
}

/**
 * With accounts in the settings, every agent needs its token. Without any (local
 * mode, the quick start), agents need none but may connect from loopback only.
 */
function agentAuthentication(settings: HubSettings, address: string): AgentAuthentication {
  if (settings.agents.length > 0) return { verify: (name, token) => authenticateAgent(settings.agents, name, token) };
  return { verify: () => Promise.resolve(isLoopback(address)) };
}

/**
 * Returns the address the limits count: the peer's, or for a trusted proxy the last address it
 * appended to X-Forwarded-For (earlier entries come from the client and can be forged).
 */
function clientAddress(request: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!trustedProxies.includes(peer.replace(/^::ffff:/, ''))) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
  return last && isIP(last) !== 0 ? last : peer;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Returns true for the hub's own origin (the Host the browser used) and for the origins the settings list. */
function originAllowed(origin: string, request: IncomingMessage, secure: boolean, allowed: readonly string[]): boolean {
  if (origin === `${secure ? 'https' : 'http'}://${request.headers.host ?? ''}`) return true;
  return allowed.some((entry) => new URL(entry).origin === origin);
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function stopHub(http: Server, sockets: WebSocketServer, router: ChatRouter, store: ChatStore, logger: Logger): Promise<void> {
  router.close();

  // Ask every client to go away (1001), then cut those that do not complete the close in time.
  const open = [...sockets.clients];
  for (const socket of open) socket.close(1001, 'hub stopping');
  await Promise.race([
    Promise.all(open.map((socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve()))))),
    new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
  ]);
  for (const socket of sockets.clients) socket.terminate();

  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await store.close();
  logger.info({}, 'hub stopped');
}

function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, widgetDir: string, logger: Logger): Promise<void> {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  const path = pathOf(request);
  const known = path === '/' || path === '/widget.js' || path === '/widget.css' || path === '/favicon.svg' || path === '/healthz';
  if (!known) return sendText(response, 404, 'text/plain', 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'text/plain', 'Method not allowed');
  }

  switch (path) {
    case '/':
      response.setHeader('Content-Security-Policy', WIDGET_CONTENT_SECURITY_POLICY);
      response.setHeader('Referrer-Policy', 'no-referrer');
      return sendText(response, 200, 'text/html', renderWidgetPage());
    case '/widget.css':
      return sendText(response, 200, 'text/css', WIDGET_CSS);
    case '/favicon.svg':
      return sendText(response, 200, 'image/svg+xml', WIDGET_FAVICON_SVG);
    case '/healthz':
      return sendText(response, 200, 'application/json', JSON.stringify({ ok: true }));
    default: {
      let script: string;
      try {
        script = await readFile(join(widgetDir, 'widget.js'), 'utf8');
      } catch (error) {
        logger.error({ widgetDir, err: error }, 'widget.js could not be read; run the build');
        return sendText(response, 404, 'text/plain', 'Not found');
      }
      return sendText(response, 200, 'text/javascript', script);
    }
  }
}

function sendText(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://hub.invalid').pathname;
  } catch {
    return '';
  }
}

/** Writes an IPv6 address in brackets, and an unspecified address as loopback so the URL works on this machine. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Returns the folder of the package.json named "atiende", walking up from this file (source or bundle). */
function findPackageRoot(): string {
  // The Electron main bundle is CommonJS, where import.meta is empty but __filename is set.
  const modulePath = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  let folder = dirname(modulePath);
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'atiende') return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json named "atiende" above ${modulePath}; pass widgetDir.`);
    folder = parent;
  }
}
