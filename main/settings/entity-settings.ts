/**
 * The entity's settings file, written once by IT staff and installed on every
 * agent PC: <data>/settings/entidad.json by default, or the file named by
 * `--settings FILE` or the ATIENDE_SETTINGS environment variable.
 *
 * Unknown fields are errors, so a typo never silently falls back to a default. An
 * invalid file is reported in Spanish with the file, the field and the line, and
 * the last valid settings stay in use: in memory while running, and across
 * restarts from <data>/settings/entidad.json.last-valid, written atomically each
 * time a valid file is loaded. The copy lives in the data folder because the
 * settings file itself may sit in a folder agents cannot write to.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { translate, type MessageKey } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import { entityFieldsShape, lanEndpointsSchema, probeEndpointsSchema, resolvePhrases, type EntitySettingsView } from '../../shared/settings/entity-settings';
import { outboxSettingsSchema } from '../outbox/settings';
import { selfTestThresholdsSchema } from '../selftest/thresholds';
import { writeFileAtomic } from '../storage/atomic-file';
import { JsonSyntaxError, locateJson, type JsonPath } from './json-location';

export const ENTITY_SETTINGS_FILE = 'entidad.json';
export const LAST_VALID_SUFFIX = '.last-valid';
/** Editors save in several writes (truncate, write, rename), so a change is read once the file has been quiet this long. */
const RELOAD_DEBOUNCE_MS = 300;

/** SMTP as the file gives it: the outbox's settings without the password, which is kept apart. */
export const entitySmtpSchema = outboxSettingsSchema.omit({ password: true }).strict();

export const entitySettingsSchema = z
  .object({
    ...entityFieldsShape,
    smtp: entitySmtpSchema.optional(),
    selfTest: z
      .object({
        thresholds: selfTestThresholdsSchema.prefault({}),
        internet: probeEndpointsSchema.prefault({}),
        lan: lanEndpointsSchema.prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type EntitySettings = z.output<typeof entitySettingsSchema>;

/** The settings in use while no file exists: the protocol's defaults and no entity name. */
export const DEFAULT_ENTITY_SETTINGS: EntitySettings = { ...entitySettingsSchema.parse({ entityName: '-' }), entityName: '' };

/** Why a settings file was rejected: a catalog key, its parameters, and the Spanish text for the log and the screen. */
export interface SettingsProblem {
  code: MessageKey;
  params: Record<string, string | number>;
  message: string;
}

export type ParsedSettings = { ok: true; settings: EntitySettings } | { ok: false; problem: SettingsProblem };

function problem(code: MessageKey, params: Record<string, string | number>): SettingsProblem {
  return { code, params, message: translate('es', code, params) };
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** Reasons for a size limit of a list or a text; numbers use settings.reason.tooSmall and tooBig. */
const SIZE_REASONS: Partial<Record<string, { small: MessageKey; big: MessageKey }>> = {
  array: { small: 'settings.reason.tooFewItems', big: 'settings.reason.tooManyItems' },
  string: { small: 'settings.reason.tooShort', big: 'settings.reason.tooLong' },
};

/** Returns the Spanish reason of one schema issue, without the file and line. */
function reasonOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return translate('es', 'settings.reason.type', { expected: translate('es', `settings.type.${issue.expected}`) });
    case 'too_small': {
      const key = SIZE_REASONS[issue.origin as 'array' | 'string']?.small ?? 'settings.reason.tooSmall';
      return translate('es', key, { minimum: Number(issue.minimum) });
    }
    case 'too_big': {
      const key = SIZE_REASONS[issue.origin as 'array' | 'string']?.big ?? 'settings.reason.tooBig';
      return translate('es', key, { maximum: Number(issue.maximum) });
    }
    case 'invalid_value':
      return translate('es', 'settings.reason.oneOf', { values: issue.values.map((value) => `«${String(value)}»`).join(', ') });
    default:
      return translate('es', issue.message.startsWith('settings.reason.') ? issue.message : 'settings.reason.invalid');
  }
}

/** Parses a settings file's text; the first problem names the file, the field path and its line. */
export function parseEntitySettings(text: string, file: string): ParsedSettings {
  let locations;
  try {
    locations = locateJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, problem: problem('settings.error.json', { file, line: error.line, column: error.column }) };
  }

  const raw = JSON.parse(text) as unknown;
  const parsed = entitySettingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };

  const issue = parsed.error.issues[0]!;
  const path = issue.path as JsonPath;
  if (issue.code === 'unrecognized_keys') {
    const fieldPath = [...path, issue.keys[0]!];
    return { ok: false, problem: problem('settings.error.unknownField', { file, field: fieldPath.join('.'), line: locations.lineOf(fieldPath) }) };
  }
  const field = path.length > 0 ? path.join('.') : '(archivo)';
  if (issue.code === 'invalid_type' && path.length > 0 && valueAt(raw, path) === undefined) {
    return { ok: false, problem: problem('settings.error.missingField', { file, field, line: locations.lineOf(path) }) };
  }
  return { ok: false, problem: problem('settings.error.field', { file, field, line: locations.lineOf(path), reason: reasonOf(issue) }) };
}

/** Returns the settings file to read: the --settings argument, then ATIENDE_SETTINGS, then <data>/settings/entidad.json. */
export function resolveSettingsPath(dataDir: string, argument?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = argument ?? (env.ATIENDE_SETTINGS || undefined);
  return resolve(chosen ?? join(dataDir, 'settings', ENTITY_SETTINGS_FILE));
}

/** Returns the public view of the settings: everything but secrets (the SMTP password is never in them). */
export function viewOf(settings: EntitySettings): EntitySettingsView {
  const { smtp, ...rest } = settings;
  return {
    ...rest,
    phrases: resolvePhrases(settings.phrases),
    smtp: smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, from: smtp.from, user: smtp.user ?? null } : null,
    selfTest: { ...settings.selfTest, thresholds: { ...settings.selfTest.thresholds } },
  };
}

/** Returns the agent endpoint and the citizen page of a hub named by its agent endpoint (ws: becomes http:, wss: https:). */
export function hubAddressesOf(hubUrl: string): { agentUrl: string; citizenUrl: string } {
  const citizen = new URL('/', hubUrl);
  citizen.protocol = citizen.protocol === 'wss:' ? 'https:' : 'http:';
  return { agentUrl: hubUrl, citizenUrl: citizen.href };
}

/** Fields of the settings that a reload changed, for the settings screen. */
export interface SettingsChange {
  /** ms since the epoch. */
  at: number;
  fields: string[];
}

/** Lists the top-level fields whose values differ between two settings. */
export function changedFields(before: EntitySettings, after: EntitySettings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof EntitySettings>;
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export interface EntitySettingsOptions {
  dataDir: string;
  /** The settings file; see resolveSettingsPath. */
  path: string;
  logger: Logger;
  /** Reload when the file changes on disk. */
  watch?: boolean;
  debounceMs?: number;
}

export interface EntitySettingsStore {
  readonly path: string;
  /** The settings in use: the file's, the last valid ones, or the defaults. */
  get(): EntitySettings;
  /** True once a valid file was loaded in this run or kept from an earlier one. */
  configured(): boolean;
  /** The problem that keeps the file on disk out of use, or null when it is in use. */
  problem(): SettingsProblem | null;
  /** The top-level fields the latest valid reload changed, or null before any reload changed one. */
  lastChange(): SettingsChange | null;
  /** Reads the file again now; resolves after the listeners were called. */
  reload(): Promise<void>;
  /** Listens for every reload, valid or not; returns the function that stops listening. */
  onChanged(listener: () => void): () => void;
  close(): void;
}

/** Opens the settings: reads the file (falling back to the last valid copy), and watches it when asked. */
export async function openEntitySettings(options: EntitySettingsOptions): Promise<EntitySettingsStore> {
  const logger = options.logger.child({ module: 'settings' });
  const path = options.path;
  const lastValidPath = join(options.dataDir, 'settings', `${ENTITY_SETTINGS_FILE}${LAST_VALID_SUFFIX}`);
  const listeners = new Set<() => void>();
  let current = DEFAULT_ENTITY_SETTINGS;
  let isConfigured = false;
  let currentProblem: SettingsProblem | null = null;
  let lastValidText: string | null = null;
  let change: SettingsChange | null = null;
  // The first load at start is no change; later loads are the file's edits.
  let started = false;

  async function readText(file: string): Promise<string | null> {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async function keepLastValid(text: string): Promise<void> {
    if (text === lastValidText) return;
    try {
      await writeFileAtomic(lastValidPath, text);
      lastValidText = text;
    } catch (error) {
      logger.warn({ err: error, file: lastValidPath }, 'last valid settings copy could not be written');
    }
  }

  async function load(): Promise<void> {
    let text: string | null;
    try {
      text = await readText(path);
    } catch (error) {
      text = null;
      currentProblem = problem('settings.error.unreadable', { file: path, code: (error as NodeJS.ErrnoException).code ?? 'EIO' });
      logger.error({ file: path, err: error }, 'entity settings file could not be read; keeping the last valid settings');
      return;
    }

    if (text === null) {
      // The default path may simply not exist yet; a path IT staff named must exist.
      const named = path !== resolveSettingsPath(options.dataDir, undefined, {});
      currentProblem = named ? problem('settings.error.notFound', { file: path }) : null;
      if (named) logger.error({ file: path }, 'entity settings file not found; keeping the last valid settings');
      return;
    }

    const parsed = parseEntitySettings(text, path);
    if (!parsed.ok) {
      currentProblem = parsed.problem;
      logger.error({ file: path, code: parsed.problem.code, field: parsed.problem.params.field ?? null, line: parsed.problem.params.line }, 'entity settings file is invalid; keeping the last valid settings');
      return;
    }

    const fields = changedFields(current, parsed.settings);
    if (started && fields.length > 0) change = { at: Date.now(), fields };
    current = parsed.settings;
    isConfigured = true;
    currentProblem = null;
    logger.info({ file: path, locked: current.locked }, 'entity settings loaded');
    await keepLastValid(text);
  }

  // On start, the last valid copy is used until the file itself is read.
  const kept = await readText(lastValidPath).catch(() => null);
  if (kept !== null) {
    const parsed = parseEntitySettings(kept, lastValidPath);
    if (parsed.ok) {
      current = parsed.settings;
      isConfigured = true;
      lastValidText = kept;
    }
  }
  await load();
  started = true;

  const notify = () => {
    for (const listener of listeners) listener();
  };
  let reloading = Promise.resolve();
  const reload = () => {
    reloading = reloading.then(load).then(notify, (error: unknown) => logger.error({ err: error }, 'entity settings reload failed'));
    return reloading;
  };

  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    // The folder is watched, not the file, because editors replace the file by renaming a new one over it.
    try {
      await mkdir(dirname(path), { recursive: true });
      watcher = watch(dirname(path), (_event, name) => {
        if (name !== null && name !== basename(path)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), options.debounceMs ?? RELOAD_DEBOUNCE_MS);
      });
      watcher.on('error', (error) => logger.warn({ err: error, file: path }, 'settings folder watch failed; changes need a restart'));
    } catch (error) {
      logger.warn({ err: error, file: path }, 'settings folder cannot be watched; changes need a restart');
    }
  }

  return {
    path,
    get: () => current,
    configured: () => isConfigured,
    problem: () => currentProblem,
    lastChange: () => change,
    reload,
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
      listeners.clear();
    },
  };
}
