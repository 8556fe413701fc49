/** Command-line parsing with Spanish errors that name the value and what to do. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong argument; the command prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Argumento no válido (${detail}).\n${usage}`);
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
