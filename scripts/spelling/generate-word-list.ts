/**
 * Generates dist/spelling/es-words.txt, the spelling engine's word list. The words
 * come from the Hunspell dictionary of the dictionary-es package (Spanish, by
 * Santiago Bosio and the RLA-ES project, GPL-3.0 or LGPL-3.0 or MPL-1.1) and from
 * scripts/spelling/extra-words.dic. The frequency ranks come from the common-words
 * list of @zxcvbn-ts/language-es-es (an MIT package). That list holds the 39,799
 * most frequent words of the OpenSubtitles 2024 corpus of OPUS (Helsinki-NLP), under
 * ODC-BY, and the output's header carries its attribution.
 * The output is cached: it is rebuilt only when an input or this generator changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, openSync, readSync, closeSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { soundKey } from '../../shared/checker/spelling/key';
import { encodeWordList, HOST_MARK, type WordListGroup } from '../../shared/checker/spelling/word-list';
import { expandEntry, parseAffixFile, type AffixFile } from './hunspell-expand';

/** Conjugation flags of dictionary-es: their forms of a verb can host enclitic pronouns. */
const CONJUGATION_FLAGS = new Set(['R', 'E', 'I', 'X']);
const ENCLITIC_ENDING = /(?:me|te|se|nos|os|lo|la|le|los|las|les)$/;
const IRREGULAR_IMPERATIVES = new Set(['sal', 'haz', 'deshaz', 'rehaz', 'satisfaz']);
/** Irregular tú imperatives, alone or with a prefix ("pon", "compón", "mantén", "di"), which dictionary-es lists as plain words. */
const IRREGULAR_IMPERATIVE_WORD = /^(?:[a-zñ]*(?:pón|tén|vén)|pon|ten|ven|haz|deshaz|rehaz|satisfaz|sal|di|ve|da)$/;

/** The code that shapes the output; a change to any of them rebuilds the list. */
const GENERATOR_SOURCES = [
  'scripts/spelling/generate-word-list.ts',
  'scripts/spelling/hunspell-expand.ts',
  'shared/checker/spelling/key.ts',
  'shared/checker/spelling/word-list.ts',
];

export interface GeneratedWordList {
  path: string;
  /** True when the cached file was still current and nothing was written. */
  cached: boolean;
  words: number;
}

// dictionary-es exports no file paths, so its files are read from the package folder.
function packageFile(root: string, request: string): string {
  return join(root, 'node_modules', request);
}

/** Flags whose every rule appends enclitic pronouns ("SFX À 0 la r"); the checker handles those forms by rule. */
export function encliticFlags(affixes: AffixFile): Set<string> {
  const flags = new Set<string>();
  for (const affixClass of affixes.classes.values()) {
    if (affixClass.kind === 'SFX' && affixClass.rules.length > 0 && affixClass.rules.every((rule) => ENCLITIC_ENDING.test(rule.add) && rule.continuation === '')) {
      flags.add(affixClass.flag);
    }
  }
  return flags;
}

function isHostForm(word: string): boolean {
  return /(?:[aeiouáéíóú]|[nrd]|mos)$/.test(word) || IRREGULAR_IMPERATIVES.has(word);
}

/** Expands the dictionary into a map from each word to whether it hosts enclitic pronouns. */
export function expandDictionary(affText: string, dicLines: readonly string[]): Map<string, boolean> {
  const affixes = parseAffixFile(affText);
  const skip = encliticFlags(affixes);
  const words = new Map<string, boolean>();

  for (const line of dicLines) {
    const entry = line.trim();
    if (entry === '' || /^\d+$/.test(entry) || entry.startsWith('#')) continue;
    const slash = entry.indexOf('/');
    const stem = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? '' : entry.slice(slash + 1);
    const isVerb = /(?:ar|er|ir|ír)$/.test(stem) && [...flags].some((flag) => CONJUGATION_FLAGS.has(flag));
    // A stem the dictionary itself gives enclitic forms is a host too ("abstén" → "abstente").
    if ([...flags].some((flag) => skip.has(flag))) words.set(stem, true);

    for (const form of expandEntry(affixes, entry, skip)) {
      const host = isVerb && (form.suffixFlag === '' ? form.word === stem : CONJUGATION_FLAGS.has(form.suffixFlag)) && isHostForm(form.word);
      words.set(form.word, (words.get(form.word) ?? false) || host);
    }
  }
  for (const word of words.keys()) {
    if (IRREGULAR_IMPERATIVE_WORD.test(word)) words.set(word, true);
  }
  return words;
}

/** Groups words by sound key, sorted by key and then by word, as the word list stores them. */
export function groupBySoundKey(words: ReadonlyMap<string, boolean>): WordListGroup[] {
  const groups = new Map<string, string[]>();
  for (const [word, host] of words) {
    const key = soundKey(word);
    if (key === '') continue;
    const entry = host ? word + HOST_MARK : word;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, words: groups.get(key)!.sort() }));
}

function readHeaderHash(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const handle = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(2048);
    const length = readSync(handle, buffer, 0, buffer.length, 0);
    return /^#build (\w+)$/m.exec(buffer.toString('utf8', 0, length))?.[1];
  } finally {
    closeSync(handle);
  }
}

/** Reads the frequency list: a JSON array of lowercase words, most frequent first. */
export function parseRankedWords(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((word) => typeof word === 'string')) {
    throw new Error('The frequency list of @zxcvbn-ts/language-es-es is invalid: expected a JSON array of words. Reinstall the package with npm ci.');
  }
  return parsed as string[];
}

/** Writes the word list under root/dist/spelling unless the cached one was built from the same inputs. */
export function generateWordList(root: string): GeneratedWordList {
  const affPath = packageFile(root, 'dictionary-es/index.aff');
  const dicPath = packageFile(root, 'dictionary-es/index.dic');
  const ranksPath = packageFile(root, '@zxcvbn-ts/language-es-es/src/commonWords.json');
  const extraPath = join(root, 'scripts/spelling/extra-words.dic');
  const output = join(root, 'dist/spelling/es-words.txt');

  // The cache key covers every input and the generator's own code.
  const inputs = [affPath, dicPath, ranksPath, extraPath].map((path) => readFileSync(path, 'utf8'));
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input);
  for (const source of GENERATOR_SOURCES) hash.update(readFileSync(join(root, source)));
  const digest = hash.digest('hex').slice(0, 32);
  if (readHeaderHash(output) === digest) return { path: output, cached: true, words: 0 };

  const [affText, dicText, ranksText, extraText] = inputs as [string, string, string, string];
  const words = expandDictionary(affText, [...dicText.split('\n'), ...extraText.split('\n')]);
  const ranked = parseRankedWords(ranksText).filter((word) => words.has(word));

  const header = [
    'source dictionary-es 4.0.0 (Spanish Hunspell dictionary by Santiago Bosio and the RLA-ES project;',
    'source   license GPL-3.0 OR LGPL-3.0 OR MPL-1.1, used here under MPL-1.1), expanded by scripts/spelling,',
    'source   plus scripts/spelling/extra-words.dic.',
    'source ranks: @zxcvbn-ts/language-es-es 4.1.2 (MIT), common words derived from OpenSubtitles 2024',
    'source   via OPUS (https://opus.nlpl.eu/, Helsinki-NLP; ODC-BY; the original data is attributed to',
    'source   the subtitle contributors and rights holders).',
    `build ${digest}`,
  ];
  const text = encodeWordList(header, groupBySoundKey(words), ranked);

  mkdirSync(dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, output);
  return { path: output, cached: false, words: words.size };
}
