/**
 * `npm run serve`: the workstation for a browser, with the embedded hub or the
 * entity's hub that the settings name (hubUrl). Prints the two addresses on
 * standard output, exactly "Puesto de trabajo: <url>" and "Chat ciudadano: <url>",
 * and runs until interrupted.
 */
import { join } from 'node:path';
import { createDispatcher } from '../../shared/api/dispatch';
import { translate } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import { CITIZEN_PATH } from '../../shared/hub/protocol';
import { agentNameSchema } from '../../shared/protocol/agent-name';
import { startDemoCitizens } from '../../hub/demo/citizens';
import { startHub } from '../../hub/server';
import { startBrowserHost } from '../host/browser-host';
import { findPackageRoot } from '../host/package-root';
import { setLogLevel } from '../log/logger';
import { acquireDataLock } from '../privacy/data-lock';
import { sweepSharedRecordsAtStart } from '../privacy/retention';
import { openEntitySettings, resolveSettingsPath, type EntitySettingsStore } from '../settings/entity-settings';
import { applySettingsLive, HubSelection } from '../settings/live-settings';
import { readSmtpPasswordFromEnvironment } from '../settings/smtp-password';
import { fileHubTokenStore, readHubTokenFile } from '../settings/hub-token';
import { ApiError } from '../../shared/api/result';
import { createWorkstation } from '../workstation/services';
import { parseCommandArgs, parsePort, UsageError } from './args';

const USAGE = `Uso: npm run serve -- [--agent "Nombre Apellido"] [--data CARPETA] [--settings ARCHIVO] [--port PUERTO] [--hub-port PUERTO] [--hub-token-file ARCHIVO] [--demo]
  --agent     nombre y apellido del agente para el saludo (si falta, se pide la primera vez)
  --data      carpeta de datos (configuración, registros, transcripciones)
  --settings  archivo de configuración de la entidad (por omisión ATIENDE_SETTINGS o CARPETA/settings/entidad.json);
              si indica "hubUrl", se conecta a ese hub en lugar de iniciar el incorporado
  --port      puerto del puesto de trabajo en 127.0.0.1 (0, el valor por omisión, elige uno libre)
  --hub-port  puerto del hub de chat incorporado en 127.0.0.1 (por omisión 4180)
  --hub-token-file  archivo con el token del agente para el hub de la entidad (npm run hub -- add-agent);
              solo su dueño debe poder leerlo (chmod 600). Sin él se usa el token guardado en la carpeta de datos
  --demo      inicia algunos ciudadanos simulados para ver la cola en funcionamiento`;

export interface ServeIo {
  stdout: NodeJS.WritableStream;
  logger: Logger;
  dataDir: string;
}

export interface RunningServe {
  workstationUrl: string;
  citizenUrl: string;
  stop(): Promise<void>;
}

export async function startServe(argv: string[], io: ServeIo): Promise<RunningServe> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { agent: { type: 'string' }, data: { type: 'string' }, settings: { type: 'string' }, port: { type: 'string' }, 'hub-port': { type: 'string' }, 'hub-token-file': { type: 'string' }, demo: { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`Argumento no reconocido: «${positionals[0]}».\n${USAGE}`);
  if (values.agent !== undefined) {
    const name = agentNameSchema.safeParse(values.agent);
    if (!name.success) {
      throw new UsageError(`El nombre «${values.agent}» de --agent no es válido: ${translate('es', name.error.issues[0]?.message ?? 'agentName.invalid')}`);
    }
  }
  const dataDir = values.data ?? io.dataDir;
  const logger = io.logger;
  const hubPort = parsePort(values['hub-port'], '--hub-port', 4180);
  const port = parsePort(values.port, '--port', 0);
  const hubToken = values['hub-token-file'] === undefined ? undefined : await readTokenOption(values['hub-token-file']);

  // One process at a time changes the data folder; `atiende datos eliminar` waits for this one to stop.
  const lock = await acquireDataLock(dataDir, 'serve');
  let entitySettings: EntitySettingsStore | undefined;
  try {
    entitySettings = await openEntitySettings({ dataDir, path: resolveSettingsPath(dataDir, values.settings), logger, watch: true });
    setLogLevel(logger, entitySettings.get().logLevel);
    // The hub and the send queue keep their files open while they run, so their expired records go now.
    await sweepSharedRecordsAtStart(dataDir, entitySettings.get().retentionDays, logger);
    const running = await startServices({ entitySettings, dataDir, logger, hubPort, port, agent: values.agent, hubToken, demo: values.demo ?? false, stdout: io.stdout });
    return {
      workstationUrl: running.workstationUrl,
      get citizenUrl() {
        return running.citizenUrl;
      },
      stop: () => running.stop().finally(() => lock.release()),
    };
  } catch (error) {
    // The settings watcher would keep the process alive after a failed start.
    entitySettings?.close();
    await lock.release();
    throw error;
  }
}

/** Reads --hub-token-file; a missing, empty or world-readable file stops the command with a Spanish message. */
async function readTokenOption(file: string): Promise<string | undefined> {
  try {
    return await readHubTokenFile(file);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new UsageError(`${translate('es', error.code, error.params)}\n${USAGE}`);
  }
}

interface ServicesOptions {
  entitySettings: EntitySettingsStore;
  dataDir: string;
  logger: Logger;
  hubPort: number;
  port: number;
  agent: string | undefined;
  hubToken: string | undefined;
  demo: boolean;
  stdout: NodeJS.WritableStream;
}

async function startServices(options: ServicesOptions): Promise<RunningServe> {
  const { entitySettings, dataDir, logger, hubPort, port } = options;

  // An entity hub named in the settings replaces the embedded one, at start and whenever the settings file changes.
  const entityHubUrl = entitySettings.get().hubUrl;
  const hubs = await HubSelection.open(entityHubUrl, () => startHub({ port: hubPort, dataDir: join(dataDir, 'hub'), logger }));
  const hubAddresses = hubs.addresses;
  if (entityHubUrl) logger.info({ hubUrl: entityHubUrl }, 'using the entity hub from the settings');
  const workstation = await createWorkstation({
    dataDir,
    hubAgentUrl: hubAddresses.agentUrl,
    citizenUrl: hubAddresses.citizenUrl,
    entitySettings,
    smtpPassword: () => readSmtpPasswordFromEnvironment(),
    presetAgentName: options.agent,
    hubToken: options.hubToken,
    hubTokenStore: fileHubTokenStore(dataDir),
    logger,
  });
  const dispatch = createDispatcher(workstation.handlers, {
    onUnexpectedError: (method, error) => logger.error({ method, err: error }, 'API call failed unexpectedly'),
  });
  const host = await startBrowserHost({
    workstation,
    dispatch,
    rendererDir: join(findPackageRoot(), 'dist', 'renderer'),
    port,
    logger,
  });
  const demo = options.demo ? startDemoCitizens({ citizenWsUrl: new URL(CITIZEN_PATH, hubAddresses.citizenUrl.replace(/^http/, 'ws')).href, logger: logger.child({ module: 'demo' }) }) : null;

  const stopLiveSettings = applySettingsLive({ entitySettings, logger, selectHub: (hubUrl) => hubs.select(hubUrl, (addresses) => workstation.switchHub(addresses)) });

  options.stdout.write(`${translate('es', 'cli.serve.workstation', { url: host.url })}\n`);
  options.stdout.write(`${translate('es', 'cli.serve.citizen', { url: hubAddresses.citizenUrl })}\n`);

  return {
    workstationUrl: host.url,
    get citizenUrl() {
      return hubs.addresses.citizenUrl;
    },
    async stop() {
      stopLiveSettings();
      await demo?.stop();
      await host.close();
      await workstation.close();
      entitySettings.close();
      await hubs.close();
    },
  };
}
