/**
 * The hub's settings file (`npm run hub -- --settings FILE`): network, TLS, the
 * widget's allowed origins, agent accounts, limits, presence timers and opening
 * hours. Every field has a default, so a hub without a file keeps working on
 * loopback. A file that does not match gets a Spanish error naming file and field.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { translate } from '../shared/i18n/catalog';
import { DEFAULT_HEARTBEAT_MS } from '../shared/hub/constants';

const milliseconds = z.number().int().nonnegative();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const openingHoursSchema = z
  .object({
    /** IANA time zone of the service, for example America/Bogota. */
    timeZone: z.string().refine(isTimeZone, 'zona horaria IANA, por ejemplo America/Bogota'),
    /** Opening ranges per weekday as [from, to] in HH:MM; a missing day is closed. */
    days: z.partialRecord(z.enum(WEEKDAYS), z.array(z.tuple([clock, clock])).max(6)),
  })
  .strict();
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const agentAccountSchema = z
  .object({
    name: z.string().min(1).max(80),
    /** scrypt hash of the agent's token, written by `npm run hub -- add-agent`. */
    tokenHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, 'scrypt$N$r$p$sal$hash'),
  })
  .strict();
export type AgentAccount = z.infer<typeof agentAccountSchema>;

export const hubSettingsSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4180),
    /** Data folder for the chats' logs and follow-up requests; relative paths are relative to the settings file. */
    dataDir: z.string().min(1).optional(),
    /** PEM files; with both, the hub serves https and wss only. */
    tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
    /**
     * Addresses of reverse proxies in front of the hub. For a connection from one of them, the limits
     * count the client address the proxy puts last in X-Forwarded-For, instead of the proxy's own.
     */
    trustedProxies: z.array(z.string().refine((address) => isIP(address) !== 0, 'dirección IP')).default([]),
    /** Origins (scheme://host:port) allowed to open the citizen widget's WebSocket; the hub's own origin always is. */
    allowedOrigins: z.array(z.string().url()).default([]),
    /** Agent accounts. With none, agents may connect without a token from loopback only (local mode). */
    agents: z.array(agentAccountSchema).default([]),
    limits: z
      .object({
        maxConnectionsPerAddress: z.number().int().positive().default(200),
        /** Sustained frames per second per remote address, and the burst allowed above it. */
        framesPerSecondPerAddress: z.number().positive().default(50),
        frameBurstPerAddress: z.number().int().positive().default(100),
        maxChatsPerAgent: z.number().int().positive().default(5),
        /** Bytes the hub queues for a client that does not read before it cuts the connection. */
        maxBufferedBytesPerConnection: z.number().int().positive().default(8 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    presence: z
      .object({
        heartbeatMs: milliseconds.min(1000).default(DEFAULT_HEARTBEAT_MS),
        /** A served chat whose citizen stayed disconnected this long is "cut". */
        citizenCutMs: milliseconds.default(60_000),
        /** A served chat whose citizen has not answered the agent's last message this long is "cut". */
        citizenSilenceMs: milliseconds.default(300_000),
        /** A waiting chat whose citizen stayed disconnected this long is closed. */
        citizenGraceMs: milliseconds.default(120_000),
        /** A dropped agent's chats return to the queue after this long. */
        agentGraceMs: milliseconds.default(30_000),
      })
      .strict()
      .prefault({}),
    /** Without opening hours the service is always open. */
    openingHours: openingHoursSchema.optional(),
    /** Handling time assumed for the wait estimate until the hub has measured closed chats, in ms. */
    defaultHandlingMs: milliseconds.default(300_000),
    /**
     * Days the hub keeps a chat's log, an open chat's journal lines and a follow-up request after their last
     * change. The `hub` command of main/cli deletes older ones at start and every hour. One year is an estimate
     * for the entity to replace with its own retention table; Ley 1581 de 2012 sets no number.
     */
    retentionDays: z.number().int().min(1).max(36_500).default(365),
  })
  .strict();
export type HubSettings = z.infer<typeof hubSettingsSchema>;

export const DEFAULT_HUB_SETTINGS: HubSettings = hubSettingsSchema.parse({});

/** A settings file that could not be used; message is Spanish and names the file and the field. */
export class HubSettingsError extends Error {}

/** Reads and validates the settings file. A missing file gives the defaults only when allowMissing is set. */
export async function readHubSettings(path: string, options: { allowMissing?: boolean } = {}): Promise<HubSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT' && options.allowMissing) return DEFAULT_HUB_SETTINGS;
    throw new HubSettingsError(translate('es', 'hub.settings.unreadable', { path, code }));
  }
  return parseHubSettings(text, path);
}

/** Parses the file's text; path only names the file in errors. */
export function parseHubSettings(text: string, path: string): HubSettings {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HubSettingsError(translate('es', 'hub.settings.invalidJson', { path, reason: error instanceof Error ? error.message : String(error) }));
  }
  const parsed = hubSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(raíz)';
    throw new HubSettingsError(translate('es', 'hub.settings.invalidField', { path, field, reason: issue.message }));
  }
  return parsed.data;
}

/** Returns true when the service is open at the instant, by the opening hours; no hours means always open. */
export function isOpenAt(hours: OpeningHours | undefined, instant: number): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '';
  const day = part('weekday').slice(0, 3).toLowerCase() as Weekday;
  const now = `${part('hour')}:${part('minute')}`;
  return (hours.days[day] ?? []).some(([from, to]) => from <= now && now < to);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
