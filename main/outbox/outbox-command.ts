/**
 * `npm run outbox -- <enqueue|flush|status> --data DIR ...`: queues an email, sends
 * the queue once, or prints it. Exit codes: 0 done (for flush: nothing left pending),
 * 1 messages remain pending or the data folder failed, 2 bad input.
 *
 * SMTP settings come from <data>/outbox/settings.json when it exists (the fields of
 * OutboxSettings), then from --smtp and --from.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/result';
import { translate, type MessageParams } from '../../shared/i18n/catalog';
import type { Logger } from '../../shared/log/logger';
import { parseCommandArgs, UsageError } from '../cli/args';
import { Outbox, type OutboxEntry } from './outbox';
import { outboxSettingsSchema, type OutboxSettingsInput } from './settings';
import { OUTBOX_STATES } from './store';

export interface OutboxCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  logger: Logger;
}

const EXIT_OK = 0;
const EXIT_PENDING = 1;
const EXIT_BAD_INPUT = 2;

const USAGE = `Uso: atiende outbox <enqueue|flush|status> --data CARPETA [opciones]   (o npm run outbox -- ...)
  enqueue  guarda un correo en la bandeja de salida de CARPETA:
           --to DIRECCIÓN --subject TEXTO --body-file ARCHIVO [--html-file ARCHIVO] [--chat ID] [--from REMITENTE]
  flush    envía una vez los correos pendientes [--smtp smtp://SERVIDOR:PUERTO]; sale con 1 si quedan pendientes
  status   muestra la bandeja de salida [--json]
  --data   carpeta de datos del puesto de trabajo (obligatoria)
  --from   remitente, "Nombre <direccion@dominio>"; también es el remitente del sobre SMTP (MAIL FROM)
  --smtp   servidor de correo; smtps:// usa TLS desde el primer byte. Por omisión, CARPETA/outbox/settings.json`;

/** Returns the usage error of one catalog message, for a value that is present but wrong. */
function usageError(key: string, params: MessageParams = {}): UsageError {
  return new UsageError(translate('es', key, params));
}

const options = {
  data: { type: 'string' },
  to: { type: 'string' },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  'html-file': { type: 'string' },
  chat: { type: 'string' },
  from: { type: 'string' },
  smtp: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

/** Runs the outbox command; argv is what follows "outbox" on the command line. */
export async function runOutboxCommand(argv: string[], io: OutboxCommandIo): Promise<number> {
  const args = argv[0] === 'outbox' ? argv.slice(1) : argv;
  const print = (key: string, params: MessageParams = {}) => io.stdout.write(`${translate('es', key, params)}\n`);
  const complain = (key: string, params: MessageParams = {}) => io.stderr.write(`${translate('es', key, params)}\n`);

  try {
    const { subcommand, values } = parseCommandLine(args);
    const dataDir = required(values, 'data');
    const settings = await readSettings(dataDir, values);

    if (subcommand === 'enqueue') return await enqueue(dataDir, settings, values, io, print);
    const outbox = await Outbox.open({ dataDir, settings, logger: io.logger });
    if (subcommand === 'flush') {
      const summary = await outbox.flush();
      print('outbox.cli.flushed', { ...summary });
      return summary.pending === 0 ? EXIT_OK : EXIT_PENDING;
    }
    printStatus(outbox, values.json === true, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof ApiError) {
      complain(error.code, error.params);
      return isInputError(error.code) ? EXIT_BAD_INPUT : EXIT_PENDING;
    }
    throw error;
  }
}

function isInputError(code: string): boolean {
  return ['invalidAddress', 'subjectMissing', 'subjectTooLong', 'bodyMissing', 'bodyTooLarge', 'invalidChatId'].some((name) => code === `outbox.error.${name}`);
}

function parseCommandLine(args: string[]): { subcommand: 'enqueue' | 'flush' | 'status'; values: Values } {
  const parsed = parseCommandArgs(args, options, USAGE);
  const [subcommand, ...extra] = parsed.positionals;
  if (subcommand === undefined) throw new UsageError(`Indique un subcomando: enqueue, flush o status.\n${USAGE}`);
  if (subcommand !== 'enqueue' && subcommand !== 'flush' && subcommand !== 'status') {
    throw new UsageError(`El subcomando «${subcommand}» no existe. Use enqueue, flush o status.\n${USAGE}`);
  }
  if (extra.length > 0) throw new UsageError(`Argumento no reconocido: «${extra.join(' ')}».\n${USAGE}`);
  return { subcommand, values: parsed.values };
}

function required(values: Values, name: 'data' | 'to' | 'subject' | 'body-file'): string {
  const value = values[name];
  if (value === undefined) throw new UsageError(`Falta la opción --${name}.\n${USAGE}`);
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`La opción --${name} está vacía. Escriba su valor después de ella.\n${USAGE}`);
  return value;
}

async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw usageError('outbox.cli.fileUnreadable', { path, code: (error as NodeJS.ErrnoException).code ?? 'EIO' });
  }
}

/** Reads <data>/outbox/settings.json when present and applies --smtp and --from over it. */
async function readSettings(dataDir: string, values: Values): Promise<OutboxSettingsInput> {
  const path = join(dataDir, 'outbox', 'settings.json');
  let stored: unknown = {};
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw usageError('outbox.cli.badSettings', { path, field: '(JSON)' });
  }

  const parsed = outboxSettingsSchema.partial().safeParse(stored);
  if (!parsed.success) throw usageError('outbox.cli.badSettings', { path, field: parsed.error.issues[0]?.path.join('.') || '(raíz)' });

  const settings: OutboxSettingsInput = { ...parsed.data };
  if (values.smtp !== undefined) Object.assign(settings, parseSmtpUrl(values.smtp));
  if (values.from !== undefined) settings.from = values.from;
  return settings;
}

/** Reads smtp://[user:password@]host[:port] or smtps://...; smtps means TLS from the first byte. */
export function parseSmtpUrl(text: string): Partial<OutboxSettingsInput> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError('outbox.cli.badSmtpUrl', { url: text });
  }
  const secure = url.protocol === 'smtps:';
  if ((!secure && url.protocol !== 'smtp:') || url.hostname === '' || url.pathname.replace(/^\/$/, '') !== '') {
    throw usageError('outbox.cli.badSmtpUrl', { url: text });
  }

  const defaultPort = secure ? 465 : 25;
  const settings: Partial<OutboxSettingsInput> = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : defaultPort,
    secure,
  };
  if (url.username) settings.user = decodeURIComponent(url.username);
  if (url.password) settings.password = decodeURIComponent(url.password);
  return settings;
}

async function enqueue(
  dataDir: string,
  settings: OutboxSettingsInput,
  values: Values,
  io: OutboxCommandIo,
  print: (key: string, params?: MessageParams) => unknown,
): Promise<number> {
  const to = required(values, 'to');
  const subject = required(values, 'subject');
  const text = await readTextFile(required(values, 'body-file'));
  const html = values['html-file'] === undefined ? undefined : await readTextFile(values['html-file']);

  const outbox = await Outbox.open({ dataDir, settings, logger: io.logger });
  const entry = await outbox.enqueue({ to, subject, text, html, chatId: values.chat });
  print('outbox.cli.queued', { id: entry.id, messageId: entry.messageId });
  return EXIT_OK;
}

function printStatus(outbox: Outbox, json: boolean, io: OutboxCommandIo): void {
  const entries = outbox.list();
  const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, entries.filter((entry) => entry.state === state).length]));

  if (json) {
    io.stdout.write(`${JSON.stringify({ counts, entries, problems: outbox.problems() }, null, 2)}\n`);
    return;
  }

  for (const problem of outbox.problems()) io.stderr.write(`${translate('es', problem.key, problem.params)}\n`);
  if (entries.length === 0) {
    io.stdout.write(`${translate('es', 'outbox.cli.empty')}\n`);
    return;
  }
  io.stdout.write(formatTable(entries));
  io.stdout.write(`${translate('es', 'outbox.cli.summary', counts)}\n`);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Formats the queue as a fixed-width table with Spanish headings, one message per line. */
export function formatTable(entries: OutboxEntry[]): string {
  const headings = ['id', 'state', 'attempts', 'to', 'subject', 'lastError'].map((column) => translate('es', `outbox.column.${column}`));
  const rows = entries.map((entry) => [
    entry.id,
    translate('es', `outbox.state.${entry.state}`),
    String(entry.attempts),
    entry.to,
    shorten(entry.subject, 40),
    entry.lastError ? shorten(translate('es', entry.lastError.key, entry.lastError.params), 80) : '',
  ]);

  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`;
  return [headings, ...rows].map(line).join('');
}
