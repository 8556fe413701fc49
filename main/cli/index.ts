/**
 * The `atiende` command line: one binary with a subcommand per tool. Standard
 * output carries only what a command prints on purpose; the log goes to the data
 * folder and, for warnings and errors, to standard error.
 */
import { join } from 'node:path';
import { translate } from '../../shared/i18n/catalog';
import { runHubCommand } from '../../hub/cli';
import { runCheckCommand } from '../checker/check-command';
import { runKnowledgeBaseCommand } from '../knowledge-base/kb-command';
import { runOutboxCommand } from '../outbox/outbox-command';
import { runDataCommand } from '../privacy/data-command';
import { DataFolderBusyError } from '../privacy/data-lock';
import { guardHubDataDir } from '../privacy/hub-data-guard';
import { runSelfTestCommand } from '../selftest/selftest-command';
import { createLogger as createProcessLogger } from '../log/logger';
import { HelpRequest, UsageError, wantsHelp } from './args';
import { defaultDataDir } from './data-dir';
import { startServe } from './serve';
import { runStartCommand } from './start';
import { CHECK_USAGE, HUB_USAGE, MAIN_USAGE, START_USAGE } from './usage';

/** Reads --data from the arguments, because the logger writes there before the subcommand parses the rest. */
function dataDirFrom(argv: string[]): string {
  const index = argv.findIndex((arg) => arg === '--data' || arg.startsWith('--data='));
  if (index === -1) return defaultDataDir();
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? defaultDataDir());
}

/** Usage of the subcommands that do not parse with parseCommandArgs, for --help. */
const OWN_PARSER_USAGE: Record<string, string> = { start: START_USAGE, hub: HUB_USAGE, check: CHECK_USAGE };

async function main(argv: string[]): Promise<number | 'running'> {
  const [command, ...rest] = argv;
  const dataDir = dataDirFrom(rest);
  const ownUsage = command !== undefined && Object.hasOwn(OWN_PARSER_USAGE, command) ? OWN_PARSER_USAGE[command] : undefined;
  if (ownUsage && wantsHelp(rest)) throw new HelpRequest(ownUsage);
  // Help alone writes no log file, so it never creates the default data folder.
  const openLogger = () => createProcessLogger({ dataDir: wantsHelp(rest) ? undefined : dataDir });

  switch (command) {
    case 'serve': {
      const logger = openLogger();
      const running = await startServe(rest, { stdout: process.stdout, logger, dataDir });
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return 'running';
    }
    case 'start':
      return runStartCommand(rest, { stderr: process.stderr, logger: openLogger() });
    case 'hub': {
      const logger = openLogger();
      return runHubCommand(rest, {
        logger,
        defaultDataDir: join(defaultDataDir(), 'hub'),
        prepareDataDir: (hubDataDir, settings) => guardHubDataDir(hubDataDir, settings.retentionDays, logger),
      });
    }
    case 'check':
      return runCheckCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    case 'outbox':
      return runOutboxCommand(rest, { stdout: process.stdout, stderr: process.stderr, logger: openLogger() });
    case 'kb':
      return runKnowledgeBaseCommand(rest, { stdout: process.stdout, stderr: process.stderr, logger: openLogger() });
    case 'datos':
    case 'data':
      return runDataCommand(rest, { stdout: process.stdout, logger: openLogger(), dataDir });
    case 'selftest':
      return runSelfTestCommand(rest, { stdout: process.stdout, logger: openLogger(), dataDir });
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(`${MAIN_USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Comando desconocido: «${command}».\n${MAIN_USAGE}\n`);
      return 2;
  }
}

try {
  const outcome = await main(process.argv.slice(2));
  if (outcome !== 'running') process.exitCode = outcome;
} catch (error) {
  if (error instanceof HelpRequest) {
    process.stdout.write(`${error.usage}\n`);
    process.exitCode = 0;
  } else if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof DataFolderBusyError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port ?? '';
    process.stderr.write(`${translate('es', 'cli.portInUse', { port })}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`Error inesperado: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
