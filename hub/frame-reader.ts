/**
 * Turns one incoming WebSocket message into a validated protocol frame, or names
 * why it is not one. The server skips ws's own UTF-8 check (which would close with
 * 1007) so that every bad frame closes with the hub's own code, 4400.
 */
import { isUtf8 } from 'node:buffer';
import type { RawData } from 'ws';
import type { z } from 'zod';
import { HUB_PROTOCOL_VERSION } from '../shared/hub/protocol';

export type FrameRejection = 'binary' | 'invalid-utf8' | 'invalid-json' | 'invalid-frame' | 'unsupported-version';

export type FrameReadResult<T> = { ok: true; frame: T } | { ok: false; rejection: FrameRejection };

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Checks, in order: text frame, UTF-8, JSON, protocol version of a hello, then the schema. */
export function readFrame<Schema extends z.ZodType>(data: RawData, isBinary: boolean, schema: Schema): FrameReadResult<z.output<Schema>> {
  if (isBinary) return { ok: false, rejection: 'binary' };

  const bytes = toBuffer(data);
  if (!isUtf8(bytes)) return { ok: false, rejection: 'invalid-utf8' };

  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, rejection: 'invalid-json' };
  }

  // A hello of another version gets its own close code, so an old client can tell the user to update.
  if (isHelloOfOtherVersion(value)) return { ok: false, rejection: 'unsupported-version' };

  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, rejection: 'invalid-frame' };
  return { ok: true, frame: parsed.data };
}

function isHelloOfOtherVersion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const frame = value as { type?: unknown; v?: unknown };
  return frame.type === 'hello' && frame.v !== HUB_PROTOCOL_VERSION;
}
