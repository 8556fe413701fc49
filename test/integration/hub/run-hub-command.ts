// Runs `runHubCommand` in its own process, so a test can stop it with a real signal.
import { tmpdir } from 'node:os';
import { runHubCommand } from '../../../hub/cli';
import { silentLogger } from '../../../shared/log/logger';

process.exitCode = await runHubCommand(process.argv.slice(2), { logger: silentLogger, defaultDataDir: tmpdir() });
