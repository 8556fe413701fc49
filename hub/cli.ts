/**
 * `npm run hub -- [--port N] [--data DIR] [--host H]`: the chat hub standalone, for
 * a center. It prints one line, "Chat ciudadano: <url>", and runs until SIGINT or
 * SIGTERM. The caller (main/cli) creates the logger and names the default data folder.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { translate, type MessageKey } from '../shared/i18n/catalog';
import type { Logger } from '../shared/log/logger';
import { DEFAULT_HUB_PORT, startHub, type HubHandle } from './server';

export interface HubCommandOptions {
  logger: Logger;
  /** Data folder used when --data is not given. */
  defaultDataDir: string;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the hub when aborted, besides SIGINT and SIGTERM. */
  signal?: AbortSignal;
  /** Called once the hub listens, with its handle. */
  onStarted?: (hub: HubHandle) => void;
}

/** Exit codes: 0 after a clean stop, 1 when the hub could not start, 2 for invalid arguments. */
export const HUB_EXIT = { stopped: 0, startFailed: 1, badArguments: 2 } as const;

interface HubArguments {
  port: number;
  dataDir: string;
  host: string;
}

type ParseResult = { ok: true; value: HubArguments } | { ok: false; argument: string; hint: MessageKey };

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Parses "--name value" and "--name=value" for the three options; anything else is invalid. */
export function parseHubArguments(argv: readonly string[], defaultDataDir: string): ParseResult {
  const values: Partial<Record<'port' | 'data' | 'host', string>> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const match = /^--(port|data|host)(?:=(.*))?$/s.exec(argument);
    if (!match) return { ok: false, argument, hint: 'cli.hub.unknownHint' };
    const name = match[1] as 'port' | 'data' | 'host';
    let value = match[2];
    if (value === undefined) {
      const following = argv[index + 1];
      value = following === undefined || following.startsWith('--') ? '' : following;
      if (following !== undefined && !following.startsWith('--')) index += 1;
    }
    values[name] = value;
  }

  const port = values.port ?? String(DEFAULT_HUB_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return { ok: false, argument: `--port ${port}`.trim(), hint: 'cli.hub.portHint' };

  const host = values.host ?? '127.0.0.1';
  if (isIP(host) === 0 && !HOST_NAME.test(host)) return { ok: false, argument: `--host ${host}`.trim(), hint: 'cli.hub.hostHint' };

  const data = values.data ?? defaultDataDir;
  if (data.trim() === '') return { ok: false, argument: '--data', hint: 'cli.hub.dataHint' };

  return { ok: true, value: { port: Number(port), host, dataDir: resolve(data) } };
}

export async function runHubCommand(argv: string[], options: HubCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const logger = options.logger.child({ module: 'hub-cli' });

  const parsed = parseHubArguments(argv, options.defaultDataDir);
  if (!parsed.ok) {
    const hint = translate('es', parsed.hint);
    stderr.write(`${translate('es', 'cli.badArgument', { argument: parsed.argument, hint })}\n`);
    return HUB_EXIT.badArguments;
  }
  const { port, host, dataDir } = parsed.value;

  let hub: HubHandle;
  try {
    hub = await startHub({ port, host, dataDir, logger: options.logger });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    logger.error({ port, host, err: error }, 'hub could not start');
    const message =
      code === 'EADDRINUSE'
        ? translate('es', 'cli.portInUse', { port })
        : translate('es', 'cli.hub.startFailed', { reason: error instanceof Error ? error.message : String(error) });
    stderr.write(`${message}\n`);
    return HUB_EXIT.startFailed;
  }

  stdout.write(`${translate('es', 'cli.serve.citizen', { url: hub.citizenUrl })}\n`);
  options.onStarted?.(hub);

  const reason = await stopRequested(options.signal);
  logger.info({ reason }, 'stopping the hub');
  await hub.close();
  return HUB_EXIT.stopped;
}

/** Resolves with what asked to stop: SIGINT, SIGTERM or the abort signal. */
function stopRequested(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((done) => {
    const finish = (reason: string): void => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      signal?.removeEventListener('abort', onAbort);
      done(reason);
    };
    const onInterrupt = (): void => finish('SIGINT');
    const onTerminate = (): void => finish('SIGTERM');
    const onAbort = (): void => finish('abort');
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onTerminate);
    if (signal?.aborted) return finish('abort');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
