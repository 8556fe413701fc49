/**
 * The logger every service receives. main/log creates it with pino; code in hub/
 * and main/ only sees this interface, so one logger serves both processes.
 * Fields must never carry a citizen's message text, name or email.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  /** Returns a logger whose lines carry the module's name, for example "hub" or "selftest". */
  child(fields: { module: string } & LogFields): Logger;
}

/** A logger that drops everything, for tests that do not read the log. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
