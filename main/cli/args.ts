/** Command-line parsing with Spanish errors that name the value and what to do. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong argument; the command prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A request for help (--help or -h). The command prints the usage text on standard output and exits with code 0. */
export class HelpRequest extends Error {
  override name = 'HelpRequest';

  constructor(readonly usage: string) {
    super(usage);
  }
}

/** Tests whether the arguments ask for help: --help or -h before a "--" that ends the options. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** Returns the Spanish sentence for an error of node:util parseArgs (Node 20), which names the option in quotes. */
export function describeParseError(error: unknown, argv: readonly string[]): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1] ?? argv.join(' ');
  // "--data <value>" in Node's message is the option and a placeholder for its value.
  const option = quoted.replace(/ <value>$/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Argumento no válido: la opción «${option}» no existe.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return quoted.endsWith('<value>') ? `Argumento no válido: falta el valor de la opción «${option}».` : `Argumento no válido: la opción «${option}» no lleva valor.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Argumento no reconocido: «${option}».`;
  return `Argumento no válido: «${argv.join(' ')}».`;
}

/**
 * Parses the arguments strictly. Throws HelpRequest for --help or -h, and
 * UsageError, whose message ends with the usage text, for anything parseArgs rejects.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  if (wantsHelp(argv)) throw new HelpRequest(usage);
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${describeParseError(error, argv)}\n${usage}`);
  }
}

/** Parses a TCP port: an integer from 0 (any free port) to 65535. */
export function parsePort(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`El valor «${value}» de ${option} no es un puerto válido. Use un número entre 0 y 65535 (0 elige uno libre).`);
  }
  return port;
}
