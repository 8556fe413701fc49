/**
 * Generates the knowledge base benchmarks' corpus: Spanish Markdown articles made
 * of the sample material's words and of invented words, drawn with a fixed seed so
 * that every run indexes the same text. About 250 words per article, with a
 * vocabulary of some 8,000 distinct words, like a large entity's material.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tokenize } from '../../shared/knowledge-base/analysis';

export interface CorpusArticle {
  path: string;
  title: string;
  text: string;
}

/** Mulberry32: a small seeded generator, so that the corpus is the same in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ca', 'de', 'mi', 'ro', 'sa', 'ten', 'lu', 'par', 'ción', 'es', 'tra', 'mo', 'ni', 'gue', 'ña', 'bri', 'to', 'al', 'ver', 'quí'];

/** Returns the words of the sample material plus invented ones, most frequent first. */
export function benchVocabulary(random: () => number, invented = 7_000): string[] {
  const folder = join(process.cwd(), 'kb-sample');
  const words = new Set<string>();
  for (const file of readdirSync(folder)) for (const word of tokenize(readFileSync(join(folder, file), 'utf8'))) words.add(word.toLowerCase());
  while (words.size < 1_000 + invented) {
    const length = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }

  // Shuffled, so that the frequent ranks go to words at random rather than to the first sample file's.
  const shuffled = [...words];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}

/**
 * Picks a word with a Zipf-like skew, so that a few words are frequent and most are
 * rare: the most frequent word of 8,000 is about 1 % of the text, like a frequent
 * content word of Spanish once stop words are left out.
 */
function pickWord(vocabulary: readonly string[], random: () => number): string {
  return vocabulary[Math.floor(vocabulary.length * random() ** 1.8)]!;
}

export function generateArticles(count: number, seed = 20_261_204): { articles: CorpusArticle[]; vocabulary: string[] } {
  const random = seededRandom(seed);
  const vocabulary = benchVocabulary(random);
  const articles: CorpusArticle[] = [];
  for (let index = 0; index < count; index++) {
    const title = Array.from({ length: 4 }, () => pickWord(vocabulary, random)).join(' ');
    const paragraphs = Array.from({ length: 5 }, () => `${Array.from({ length: 50 }, () => pickWord(vocabulary, random)).join(' ')}.`);
    articles.push({ path: `seccion-${index % 20}/articulo-${index}.md`, title, text: paragraphs.join('\n\n') });
  }
  return { articles, vocabulary };
}

/** Writes the articles as Markdown files with front matter under `folder`. */
export async function writeCorpus(folder: string, articles: readonly CorpusArticle[]): Promise<void> {
  for (let section = 0; section < 20; section++) await mkdir(join(folder, `seccion-${section}`), { recursive: true });
  const updated = '2026-06-01';
  for (let start = 0; start < articles.length; start += 200) {
    await Promise.all(
      articles.slice(start, start + 200).map((article) => writeFile(join(folder, article.path), `---\ntitle: ${article.title}\nupdated: ${updated}\n---\n\n${article.text}\n`)),
    );
  }
}

/** Returns citizen-style queries: one to four words of the corpus, some with a typo, some cut short as while typing. */
export function generateQueries(vocabulary: readonly string[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const queries: string[] = [];
  for (let index = 0; index < count; index++) {
    const words = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pickWord(vocabulary, random));
    const last = words.length - 1;
    if (random() < 0.3 && words[last]!.length > 5) words[last] = words[last]!.slice(0, 4);
    if (random() < 0.3) {
      const word = words[0]!;
      const at = Math.floor(random() * word.length);
      words[0] = `${word.slice(0, at)}${word[at + 1] ?? ''}${word[at] ?? ''}${word.slice(at + 2)}`;
    }
    queries.push(words.join(' '));
  }
  return queries;
}
