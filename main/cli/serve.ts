/**
 * `npm run serve`: the workstation for a browser, with the embedded hub. Prints the
 * two addresses on standard output, exactly "Puesto de trabajo: <url>" and
 * "Chat ciudadano: <url>", and runs until interrupted.
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
import { createWorkstation } from '../workstation/services';
import { parseCommandArgs, parsePort, UsageError } from './args';

const USAGE = `Uso: npm run serve -- [--agent "Nombre Apellido"] [--data CARPETA] [--port PUERTO] [--hub-port PUERTO] [--demo]
  --agent     nombre y apellido del agente para el saludo (si falta, se pide la primera vez)
  --data      carpeta de datos (configuración, registros, transcripciones)
  --port      puerto del puesto de trabajo en 127.0.0.1 (0, el valor por omisión, elige uno libre)
  --hub-port  puerto del hub de chat incorporado en 127.0.0.1 (por omisión 4180)
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
    { agent: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, 'hub-port': { type: 'string' }, demo: { type: 'boolean' } },
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

  const hub = await startHub({ port: parsePort(values['hub-port'], '--hub-port', 4180), dataDir: join(dataDir, 'hub'), logger });
  const workstation = await createWorkstation({
    dataDir,
    hubAgentUrl: hub.agentUrl,
    citizenUrl: hub.citizenUrl,
    presetAgentName: values.agent,
    logger,
  });
  const dispatch = createDispatcher(workstation.handlers, {
    onUnexpectedError: (method, error) => logger.error({ method, err: error }, 'API call failed unexpectedly'),
  });
  const host = await startBrowserHost({
    workstation,
    dispatch,
    rendererDir: join(findPackageRoot(), 'dist', 'renderer'),
    port: parsePort(values.port, '--port', 0),
    logger,
  });
  const demo = values.demo ? startDemoCitizens({ citizenWsUrl: new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href, logger: logger.child({ module: 'demo' }) }) : null;

  io.stdout.write(`${translate('es', 'cli.serve.workstation', { url: host.url })}\n`);
  io.stdout.write(`${translate('es', 'cli.serve.citizen', { url: hub.citizenUrl })}\n`);

  return {
    workstationUrl: host.url,
    citizenUrl: hub.citizenUrl,
    async stop() {
      await demo?.stop();
      await host.close();
      await workstation.close();
      await hub.close();
    },
  };
}
