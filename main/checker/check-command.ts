/**
 * `atiende check FILE...` (and `npm run check -- FILE...`): checks plain-text files
 * as chat replies and prints one JSON line per finding:
 *   {"file","rule","start","end","text","message"}
 * with start and end as UTF-16 offsets and the message in Spanish. Exit codes:
 * 0 when every file is clean, 1 when there are findings, 2 on bad input (no file,
 * a missing, unreadable or non-UTF-8 file, or a missing word list). Findings of the
 * readable files are printed even when another file is bad.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkReply, renderFinding } from '../../shared/checker/check';
import { SpellingEngine } from '../../shared/checker/spelling/engine';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n/catalog';

export interface CheckCommandIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export interface CheckCommandOptions {
  /** Path of the word list; by default dist/spelling/es-words.txt of this installation. */
  wordListPath?: string;
}

/** Returns the word list's path: beside the bundled command line (dist/node → dist/spelling), or under dist/ from the sources. */
export function defaultWordListPath(): string {
  const candidates = [new URL('../spelling/es-words.txt', import.meta.url), new URL('../../dist/spelling/es-words.txt', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((path) => existsSync(path)) ?? candidates[candidates.length - 1]!;
}

const engines = new Map<string, Promise<SpellingEngine>>();

/** Loads the spelling engine once per word list and process. */
export function loadSpellingEngine(path: string): Promise<SpellingEngine> {
  let engine = engines.get(path);
  if (!engine) {
    engine = readFile(path, 'utf8').then((text) => SpellingEngine.fromText(text));
    engine.catch(() => engines.delete(path));
    engines.set(path, engine);
  }
  return engine;
}

class InputError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams,
  ) {
    super(key);
  }
}

/** Reads a file as UTF-8 text, turning every expected failure into an InputError with a Spanish message. */
async function readReply(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('check.fileNotFound', { file });
    if (code === 'EISDIR') throw new InputError('check.notAFile', { file });
    throw new InputError('check.fileUnreadable', { file, reason: code ?? String(error) });
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw new InputError('check.notUtf8', { file });
  }
}

export async function runCheckCommand(argv: string[], io: CheckCommandIo, options: CheckCommandOptions = {}): Promise<number> {
  const files = argv.filter((arg) => arg !== '--');
  if (files.length === 0) {
    io.stderr.write(`${translate('es', 'check.usage')}\n`);
    return 2;
  }

  const wordListPath = options.wordListPath ?? defaultWordListPath();
  let spelling: SpellingEngine;
  try {
    spelling = await loadSpellingEngine(wordListPath);
  } catch {
    io.stderr.write(`${translate('es', 'check.wordListMissing', { file: wordListPath })}\n`);
    return 2;
  }

  let badInput = false;
  let findingCount = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readReply(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr.write(`${translate('es', error.key, error.params)}\n`);
      badInput = true;
      continue;
    }

    for (const finding of checkReply(text, { spelling })) {
      const { rule, start, end } = finding;
      io.stdout.write(`${JSON.stringify({ file, rule, start, end, text: finding.text, message: renderFinding(finding) })}\n`);
      findingCount += 1;
    }
  }

  if (badInput) return 2;
  return findingCount > 0 ? 1 : 0;
}
