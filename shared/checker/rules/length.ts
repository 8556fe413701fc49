/**
 * Length rules: the protocol asks for short sentences, long answers divided into
 * paragraphs, and an email instead of a chat message when the answer is too long.
 */
import type { CheckOptions, Finding } from '../options';
import type { AnalyzedText, Paragraph } from '../text';
import { makeFinding } from './finding';

function wordCount(paragraph: Paragraph): number {
  return paragraph.sentences.reduce((total, sentence) => total + sentence.words.length, 0);
}

/**
 * Returns the paragraph with a blank line at the sentence boundary that best
 * halves its words, as the suggested split.
 */
function splitAtMiddle(text: string, paragraph: Paragraph): string | undefined {
  const total = wordCount(paragraph);
  let before = 0;
  let best: { offset: number; imbalance: number } | undefined;
  for (const sentence of paragraph.sentences.slice(0, -1)) {
    before += sentence.words.length;
    const imbalance = Math.abs(total - 2 * before);
    if (!best || imbalance < best.imbalance) best = { offset: sentence.end, imbalance };
  }
  if (!best) return undefined;
  const head = text.slice(paragraph.start, best.offset);
  const tail = text.slice(best.offset, paragraph.end).trimStart();
  return `${head}\n\n${tail}`;
}

export function checkLength(analyzed: AnalyzedText, options: CheckOptions): Finding[] {
  const { text } = analyzed;
  const findings: Finding[] = [];

  for (const sentence of analyzed.sentences) {
    if (sentence.words.length > options.maxSentenceWords) {
      findings.push(makeFinding(text, 'sentence-length', sentence.start, sentence.end, 'checker.sentenceLength', { words: sentence.words.length, max: options.maxSentenceWords }));
    }
  }

  for (const paragraph of analyzed.paragraphs) {
    const words = wordCount(paragraph);
    const sentences = paragraph.sentences.length;
    if (sentences <= options.maxParagraphSentences && words <= options.maxParagraphWords) continue;
    const split = splitAtMiddle(text, paragraph);
    const fixes = split === undefined ? undefined : [{ replacement: split, labelKey: 'checker.fix.splitParagraph' as const }];
    findings.push(makeFinding(text, 'paragraph-length', paragraph.start, paragraph.end, 'checker.paragraphLength', { sentences, words, maxSentences: options.maxParagraphSentences, maxWords: options.maxParagraphWords }, fixes));
  }

  const replyWords = analyzed.words.length;
  if (replyWords > options.maxReplyWords) {
    const start = analyzed.paragraphs[0]?.start ?? 0;
    const end = analyzed.paragraphs[analyzed.paragraphs.length - 1]?.end ?? text.length;
    findings.push(makeFinding(text, 'reply-length', start, end, 'checker.replyLength', { words: replyWords, max: options.maxReplyWords }));
  }
  return findings;
}
