/** Constants of the hub's protocol, version 1, kept apart from the zod schemas in protocol.ts. */

export const HUB_PROTOCOL_VERSION = 1;

/** Largest frame the hub accepts, in bytes: a message of 4,000 characters in UTF-8 plus the envelope. */
export const MAX_FRAME_BYTES = 32 * 1024;

export const CITIZEN_PATH = '/ws/citizen';
export const AGENT_PATH = '/ws/agent';

/** WebSocket close codes the hub uses, in the private range 4000–4999 that RFC 6455 leaves to applications. */
export const HUB_CLOSE_CODES = {
  /** The frame was not JSON, not valid UTF-8, or did not match the protocol. */
  invalidFrame: 4400,
  unsupportedVersion: 4426,
  /** The first frame was not "hello" within the allowed time. */
  helloTimeout: 4408,
  /** The same chat was resumed from another connection (a second tab), which replaces this one. */
  replaced: 4409,
  /** The agent's hello carried no valid credentials for the account it named. */
  unauthorized: 4401,
  /** The connection kept sending past the per-address message limit after being warned. */
  rateLimited: 4429,
} as const;

/** Default interval between the hub's WebSocket pings, in ms; a peer that has not answered the previous ping is cut. */
export const DEFAULT_HEARTBEAT_MS = 25_000;

/**
 * Minimum time between two agents frames to the same agent, in ms. Changes in between are sent
 * together, so 200 agents changing state cost each agent at most two frames per second.
 */
export const AGENTS_FRAME_INTERVAL_MS = 500;
