/**
 * `atiende kb index CARPETA` and `atiende kb search CARPETA "consulta" [--json]`:
 * indexes a folder of institutional material, or searches it, with the same worker
 * and persisted index as the workstation (under <data>/knowledge-base/). Exit codes:
 * 0 done (also a search without results), 1 the index could not be built, 2 bad
 * arguments or a missing folder.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../shared/api/result';
import { translate, type MessageParams } from '../../shared/i18n/catalog';
import type { KbSearchResult, KbStatus } from '../../shared/knowledge-base/model';
import type { Logger } from '../../shared/log/logger';
import { parseCommandArgs, UsageError } from '../cli/args';
import { defaultDataDir } from '../cli/data-dir';
import { openKnowledgeBase } from './knowledge-base';

export interface KnowledgeBaseCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  logger: Logger;
}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_BAD_INPUT = 2;
const DEFAULT_LIMIT = 10;

const es = (key: string, params: MessageParams = {}) => translate('es', key, params);

/** Runs the kb command; argv is what follows "kb" on the command line. */
export async function runKnowledgeBaseCommand(argv: string[], io: KnowledgeBaseCommandIo): Promise<number> {
  const args = argv[0] === 'kb' ? argv.slice(1) : argv;
  let request: ReturnType<typeof parseRequest>;
  try {
    request = parseRequest(args);
    await requireFolder(request.folder);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT_BAD_INPUT;
  }

  const knowledgeBase = await openKnowledgeBase({ dataDir: request.dataDir, folder: request.folder, logger: io.logger, watch: false });
  try {
    const status = await knowledgeBase.refresh();
    if (status.state === 'failed') {
      io.stderr.write(`${es(status.failure ?? 'kb.error.folderUnreadable', { folder: status.folder })}\n`);
      return EXIT_BAD_INPUT;
    }
    for (const problem of status.problems) io.stderr.write(`${es('kb.problems.line', { path: problem.path, reason: es(problem.key, problem.params) })}\n`);

    if (request.action === 'index') {
      io.stdout.write(`${es('kb.cli.indexed', { articles: status.articles, folder: status.folder, problems: status.problemCount })}\n`);
      return EXIT_OK;
    }
    printResults(await knowledgeBase.search(request.query, request.limit), request, status, io);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    io.stderr.write(`${es(error.code, error.params)}\n`);
    return EXIT_FAILED;
  } finally {
    await knowledgeBase.close();
  }
}

type Request = { folder: string; dataDir: string; limit: number; json: boolean } & ({ action: 'index' } | { action: 'search'; query: string });

function parseRequest(args: string[]): Request {
  const usage = es('kb.cli.usage');
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } }, usage);
  const [action, folder, query, ...extra] = positionals;
  const common = { folder: resolve(folder ?? ''), dataDir: values.data ?? defaultDataDir(), limit: parseLimit(values.limit), json: values.json === true };

  if (action === 'index' && folder !== undefined && query === undefined) return { ...common, action };
  if (action === 'search' && folder !== undefined && query !== undefined && query.trim() !== '' && extra.length === 0) return { ...common, action, query };
  const unexpected = action !== 'index' && action !== 'search' ? (action ?? '(ninguno)') : (extra[0] ?? (action === 'index' ? query : undefined));
  throw new UsageError(unexpected ? `Argumento no reconocido: «${unexpected}».\n${usage}` : `Faltan argumentos.\n${usage}`);
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 50) throw new UsageError(es('kb.cli.badLimit', { value }));
  return limit;
}

async function requireFolder(folder: string): Promise<void> {
  try {
    if ((await stat(folder)).isDirectory()) return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The folder came from the command line, not from the settings, so the message points at the command.
    throw new UsageError(es(code === 'ENOENT' ? 'kb.cli.folderMissing' : 'kb.error.folderUnreadable', { folder }));
  }
  throw new UsageError(es('kb.error.notAFolder', { folder }));
}

/** Marks the snippet's matched words with [brackets], for a terminal without colours. */
function markSnippet(result: KbSearchResult): string {
  let text = '';
  let cursor = 0;
  for (const { start, end } of result.snippet.highlights) {
    text += `${result.snippet.text.slice(cursor, start)}[${result.snippet.text.slice(start, end)}]`;
    cursor = end;
  }
  return text + result.snippet.text.slice(cursor);
}

function printResults(results: KbSearchResult[], request: Request & { action: 'search' }, status: KbStatus, io: KnowledgeBaseCommandIo): void {
  if (request.json) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  if (results.length === 0) {
    io.stdout.write(`${es('kb.cli.noResults', { query: request.query })}\n`);
    return;
  }
  results.forEach((result, index) => {
    const date = result.updatedAt === null ? es('kb.article.noDate') : new Date(result.updatedAt).toISOString().slice(0, 10);
    const stale = result.stale ? ` (${es('kb.cli.staleMark')})` : '';
    io.stdout.write(`${index + 1}. ${result.title}${stale}\n   ${result.path} · ${date} · ${result.score.toFixed(2)}\n   ${markSnippet(result)}\n`);
  });
  io.logger.info({ folder: status.folder, results: results.length }, 'knowledge base searched from the command line');
}
