/**
 * Turns a passage selected in an article into plain reply text, toward the chat
 * protocol's rules: no emoji or symbols, no exclamation marks, no Markdown, and
 * paragraphs no longer than the reply checker allows.
 */
import { DEFAULT_CHECK_OPTIONS } from '../checker/options';

/** Ends a heading or list item with a period when it has no final punctuation, so it stays a sentence of its own. */
export function endAsSentence(line: string): string {
  return /[.?:;,…]$/.test(line.trimEnd()) ? line : `${line.trimEnd()}.`;
}

const asSentence = (_match: string, line: string) => endAsSentence(line);

/**
 * Removes Markdown syntax, keeping the words: headings, emphasis, links, lists,
 * quotes, code and tables. With `endLines`, headings and list items also get a final
 * period, so that each stays a sentence once the lines are joined.
 */
export function stripMarkdown(text: string, { endLines = false }: { endLines?: boolean } = {}): string {
  const lineEnd = endLines ? asSentence : (_match: string, line: string) => line;
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*)$/gm, lineEnd)
    .replace(/^[ \t]{0,3}>\s?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(.*)$/gm, lineEnd)
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}.*$/gm, '')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/(\*\*|__|\*|_|`{1,3}|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/[*_`~#]/g, '');
}

/** Removes emoji (with their joiners and variation selectors) and decorative symbols. */
function stripSymbols(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\u200d\ufe0f\u20e3]/gu, '')
    .replace(/[\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff]/gu, '')
    .replace(/[•·►▪■□◆◇○●]/g, '');
}

/** Replaces exclamations with a plain sentence end: "¡Recuerde traer el documento!" → "Recuerde traer el documento." */
function stripExclamations(text: string): string {
  return text
    .replace(/¡/g, '')
    .replace(/!+(?=\s*[.?])/g, '')
    .replace(/(?<=[.?])!+/g, '')
    .replace(/!+/g, '.');
}

/** Splits a paragraph into sentences after ".", "?" or ":" followed by a space. */
function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.?:])\s+(?=\S)/).filter((sentence) => sentence.length > 0);
}

/** Groups the sentences of a paragraph into paragraphs within the reply checker's sentence and word limits. */
function shortenParagraph(paragraph: string): string[] {
  const { maxParagraphSentences, maxParagraphWords } = DEFAULT_CHECK_OPTIONS;
  const groups: string[][] = [];
  let current: string[] = [];
  let words = 0;

  for (const sentence of sentencesOf(paragraph)) {
    const sentenceWords = sentence.split(/\s+/).length;
    if (current.length > 0 && (current.length >= maxParagraphSentences || words + sentenceWords > maxParagraphWords)) {
      groups.push(current);
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += sentenceWords;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => group.join(' '));
}

/** Returns the passage as plain reply text; an empty string when nothing but symbols was selected. */
export function cleanPassage(passage: string): string {
  const plain = stripExclamations(stripSymbols(stripMarkdown(passage.replace(/\r\n?/g, '\n'), { endLines: true })));

  const paragraphs = plain
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').replace(/\s+([.,;:?])/g, '$1').trim())
    .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph));

  return paragraphs.flatMap(shortenParagraph).join('\n\n');
}
