/**
 * The browser host: serves the workbench to a browser on this computer and carries
 * the API contract over a WebSocket. It listens on 127.0.0.1 only and demands the
 * per-launch token (in the URL, then in a same-site cookie) on every request, and
 * the API socket also demands the host's own Origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../../shared/api/dispatch';
import { HOST_API_PATH, HOST_TOKEN_PARAM, hostRequestFrameSchema, type HostToRendererFrame } from '../../shared/api/wire';
import { translate } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import type { Workstation } from '../workstation/services';
import { TokenRejectionLimiter } from './token-rejection-limiter';
import { readStaticFile } from './static-files';

const TOKEN_COOKIE = 'atiende_token';
/** Largest API frame accepted from the renderer, in bytes. */
const MAX_API_FRAME_BYTES = 256 * 1024;
/** The only address the host listens on: a browser on this computer, never the network. */
export const HOST_ADDRESS = '127.0.0.1';
/**
 * Wrong-token rejections per minute that get status 403 and are logged one by
 * one; more get status 429. A renderer reconnecting after a restart with a stale cookie makes
 * a few, so 10 leaves room for that.
 */
const TOKEN_REJECTIONS_PER_WINDOW = 10;
const TOKEN_REJECTION_WINDOW_MS = 60_000;

export interface BrowserHostOptions {
  workstation: Pick<Workstation, 'subscribe'>;
  dispatch: Dispatch;
  rendererDir: string;
  logger: Logger;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** An address someone asked for (a setting, an environment variable); anything but 127.0.0.1 is logged and ignored. */
  requestedAddress?: string;
  /** Rejections per window before status 429; for tests. */
  tokenRejectionLimit?: { maxPerWindow: number; windowMs: number };
  /** Fixed token for tests; a random one is made for each launch otherwise. */
  token?: string;
}

export interface BrowserHost {
  /** The workstation's address with the token, as printed for the agent. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return null;
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${port}`,
      "img-src 'self' data:",
      "media-src 'self' blob: mediastream:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const logger = options.logger.child({ module: 'browser-host' });
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;
  let origin = '';
  const limiter = new TokenRejectionLimiter(options.tokenRejectionLimit ?? { maxPerWindow: TOKEN_REJECTIONS_PER_WINDOW, windowMs: TOKEN_REJECTION_WINDOW_MS });

  /**
   * Logs a rejected request and returns the response status: 403, or 429 past the
   * wrong-token limit. Only the path is logged, never the query, which may carry a token.
   */
  function rejectRequest(request: IncomingMessage, reason: string, path: string): { status: 403 | 429; retryAfterSeconds: number } {
    const fields = { reason, path, host: request.headers.host ?? null, origin: request.headers.origin ?? null, remote: request.socket.remoteAddress ?? null };
    if (reason !== 'token') {
      logger.warn(fields, 'request rejected');
      return { status: 403, retryAfterSeconds: 0 };
    }
    const rejection = limiter.reject();
    if (rejection.suppressedBefore > 0) logger.warn({ count: rejection.suppressedBefore }, 'wrong-token rejections left unlogged in the last window');
    if (rejection.log) {
      logger.warn({ ...fields, limited: rejection.limited }, rejection.limited ? 'request rejected; wrong-token limit reached, further rejections are counted only' : 'request rejected');
    }
    return { status: rejection.limited ? 429 : 403, retryAfterSeconds: rejection.retryAfterSeconds };
  }

  /** The Host header must name this host, so a page from another site cannot reach it through DNS rebinding. */
  const hostAllowed = (request: IncomingMessage) => request.headers.host === `127.0.0.1:${port}` || request.headers.host === `localhost:${port}`;

  const server = createServer((request, response) => void serveHttp(request, response));

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const queryToken = url.searchParams.get(HOST_TOKEN_PARAM);
    const headers = securityHeaders(port);

    if (!hostAllowed(request) || !(sameToken(queryToken, token) || sameToken(cookieToken(request), token))) {
      const { status, retryAfterSeconds } = rejectRequest(request, hostAllowed(request) ? 'token' : 'host', url.pathname);
      if (status === 429) {
        response.writeHead(429, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(retryAfterSeconds) });
        response.end(`${translate('es', 'host.error.tooManyAttempts', { seconds: retryAfterSeconds })}\n`);
        return;
      }
      response.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Acceso denegado: falta el token de acceso o no es válido. Abra la dirección completa que mostró «npm run serve».\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      response.end();
      return;
    }

    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('No se encontró el archivo solicitado.\n');
      return;
    }

    const cookie = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    response.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Set-Cookie': cookie });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const sockServer = new WebSocketServer({ noServer: true, maxPayload: MAX_API_FRAME_BYTES });

  /** Returns why an API upgrade is rejected, or null when path, Host, Origin and token are all right. */
  function upgradeRejection(request: IncomingMessage, url: URL): string | null {
    if (url.pathname !== HOST_API_PATH) return 'path';
    if (!hostAllowed(request)) return 'host';
    if (request.headers.origin !== origin) return 'origin';
    const tokenOk = sameToken(url.searchParams.get(HOST_TOKEN_PARAM), token) || sameToken(cookieToken(request), token);
    return tokenOk ? null : 'token';
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const reason = upgradeRejection(request, url);
    if (reason) {
      const { status, retryAfterSeconds } = rejectRequest(request, reason, url.pathname);
      socket.end(
        status === 429
          ? `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${retryAfterSeconds}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
          : 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    sockServer.handleUpgrade(request, socket, head, (ws) => acceptRenderer(ws));
  });

  function acceptRenderer(ws: WebSocket): void {
    sockets.add(ws);
    const send = (frame: HostToRendererFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = options.workstation.subscribe((event, payload) => send({ kind: 'event', event, payload }));
    logger.info({ renderers: sockets.size }, 'renderer connected');

    ws.on('message', async (data, isBinary) => {
      let frame;
      try {
        frame = isBinary ? null : hostRequestFrameSchema.safeParse(JSON.parse(String(data)));
      } catch {
        frame = null;
      }
      if (!frame?.success) {
        logger.warn({ bytes: String(data).length }, 'renderer sent an invalid API frame; connection closed');
        ws.close(4400, 'invalid frame');
        return;
      }
      const envelope = await options.dispatch(frame.data.method, frame.data.params);
      send({ kind: 'response', id: frame.data.id, envelope });
    });
    ws.on('close', () => {
      unsubscribe();
      sockets.delete(ws);
    });
  }

  if (options.requestedAddress !== undefined && options.requestedAddress !== HOST_ADDRESS) {
    logger.warn({ requested: options.requestedAddress, address: HOST_ADDRESS }, 'the browser host listens on loopback only; requested address ignored');
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  logger.info({ port }, 'browser host listening');

  return {
    url: `${origin}/?${HOST_TOKEN_PARAM}=${token}`,
    origin,
    port,
    async close() {
      for (const ws of sockets) ws.terminate();
      sockServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      logger.info({ port }, 'browser host stopped');
    },
  };
}
