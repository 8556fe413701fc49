/**
 * Frame handling shared by citizen and agent connections. The first frame must be a
 * hello within the deadline, every frame is counted against its address's limit,
 * read and validated, and a bad frame closes only its own connection, so every
 * other chat goes on.
 */
import WebSocket from 'ws';
import type { z } from 'zod';
import { HUB_CLOSE_CODES, type HubErrorCode } from '../shared/hub/protocol';
import type { Logger } from '../shared/log/logger';
import type { FrameVerdict } from './address-limits';
import type { Link } from './chat-router';
import { readFrame, type FrameRejection } from './frame-reader';

type AnyFrame = { type: string };
type Hello<Frame extends AnyFrame> = Extract<Frame, { type: 'hello' }>;

export interface ConnectionHandler<Frame extends AnyFrame> {
  role: 'citizen' | 'agent';
  /** Handles the first hello; the connection counts as open from then on. */
  onHello(hello: Hello<Frame>, link: Link): void;
  /** Handles every frame after the hello, except a second hello, which gets an error. */
  onFrame(frame: Exclude<Frame, Hello<Frame>>, link: Link): void;
  onClose(link: Link): void;
  /** Ids to add to log lines about this connection, never personal data. */
  logFields(): Record<string, unknown>;
}

export interface ConnectionContext {
  logger: Logger;
  helloTimeoutMs: number;
  /** Bytes queued for a client that does not read, past which the hub cuts it so its frames stop piling up in memory. */
  maxBufferedBytes: number;
  /** Counts one frame against the connection's address limit. */
  takeFrame(): FrameVerdict;
}

/** The network stream under a ws socket; ws keeps it in a field of its own, not in its typed API. */
interface CorkableStream {
  cork(): void;
  uncork(): void;
}

/** Uncork callbacks of the streams corked in this turn of the event loop; uncorkAll runs them in its check phase. */
const pendingUncorks: Array<() => void> = [];

function uncorkAll(): void {
  // An uncork that leads to another send in the same loop is run by the loop too.
  for (let index = 0; index < pendingUncorks.length; index += 1) pendingUncorks[index]!();
  pendingUncorks.length = 0;
}

function streamUnder(socket: WebSocket): CorkableStream | undefined {
  const stream = (socket as unknown as { _socket?: Partial<CorkableStream> })._socket;
  return typeof stream?.cork === 'function' && typeof stream.uncork === 'function' ? (stream as CorkableStream) : undefined;
}

/**
 * Wraps a socket as the router's Link. Frames to a socket that is no longer open are dropped, and
 * a client that stops reading is cut (1006 for the client) once maxBufferedBytes wait for it.
 *
 * The frames sent to one socket in the same turn of the event loop leave in one write: the
 * first one corks the stream and a setImmediate uncorks it, once the turn's I/O callbacks and
 * their promise jobs have run. The acks and deliveries of a journal batch that became durable
 * are sent in one turn, and so are the replies to the frames read in one turn. An agent who
 * gets several of them costs one system call instead of one per frame.
 */
export function linkOf(socket: WebSocket, maxBufferedBytes: number, onOverflow: () => void): Link {
  const stream = streamUnder(socket);
  let corked = false;
  const uncork = (): void => {
    corked = false;
    stream?.uncork();
  };
  return {
    send(json) {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > maxBufferedBytes) {
        onOverflow();
        socket.terminate();
        return;
      }
      if (stream && !corked) {
        corked = true;
        stream.cork();
        if (pendingUncorks.length === 0) setImmediate(uncorkAll);
        pendingUncorks.push(uncork);
      }
      socket.send(json);
    },
    close(code, reason) {
      socket.close(code, reason);
    },
  };
}

export function sendError(link: Link, code: HubErrorCode, detail?: string, ref?: string): void {
  link.send(JSON.stringify({ type: 'error', code, ...(ref ? { ref } : {}), ...(detail ? { detail } : {}) }));
}

/** Reads the socket's frames with the schema and hands them to the handler. */
export function serveConnection<Schema extends z.ZodType<AnyFrame>>(
  socket: WebSocket,
  schema: Schema,
  handler: ConnectionHandler<z.output<Schema>>,
  context: ConnectionContext,
): void {
  type Frame = z.output<Schema>;
  const { logger, helloTimeoutMs } = context;
  const link = linkOf(socket, context.maxBufferedBytes, () =>
    logger.warn({ role: handler.role, ...handler.logFields(), bufferedBytes: socket.bufferedAmount }, 'client does not read its frames, cutting the connection'),
  );
  let greeted = false;

  const helloTimer = setTimeout(() => {
    logger.warn({ role: handler.role, timeoutMs: helloTimeoutMs }, 'no hello in time, closing the connection');
    socket.close(HUB_CLOSE_CODES.helloTimeout, 'hello timeout');
  }, helloTimeoutMs);

  socket.on('message', (data, isBinary) => {
    // Frames ws already parsed after a close was started are ignored.
    if (socket.readyState !== WebSocket.OPEN) return;
    const result = readFrame(data, isBinary, schema);
    if (!result.ok) {
      closeForBadFrame(socket, logger, result.rejection, { role: handler.role, ...handler.logFields() });
      return;
    }

    const frame: Frame = result.frame;
    const verdict = context.takeFrame();
    if (verdict === 'close') {
      logger.warn({ role: handler.role, ...handler.logFields() }, 'frame limit exceeded again, closing the connection');
      socket.close(HUB_CLOSE_CODES.rateLimited, 'rate limited');
      return;
    }
    if (verdict === 'reject') {
      sendError(link, 'rate-limited', undefined, frameId(frame));
      return;
    }

    if (frame.type === 'hello') {
      if (greeted) {
        sendError(link, 'invalid-frame', 'hello already received');
        return;
      }
      greeted = true;
      clearTimeout(helloTimer);
      handler.onHello(frame as Hello<Frame>, link);
    } else if (!greeted) {
      sendError(link, 'not-ready', undefined, frameId(frame));
    } else {
      handler.onFrame(frame as Exclude<Frame, Hello<Frame>>, link);
    }
  });

  socket.on('close', () => {
    clearTimeout(helloTimer);
    if (greeted) handler.onClose(link);
  });
  socket.on('error', (error) => logger.warn({ role: handler.role, ...handler.logFields(), err: error }, 'connection error'));
}

/** Returns the frame's own id (message, take-next, transfer, ping), which an error about it repeats as ref. */
function frameId(frame: AnyFrame): string | undefined {
  const id = (frame as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** Logs one line (ids only, never the frame's content) and closes the socket with the code for the rejection. */
function closeForBadFrame(socket: WebSocket, logger: Logger, rejection: FrameRejection, fields: Record<string, unknown>): void {
  logger.warn({ ...fields, rejection }, 'bad frame, closing the connection');
  if (rejection === 'unsupported-version') {
    socket.send(JSON.stringify({ type: 'error', code: 'unsupported-version' }));
    socket.close(HUB_CLOSE_CODES.unsupportedVersion, 'unsupported version');
  } else {
    socket.close(HUB_CLOSE_CODES.invalidFrame, rejection);
  }
}
