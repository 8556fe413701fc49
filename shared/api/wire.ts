/** Frames of the browser host's WebSocket, which carries the API contract outside Electron. */
import { z } from 'zod';

export const hostRequestFrameSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(80),
  params: z.unknown(),
});
export type HostRequestFrame = z.infer<typeof hostRequestFrameSchema>;

export type HostToRendererFrame =
  | { kind: 'response'; id: number; envelope: unknown }
  | { kind: 'event'; event: string; payload: unknown };

/** Query parameter of the workstation URL that carries the per-launch token. */
export const HOST_TOKEN_PARAM = 'token';
/** Path of the browser host's API socket. */
export const HOST_API_PATH = '/api';
