import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiEvents, apiMethods } from '../../../shared/api/contract';
import { silentLogger } from '../../../shared/log/logger';
import { DEFAULT_PHRASES } from '../../../shared/protocol/phrases';
import { openAgentSettings } from '../../../main/settings/agent-settings';
import { settingsStateOf } from '../../../main/settings/settings-handlers';
import { openEntitySettings, parseEntitySettings, resolveSettingsPath, viewOf, type EntitySettingsStore } from '../../../main/settings/entity-settings';

const FILE = '/etc/atiende/entidad.json';

/** Each invalid file, the catalog key it must give, and the field and line its message must name. */
const INVALID_FILES: { name: string; text: string; code: string; field?: string; line: number; column?: number }[] = [
  { name: 'wrong type', text: '{\n  "entityName": "Alcaldía",\n  "locked": "sí"\n}', code: 'settings.error.field', field: 'locked', line: 3 },
  { name: 'nested wrong type', text: '{\n  "entityName": "Alcaldía",\n  "checker": {\n    "maxReplyWords": "150"\n  }\n}', code: 'settings.error.field', field: 'checker.maxReplyWords', line: 4 },
  { name: 'number below minimum', text: '{\n  "entityName": "Alcaldía",\n  "retentionDays": {\n    "drafts": 0\n  }\n}', code: 'settings.error.field', field: 'retentionDays.drafts', line: 4 },
  { name: 'unknown top-level field', text: '{\n  "entityName": "Alcaldía",\n\n  "lockd": true\n}', code: 'settings.error.unknownField', field: 'lockd', line: 4 },
  { name: 'unknown nested field', text: '{\n  "entityName": "Alcaldía",\n  "smtp": {\n    "host": "smtp.entidad.gov.co",\n    "password": "secreta"\n  }\n}', code: 'settings.error.unknownField', field: 'smtp.password', line: 5 },
  { name: 'unknown phrase id', text: '{\n  "entityName": "Alcaldía",\n  "phrases": {\n    "saludo": "Hola"\n  }\n}', code: 'settings.error.unknownField', field: 'phrases.saludo', line: 4 },
  { name: 'empty phrase', text: '{\n  "entityName": "Alcaldía",\n  "phrases": {\n    "farewell": "   "\n  }\n}', code: 'settings.error.field', field: 'phrases.farewell', line: 4 },
  { name: 'file URL as probe', text: '{\n  "entityName": "Alcaldía",\n  "selfTest": {\n    "internet": { "https": ["file:///etc/passwd"] }\n  }\n}', code: 'settings.error.field', field: 'selfTest.internet.https.0', line: 4 },
  { name: 'http hub URL', text: '{\n  "entityName": "Alcaldía",\n  "hubUrl": "http://hub.entidad.gov.co"\n}', code: 'settings.error.field', field: 'hubUrl', line: 3 },
  { name: 'unknown log level', text: '{\n  "entityName": "Alcaldía",\n  "logLevel": "trace"\n}', code: 'settings.error.field', field: 'logLevel', line: 3 },
  { name: 'missing entity name', text: '{\n  "locked": true\n}', code: 'settings.error.missingField', field: 'entityName', line: 1 },
  { name: 'broken JSON', text: '{\n  "entityName": "Alcaldía",\n  "locked": true,\n}', code: 'settings.error.json', line: 4, column: 1 },
  { name: 'unclosed string', text: '{\n  "entityName": "Alcaldía\n}', code: 'settings.error.json', line: 2, column: 26 },
  { name: 'not an object', text: '[1, 2]', code: 'settings.error.field', field: '(archivo)', line: 1 },
];

describe('entity settings parsing', () => {
  it.each(INVALID_FILES)('rejects $name', ({ text, code, field, line, column }) => {
    const parsed = parseEntitySettings(text, FILE);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.code).toBe(code);
    expect(parsed.problem.message).toContain(FILE);
    expect(parsed.problem.message).toContain(`línea ${line}`);
    if (field) expect(parsed.problem.message).toContain(`«${field}»`);
    if (column) expect(parsed.problem.message).toContain(`columna ${column}`);
    // What stays in use depends on whether a valid file was ever loaded; Configuración says it beside the message.
    expect(parsed.problem.message).not.toContain('última configuración válida');
  });

  it('explains the expected type in Spanish', () => {
    const parsed = parseEntitySettings('{"entityName": "Alcaldía", "chatTimeBudgetMinutes": "diez"}', FILE);
    expect(parsed.ok || parsed.problem.message).toContain('se esperaba un número');
  });

  it('fills the defaults of a minimal file', () => {
    const parsed = parseEntitySettings('{"entityName": "Alcaldía de Ejemplo"}', FILE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings.locked).toBe(false);
    expect(parsed.settings.checker.maxSentenceWords).toBe(25);
    expect(parsed.settings.selfTest.thresholds.checkTimeoutMs).toBe(1500);
    expect(parsed.settings.retentionDays).toEqual({ transcripts: 365, drafts: 30, outbox: 30 });
    expect(viewOf(parsed.settings).phrases).toEqual(DEFAULT_PHRASES);
  });

  it('keeps no password in the view', () => {
    const parsed = parseEntitySettings('{"entityName": "A", "smtp": {"host": "smtp.example", "user": "chat"}}', FILE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(viewOf(parsed.settings).smtp).toEqual({ host: 'smtp.example', port: 25, secure: false, from: 'Atiende <atiende@localhost>', user: 'chat' });
  });
});

describe('settings file path', () => {
  it('prefers the argument, then the environment', () => {
    expect(resolveSettingsPath('/datos', '/it/a.json', { ATIENDE_SETTINGS: '/it/b.json' })).toBe('/it/a.json');
    expect(resolveSettingsPath('/datos', undefined, { ATIENDE_SETTINGS: '/it/b.json' })).toBe('/it/b.json');
    expect(resolveSettingsPath('/datos', undefined, {})).toBe(join('/datos', 'settings', 'entidad.json'));
  });
});

describe('entity settings on disk', () => {
  let dataDir: string;
  let store: EntitySettingsStore | undefined;
  let file: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atiende-settings-'));
    file = join(dataDir, 'entidad.json');
  });

  afterEach(async () => {
    store?.close();
    store = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  const valid = (dataRequest: string) => JSON.stringify({ entityName: 'Alcaldía de Ejemplo', phrases: { dataRequest } }, null, 2);

  it('uses the defaults without a file and reports nothing', async () => {
    store = await openEntitySettings({ dataDir, path: resolveSettingsPath(dataDir, undefined, {}), logger: silentLogger });
    expect(store.configured()).toBe(false);
    expect(store.problem()).toBeNull();
    expect(store.get().entityName).toBe('');
  });

  it('gives a state that matches the contract, with and without a file', async () => {
    const agent = await openAgentSettings(dataDir, silentLogger);
    store = await openEntitySettings({ dataDir, path: file, logger: silentLogger });
    expect(apiMethods['settings.get'].response.safeParse(settingsStateOf(store, agent)).error?.issues ?? []).toEqual([]);

    await writeFile(file, JSON.stringify({ entityName: 'Alcaldía', locked: true, smtp: { host: 'smtp.example', user: 'chat' }, hubUrl: 'wss://hub.example/ws/agent' }));
    await store.reload();
    const state = settingsStateOf(store, agent);
    expect(apiEvents['settings.changed'].safeParse(state).error?.issues ?? []).toEqual([]);
    expect(state.locked).toBe(true);
    expect(JSON.stringify(state)).not.toContain('password');
  });

  it('reports a named file that is missing', async () => {
    store = await openEntitySettings({ dataDir, path: join(dataDir, 'no-existe.json'), logger: silentLogger });
    expect(store.problem()?.code).toBe('settings.error.notFound');
  });

  it('keeps the last valid settings after a bad edit', async () => {
    await writeFile(file, valid('¿Me regala su nombre y correo?'));
    store = await openEntitySettings({ dataDir, path: file, logger: silentLogger });
    expect(store.get().phrases.dataRequest).toBe('¿Me regala su nombre y correo?');

    await writeFile(file, '{"entityName": 5}');
    await store.reload();
    expect(store.problem()?.params.field).toBe('entityName');
    expect(store.get().phrases.dataRequest).toBe('¿Me regala su nombre y correo?');
  });

  it('writes the last valid copy and uses it after a restart', async () => {
    await writeFile(file, valid('¿Nombre y correo, por favor?'));
    store = await openEntitySettings({ dataDir, path: file, logger: silentLogger });
    store.close();
    expect(await readFile(join(dataDir, 'settings', 'entidad.json.last-valid'), 'utf8')).toBe(valid('¿Nombre y correo, por favor?'));

    await writeFile(file, '{ broken');
    store = await openEntitySettings({ dataDir, path: file, logger: silentLogger });
    expect(store.problem()?.code).toBe('settings.error.json');
    expect(store.configured()).toBe(true);
    expect(store.get().phrases.dataRequest).toBe('¿Nombre y correo, por favor?');
  });

  it('reloads when the file changes on disk', async () => {
    await writeFile(file, valid('Primera versión, ¿su nombre?'));
    store = await openEntitySettings({ dataDir, path: file, logger: silentLogger, watch: true, debounceMs: 50 });
    const changed = new Promise<void>((resolve) => store!.onChanged(resolve));

    await writeFile(file, valid('Segunda versión, ¿su nombre?'));
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no reload within 5 s')), 5000))]);
    expect(store.get().phrases.dataRequest).toBe('Segunda versión, ¿su nombre?');
  });
});
