/**
 * The entity's settings as the renderer receives them, and the parts of the settings
 * file that need nothing from Node. IT staff write one JSON file per entity
 * (main/settings/entity-settings.ts reads it); secrets never reach this shape.
 */
import { z } from 'zod';
import { apiErrorSchema } from '../api/result';
import { DEFAULT_CHECK_OPTIONS } from '../checker/options';
import { DEFAULT_COMPLEX_OPTIONS, DEFAULT_PHRASES, PHRASE_IDS, type PhraseId } from '../protocol/phrases';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const phraseTextSchema = z.string().trim().min(1).max(1000);

/** Replacements for the protocol's phrases; a phrase left out keeps the protocol's default. */
export const phrasesSchema = z.partialRecord(z.enum(PHRASE_IDS), phraseTextSchema);

export const checkerLimitsSchema = z
  .object({
    maxSentenceWords: z.number().int().min(5).max(200).default(DEFAULT_CHECK_OPTIONS.maxSentenceWords),
    maxParagraphSentences: z.number().int().min(1).max(50).default(DEFAULT_CHECK_OPTIONS.maxParagraphSentences),
    maxParagraphWords: z.number().int().min(10).max(1000).default(DEFAULT_CHECK_OPTIONS.maxParagraphWords),
    maxReplyWords: z.number().int().min(10).max(5000).default(DEFAULT_CHECK_OPTIONS.maxReplyWords),
  })
  .strict();
export type CheckerLimits = z.output<typeof checkerLimitsSchema>;

/** An http: or https: address with a host; other schemes (file:, ftp:, javascript:) are rejected. */
export const httpUrlSchema = z.string().max(2000).regex(/^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i, 'settings.reason.httpUrl');
/** The hub's agent endpoint, ws: or wss:, for example wss://chat.entidad.gov.co/ws/agent. */
export const hubUrlSchema = z.string().max(2000).regex(/^wss?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i, 'settings.reason.wsUrl');
const hostNameSchema = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'settings.reason.hostName');

/** Endpoints the self-test probes: names to resolve and addresses to request. Empty lists mean "not configured". */
export const probeEndpointsSchema = z
  .object({
    dns: z.array(hostNameSchema).max(20).default([]),
    https: z.array(httpUrlSchema).max(20).default([]),
  })
  .strict();

/** A TCP endpoint, "host:port" or "[IPv6]:port", for example "servidor-archivos:445" or "10.0.0.5:5432". */
export const hostPortSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}$/, 'settings.reason.hostPort')
  .refine((target) => {
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65_535;
  }, 'settings.reason.hostPort');

/** Endpoints of the entity's local network the LAN check probes: the internet check's kinds plus TCP connections. */
export const lanEndpointsSchema = z
  .object({
    dns: z.array(hostNameSchema).max(20).default([]),
    https: z.array(httpUrlSchema).max(20).default([]),
    tcp: z.array(hostPortSchema).max(20).default([]),
  })
  .strict();
export type LanEndpoints = z.output<typeof lanEndpointsSchema>;

/** Days each kind of personal data is kept before the retention sweep deletes it. */
export const retentionDaysSchema = z
  .object({
    /**
     * Closed chats' transcripts. One year is an estimate for the entity to replace
     * with its own document retention table; Ley 1581 de 2012 sets no number.
     */
    transcripts: z.number().int().min(1).max(36_500).default(365),
    drafts: z.number().int().min(1).max(36_500).default(30),
    /** Messages of the outbox that were sent or failed; pending ones are never purged. */
    outbox: z.number().int().min(1).max(36_500).default(30),
  })
  .strict();
export type RetentionDays = z.output<typeof retentionDaysSchema>;

/** The fields of the settings file that the renderer may see, less SMTP and the self-test limits (see main/). */
export const entityFieldsShape = {
  entityName: z.string().trim().min(1).max(200),
  locked: z.boolean().default(false),
  phrases: phrasesSchema.default({}),
  /** Ways to continue a request too complex for the chat, as offered to the citizen. */
  escalationOptions: z.array(phraseTextSchema).min(1).max(10).default([...DEFAULT_COMPLEX_OPTIONS]),
  chatTimeBudgetMinutes: z.number().int().min(1).max(240).default(10),
  checker: checkerLimitsSchema.prefault({}),
  hubUrl: hubUrlSchema.optional(),
  knowledgeBase: z
    .object({ folder: z.string().min(1).max(1000).optional(), maxAgeDays: z.number().int().min(1).max(36_500).default(365) })
    .strict()
    .prefault({}),
  retentionDays: retentionDaysSchema.prefault({}),
  logLevel: z.enum(LOG_LEVELS).default('info'),
};

/** SMTP as shown to the agent: where mail goes, never the password. */
export const smtpViewSchema = z.object({ host: z.string(), port: z.number(), secure: z.boolean(), from: z.string(), user: z.string().nullable() });
export type SmtpView = z.infer<typeof smtpViewSchema>;

export const entitySettingsViewSchema = z.object({
  ...entityFieldsShape,
  /** Empty while no settings file was ever loaded. */
  entityName: z.string(),
  phrases: z.record(z.string(), z.string()),
  smtp: smtpViewSchema.nullable(),
  selfTest: z.object({
    thresholds: z.record(z.string(), z.number()),
    internet: probeEndpointsSchema,
    lan: lanEndpointsSchema,
  }),
});
export type EntitySettingsView = z.output<typeof entitySettingsViewSchema>;

export const THEMES = ['light', 'dark'] as const;
export const FONT_SIZE_MIN_PX = 12;
export const FONT_SIZE_MAX_PX = 24;

const preferenceFields = {
  theme: z.enum(THEMES),
  fontSizePx: z.number().int().min(FONT_SIZE_MIN_PX).max(FONT_SIZE_MAX_PX),
  notifications: z.boolean(),
};

/** The agent's own preferences on this workstation, which apply at once and are never locked. */
export const agentPreferencesSchema = z.object({
  theme: preferenceFields.theme.default('light'),
  fontSizePx: preferenceFields.fontSizePx.default(14),
  notifications: preferenceFields.notifications.default(true),
});

/** A change of preferences: the fields given, without defaults for the others. */
export const agentPreferencesChangeSchema = z.object(preferenceFields).partial().strict();
export type AgentPreferences = z.output<typeof agentPreferencesSchema>;

export const settingsStateSchema = z.object({
  entity: entitySettingsViewSchema,
  /** False while no settings file exists and the protocol's defaults apply. */
  configured: z.boolean(),
  /** The settings file's path, to show IT staff which file is read. */
  file: z.string(),
  locked: z.boolean(),
  preferences: agentPreferencesSchema,
  /** The fields the latest edit of the file changed while the app ran, and when; absent or null before any edit. */
  lastChange: z.object({ at: z.number(), fields: z.array(z.string()) }).nullable().optional(),
  /** The reason the file on disk was rejected, while the last valid settings stay in use. */
  error: apiErrorSchema.extend({ message: z.string() }).nullable(),
});
export type SettingsState = z.output<typeof settingsStateSchema>;

/** Returns the protocol's phrases with the entity's replacements applied. */
export function resolvePhrases(phrases: Partial<Record<PhraseId, string>>): Record<PhraseId, string> {
  return { ...DEFAULT_PHRASES, ...phrases };
}
