/**
 * `npm run hub -- [--settings FILE] [--port N] [--data DIR] [--host H]`: the chat hub
 * standalone, for a center. It prints one line, "Chat ciudadano: <url>", and runs
 * until SIGINT or SIGTERM. `npm run hub -- add-agent --settings FILE --name "Ana
 * Pérez"` adds an agent account to the settings file and prints its token. The
 * caller (main/cli) creates the logger and names the default data folder.
 */
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { translate, type MessageKey } from '../shared/i18n/catalog';
import type { Logger } from '../shared/log/logger';
import { agentNameSchema } from '../shared/protocol/agent-name';
import { addAgentAccount } from './agent-accounts';
import { DEFAULT_HUB_PORT, startHub, type HubHandle } from './server';
import { DEFAULT_HUB_SETTINGS, HubSettingsError, readHubSettings, type HubSettings } from './settings';

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
  /**
   * Called with the data folder before the hub opens it, for example to lock it and sweep expired data.
   * The function it returns runs after the hub has closed. An error thrown here stops the command.
   */
  prepareDataDir?: (dataDir: string, settings: HubSettings) => Promise<() => Promise<void>>;
}

/** Exit codes: 0 after a clean stop, 1 when the hub could not start, 2 for invalid arguments. */
export const HUB_EXIT = { stopped: 0, startFailed: 1, badArguments: 2 } as const;

interface HubArguments {
  /** Undefined when neither --port nor the settings file names one. */
  port: number | undefined;
  dataDir: string | undefined;
  host: string | undefined;
  settingsPath: string | undefined;
}

type OptionName = 'port' | 'data' | 'host' | 'settings' | 'name';

type ParseResult = { ok: true; value: HubArguments } | { ok: false; argument: string; hint: MessageKey };

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Parses "--name value" and "--name=value" for the allowed options; anything else is invalid. */
function parseOptions(argv: readonly string[], allowed: readonly OptionName[]): { ok: true; values: Partial<Record<OptionName, string>> } | { ok: false; argument: string } {
  const values: Partial<Record<OptionName, string>> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(argument);
    if (!match || !allowed.includes(match[1] as OptionName)) return { ok: false, argument };
    const name = match[1] as OptionName;
    let value = match[2];
    if (value === undefined) {
      const following = argv[index + 1];
      value = following === undefined || following.startsWith('--') ? '' : following;
      if (following !== undefined && !following.startsWith('--')) index += 1;
    }
    values[name] = value;
  }
  return { ok: true, values };
}

/** Parses the hub's options; port, host and data stay undefined when not given, so the settings file can set them. */
export function parseHubArguments(argv: readonly string[]): ParseResult {
  const options = parseOptions(argv, ['port', 'data', 'host', 'settings']);
  if (!options.ok) return { ok: false, argument: options.argument, hint: 'cli.hub.unknownHint' };
  const { values } = options;

  const port = values.port;
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) return { ok: false, argument: `--port ${port}`.trim(), hint: 'cli.hub.portHint' };

  const host = values.host;
  if (host !== undefined && isIP(host) === 0 && !HOST_NAME.test(host)) return { ok: false, argument: `--host ${host}`.trim(), hint: 'cli.hub.hostHint' };

  const data = values.data;
  if (data !== undefined && data.trim() === '') return { ok: false, argument: '--data', hint: 'cli.hub.dataHint' };

  const settingsPath = values.settings;
  if (settingsPath !== undefined && settingsPath.trim() === '') return { ok: false, argument: '--settings', hint: 'cli.hub.settingsHint' };

  return {
    ok: true,
    value: {
      port: port === undefined ? undefined : Number(port),
      host,
      dataDir: data === undefined ? undefined : resolve(data),
      settingsPath: settingsPath === undefined ? undefined : resolve(settingsPath),
    },
  };
}

export async function runHubCommand(argv: string[], options: HubCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const logger = options.logger.child({ module: 'hub-cli' });

  if (argv[0] === 'add-agent') return runAddAgent(argv.slice(1), stdout, stderr);

  const parsed = parseHubArguments(argv);
  if (!parsed.ok) {
    const hint = translate('es', parsed.hint);
    stderr.write(`${translate('es', 'cli.badArgument', { argument: parsed.argument, hint })}\n`);
    return HUB_EXIT.badArguments;
  }

  let settings: HubSettings = DEFAULT_HUB_SETTINGS;
  if (parsed.value.settingsPath) {
    try {
      settings = await readHubSettings(parsed.value.settingsPath);
    } catch (error) {
      if (!(error instanceof HubSettingsError)) throw error;
      stderr.write(`${error.message}\n`);
      return HUB_EXIT.badArguments;
    }
  }
  // Relative paths in the settings file are relative to the file itself.
  const settingsFolder = parsed.value.settingsPath ? dirname(parsed.value.settingsPath) : process.cwd();
  const port = parsed.value.port ?? (parsed.value.settingsPath ? settings.port : DEFAULT_HUB_PORT);
  const host = parsed.value.host ?? settings.host;
  const dataDir = parsed.value.dataDir ?? (settings.dataDir ? resolve(settingsFolder, settings.dataDir) : options.defaultDataDir);
  const tls = settings.tls && { cert: resolve(settingsFolder, settings.tls.cert), key: resolve(settingsFolder, settings.tls.key) };

  const releaseDataDir = (await options.prepareDataDir?.(dataDir, settings)) ?? (async () => {});
  let hub: HubHandle;
  try {
    hub = await startHub({ settings: { ...settings, tls }, port, host, dataDir, logger: options.logger });
  } catch (error) {
    await releaseDataDir();
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
  await releaseDataDir();
  return HUB_EXIT.stopped;
}

/** `add-agent --settings FILE --name "Nombre Apellido"`: adds or renews the account and prints its token once. */
async function runAddAgent(argv: readonly string[], stdout: { write(text: string): unknown }, stderr: { write(text: string): unknown }): Promise<number> {
  const options = parseOptions(argv, ['settings', 'name']);
  const fail = (argument: string, hint: MessageKey): number => {
    stderr.write(`${translate('es', 'cli.badArgument', { argument, hint: translate('es', hint) })}\n`);
    return HUB_EXIT.badArguments;
  };
  if (!options.ok) return fail(options.argument, 'cli.hub.addAgentHint');
  const settingsPath = options.values.settings;
  if (!settingsPath) return fail('--settings', 'cli.hub.addAgentHint');
  const name = agentNameSchema.safeParse(options.values.name ?? '');
  if (!name.success) return fail(`--name ${options.values.name ?? ''}`.trim(), 'cli.hub.addAgentHint');

  try {
    const token = await addAgentAccount(resolve(settingsPath), name.data);
    stdout.write(`${translate('es', 'cli.hub.agentAdded', { name: name.data, path: resolve(settingsPath) })}\n${token}\n`);
    return HUB_EXIT.stopped;
  } catch (error) {
    if (!(error instanceof HubSettingsError)) throw error;
    stderr.write(`${error.message}\n`);
    return HUB_EXIT.badArguments;
  }
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
