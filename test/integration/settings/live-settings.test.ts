/**
 * Settings that used to apply only at the next start, changed in the entity's
 * settings file while the workstation runs: the log level, the hub and the
 * knowledge base's folder. Real files, the real folder watcher, real hubs on
 * loopback and the real pino logger.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import { CITIZEN_PATH, HUB_PROTOCOL_VERSION } from '../../../shared/hub/protocol';
import { silentLogger } from '../../../shared/log/logger';
import { startHub, type HubHandle } from '../../../hub/server';
import { createLogger } from '../../../main/log/logger';
import { openEntitySettings, type EntitySettingsStore } from '../../../main/settings/entity-settings';
import { applySettingsLive, HubSelection } from '../../../main/settings/live-settings';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';
import { until } from '../../support/until';
import { markdownArticle, writeSource } from '../knowledge-base/source-files';

const RECENT = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

let root: string;
let settingsFile: string;
let store: EntitySettingsStore | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atiende-live-settings-'));
  settingsFile = join(root, 'config', 'entidad.json');
});

afterEach(async () => {
  store?.close();
  store = undefined;
  await rm(root, { recursive: true, force: true });
});

async function writeSettings(settings: Record<string, unknown>): Promise<void> {
  await writeFile(settingsFile, JSON.stringify({ entityName: 'Alcaldía de Ejemplo', ...settings }, null, 2));
}

async function openSettings(settings: Record<string, unknown>): Promise<EntitySettingsStore> {
  await rm(join(root, 'config'), { recursive: true, force: true });
  await mkdir(join(root, 'config'), { recursive: true });
  await writeSettings(settings);
  store = await openEntitySettings({ dataDir: join(root, 'data'), path: settingsFile, logger: silentLogger, watch: true, debounceMs: 50 });
  return store;
}

/** Writes the file and waits until the watcher reloaded it. */
async function editSettings(settings: Record<string, unknown>): Promise<void> {
  const reloaded = new Promise<void>((resolve) => {
    const stop = store!.onChanged(() => {
      stop();
      resolve();
    });
  });
  await writeSettings(settings);
  await reloaded;
}

describe('log level', () => {
  it('changes at once for every module', async () => {
    const dataDir = join(root, 'data');
    const logger = createLogger({ dataDir, level: 'info' });
    const settings = await openSettings({ logLevel: 'info' });
    const stop = applySettingsLive({ entitySettings: settings, logger, selectHub: async () => undefined });
    // A module's child logger made at start, as every service makes one.
    const moduleLogger = logger.child({ module: 'outbox' });
    const logText = () => readFile(join(dataDir, 'logs', 'atiende.log'), 'utf8').catch(() => '');

    moduleLogger.debug({}, 'debug line before');
    await editSettings({ logLevel: 'debug' });
    moduleLogger.debug({}, 'debug line after');
    await editSettings({ logLevel: 'error' });
    moduleLogger.info({}, 'info line at error level');
    moduleLogger.error({}, 'error line at error level');
    stop();

    const text = await until(async () => ((await logText()).includes('error line at error level') ? logText() : false));
    expect(text).not.toContain('debug line before');
    expect(text).toContain('debug line after');
    expect(text).not.toContain('info line at error level');
    expect(text).toContain('"logLevel":"debug","msg":"log level in use"');
  });

  it('keeps the level when the file turns invalid', async () => {
    const logger = createLogger({ level: 'info' });
    const settings = await openSettings({ logLevel: 'warn' });
    const stop = applySettingsLive({ entitySettings: settings, logger, selectHub: async () => undefined });
    await editSettings({ logLevel: 'verbose' });
    stop();
    expect(settings.problem()?.params.field).toBe('logLevel');
    expect(settings.get().logLevel).toBe('warn');
  });
});

describe('hub and knowledge base', () => {
  let entityHub: HubHandle;
  let hubs: HubSelection | undefined;
  let workstation: Workstation | undefined;
  let api: ApiHandlers;
  let stopLive: () => void = () => undefined;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    entityHub = await startHub({ port: 0, logger: silentLogger });
  });

  afterEach(async () => {
    stopLive();
    for (const socket of sockets.splice(0)) socket.close();
    await workstation?.close();
    await hubs?.close();
    await entityHub.close();
  });

  /** Starts the workstation as `serve` does: the hub the settings name, or an embedded hub on a free loopback port. */
  async function startWorkstation(settings: Record<string, unknown>): Promise<void> {
    const entitySettings = await openSettings(settings);
    const started = await HubSelection.open(entitySettings.get().hubUrl, () => startHub({ port: 0, dataDir: join(root, 'data', 'hub'), logger: silentLogger }));
    hubs = started;
    const created = await createWorkstation({
      dataDir: join(root, 'data'),
      hubAgentUrl: started.addresses.agentUrl,
      citizenUrl: started.addresses.citizenUrl,
      entitySettings,
      presetAgentName: 'Ana Pérez',
      logger: silentLogger,
    });
    workstation = created;
    api = created.handlers;
    stopLive = applySettingsLive({ entitySettings, logger: silentLogger, selectHub: (hubUrl) => started.select(hubUrl, (addresses) => created.switchHub(addresses)) });
  }

  async function citizenWrites(hubCitizenUrl: string, text: string): Promise<void> {
    const socket = new WebSocket(new URL(CITIZEN_PATH, hubCitizenUrl.replace(/^http/, 'ws')).href);
    sockets.push(socket);
    const frames: { type?: string }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as { type?: string }));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true }));
    await until(() => frames.some((frame) => frame.type === 'welcome'));
    socket.send(JSON.stringify({ type: 'message', id: 'c-1', text }));
    await until(() => frames.some((frame) => frame.type === 'ack'));
  }

  const queueLength = async () => (await api['workspace.get']({})).queue.length;

  it('reconnects to the new hub URL', async () => {
    await startWorkstation({});
    const embedded = hubs!.embeddedHub!;
    expect(embedded).not.toBeNull();
    await until(async () => (await api['workspace.get']({})).connection === 'connected');
    await citizenWrites(entityHub.citizenUrl, 'Hola, necesito un certificado');
    expect(await queueLength()).toBe(0);

    await editSettings({ hubUrl: entityHub.agentUrl });

    await until(async () => (await queueLength()) === 1, 5000);
    expect((await api['session.get']({})).citizenUrl).toBe(entityHub.citizenUrl);
    expect(hubs!.embeddedHub).toBeNull();
    // The embedded hub stopped, so nothing listens on its port any more.
    await expect(fetch(embedded.httpUrl)).rejects.toThrow();
    expect((await api['settings.get']({})).lastChange?.fields).toEqual(['hubUrl']);
  });

  it('starts the embedded hub when hubUrl is removed', async () => {
    await startWorkstation({ hubUrl: entityHub.agentUrl });
    expect(hubs!.embeddedHub).toBeNull();

    await editSettings({});

    await until(() => hubs!.embeddedHub !== null);
    const embedded = hubs!.embeddedHub!;
    await until(async () => (await api['session.get']({})).citizenUrl === embedded.citizenUrl);
    await citizenWrites(embedded.citizenUrl, 'Buenas tardes');
    await until(async () => (await queueLength()) === 1, 5000);
  });

  it('reindexes from the new knowledge base folder', async () => {
    const first = join(root, 'material-1');
    const second = join(root, 'material-2');
    await writeSource(first, 'residencia.md', markdownArticle({ title: 'Certificado de residencia', updated: RECENT }, 'Se expide en cinco días hábiles.'));
    await writeSource(second, 'predial.md', markdownArticle({ title: 'Paz y salvo predial', updated: RECENT }, 'Se expide en un día hábil.'));
    await writeSource(second, 'cita.md', markdownArticle({ title: 'Cita presencial', updated: RECENT }, 'Agende su cita.'));
    await startWorkstation({ hubUrl: entityHub.agentUrl, knowledgeBase: { folder: first } });
    await until(async () => {
      const status = await api['kb.status']({});
      return status.state === 'ready' && status.articles === 1;
    }, 10_000);

    await editSettings({ hubUrl: entityHub.agentUrl, knowledgeBase: { folder: second } });

    await until(async () => {
      const status = await api['kb.status']({});
      return status.state === 'ready' && status.folder === second && status.articles === 2;
    }, 10_000);
    const found = await api['kb.search']({ query: 'paz y salvo', limit: 10 });
    expect(found[0]?.title).toBe('Paz y salvo predial');
    expect((await api['settings.get']({})).lastChange?.fields).toEqual(['knowledgeBase']);
  });
});
