/**
 * Capitalization, punctuation, opening question marks and repeated words: what
 * the protocol's pre-send review calls mayúsculas and puntuación.
 */
import type { Finding } from '../options';
import type { SpellingEngine } from '../spelling/engine';
import { insideSpans, type AnalyzedText, type Paragraph, type Span } from '../text';
import { makeFinding } from './finding';

const OPENING = /[¿¡"“«'(\[\s-]/u;
const LIST_ITEM = /^\s*(?:\d+[.)]|[a-zA-Z][.)]|[-–•*])\s/u;
const INTERROGATIVE_START = /^(?:(?:a|de|en|para|por|con|desde|hasta|hacia)\s+)?(?:qu[eé]|c[oó]mo|cu[aá]l(?:es)?|qui[eé]n(?:es)?|d[oó]nde|ad[oó]nde|cu[aá]ndo|cu[aá]nt[oa]s?)(?!\p{L})/iu;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function checkSentenceStarts(analyzed: AnalyzedText, findings: Finding[]): void {
  const { text } = analyzed;
  for (const paragraph of analyzed.paragraphs) {
    const listItem = LIST_ITEM.exec(paragraph.text);
    for (const [position, sentence] of paragraph.sentences.entries()) {
      let index = sentence.start;
      if (position === 0 && listItem) index += listItem[0].length;
      while (index < sentence.end && OPENING.test(text[index]!)) index += 1;
      const word = sentence.words.find((candidate) => candidate.start === index);
      if (!word || !/\p{Ll}/u.test(word.text[0]!)) continue;
      findings.push(makeFinding(text, 'capitalization', word.start, word.end, 'checker.capitalization.sentenceStart', { word: word.text }, [{ replacement: capitalize(word.text) }]));
    }
  }
}

function isCapitals(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}

/**
 * Words in capitals whose lowercase form is an ordinary word: "URGENTE", not "DIAN".
 * Words of up to four letters count as acronyms even when they are also words
 * ("SENA", "CAR"), unless they stand in a run of capitals ("NO OLVIDE").
 */
function checkShouting(analyzed: AnalyzedText, spelling: SpellingEngine | undefined, allowed: ReadonlySet<string>, findings: Finding[]): void {
  if (!spelling) return;
  const { text } = analyzed;
  for (const sentence of analyzed.sentences) {
    // Runs of shouted words separated by spaces become one finding: "NO OLVIDE TRAER".
    const runs: Span[][] = [];
    for (const [index, word] of sentence.words.entries()) {
      if (!isCapitals(word.text)) continue;
      const inRun = [sentence.words[index - 1], sentence.words[index + 1]].some((neighbor) => neighbor !== undefined && neighbor.text.length >= 2 && isCapitals(neighbor.text));
      if (word.text.length <= 4 && !inRun) continue;
      const lower = word.text.toLowerCase();
      if (allowed.has(lower) || !spelling.isCorrect(lower)) continue;

      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (run && last && /^\s+$/.test(text.slice(last.end, word.start))) run.push(word);
      else runs.push([word]);
    }

    for (const run of runs) {
      const start = run[0]!.start;
      const end = run[run.length - 1]!.end;
      const lower = text.slice(start, end).toLowerCase();
      const replacement = run[0] === sentence.words[0] ? capitalize(lower) : lower;
      findings.push(makeFinding(text, 'capitalization', start, end, 'checker.capitalization.capitals', { word: text.slice(start, end) }, [{ replacement }]));
    }
  }
}

const CLOSING_MARKS = /[.?!…:]/;
const CLOSING_QUOTES = /[)\]»”"'’]/;

/**
 * Flags a paragraph whose last sentence lacks its closing mark. The finding covers the
 * last token (a word, a number, a URL, an email, or a quote with its closing mark), so the
 * fix puts the period right after it: "a 5" becomes "a 5.", "«Solicitud»" becomes "«Solicitud».".
 * Emoji, faces and symbols after it do not count; an exclamation mark closes the sentence.
 */
function checkFinalPeriod(analyzed: AnalyzedText, paragraph: Paragraph, characterSpans: readonly Span[], findings: Finding[]): void {
  const { text } = analyzed;
  if (LIST_ITEM.test(paragraph.text)) return;

  // Step back over spaces and the characters the character rules flagged, to the last character of the prose.
  let end = paragraph.end;
  while (end > paragraph.start && text[end - 1] !== '!' && (/\s/.test(text[end - 1]!) || insideSpans(characterSpans, end - 1))) end -= 1;
  if (end === paragraph.start) return;
  if (CLOSING_MARKS.test(text[end - 1]!)) return;

  // A closing quote or bracket after the sentence's own mark is closed too: «¿Le sirve?».
  let inner = end;
  while (inner > paragraph.start && CLOSING_QUOTES.test(text[inner - 1]!)) inner -= 1;
  if (inner < end && inner > paragraph.start && CLOSING_MARKS.test(text[inner - 1]!)) return;

  let start = end;
  while (start > paragraph.start && !/\s/.test(text[start - 1]!) && !insideSpans(characterSpans, start - 1)) start -= 1;
  const token = text.slice(start, end);
  if (!/[\p{L}\p{N}]/u.test(text.slice(paragraph.start, end))) return;
  // A trailing comma or semicolon becomes the period: "Gracias," becomes "Gracias.".
  const replacement = `${token.replace(/[,;]+$/u, '')}.`;
  findings.push(makeFinding(text, 'punctuation', start, end, 'checker.punctuation.finalPeriod', {}, [{ replacement }]));
}

function checkMarks(analyzed: AnalyzedText, flaggedSpans: readonly Span[], findings: Finding[]): void {
  const { text } = analyzed;
  const patterns: Array<{ pattern: RegExp; messageKey: 'checker.punctuation.spaceBefore' | 'checker.punctuation.repeated' | 'checker.punctuation.doubleSpace'; replacement: (match: string) => string }> = [
    { pattern: /(?<=\S)[ \t]+(?=[,.;:?!…)\]»”])/gu, messageKey: 'checker.punctuation.spaceBefore', replacement: () => '' },
    { pattern: /,{2,}|;{2,}|:{2,}|\?{2,}|¿{2,}|(?<!\.)\.\.(?!\.)|\.{4,}/gu, messageKey: 'checker.punctuation.repeated', replacement: (match) => (match[0] === '.' && match.length > 3 ? '...' : match[0]!) },
    { pattern: /(?<=\S) {2,}(?=\S)/gu, messageKey: 'checker.punctuation.doubleSpace', replacement: () => ' ' },
  ];

  for (const { pattern, messageKey, replacement } of patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // The mark right after a space may begin an emoticon or sit in a URL; those are not punctuation.
      if (insideSpans(flaggedSpans, start, end + (messageKey === 'checker.punctuation.spaceBefore' ? 1 : 0))) continue;
      findings.push(makeFinding(text, 'punctuation', start, end, messageKey, {}, [{ replacement: replacement(match[0]) }]));
    }
  }
}

function checkOpeningQuestionMarks(analyzed: AnalyzedText, findings: Finding[]): void {
  const { text, verbatim } = analyzed;
  for (const sentence of analyzed.sentences) {
    let segmentStart = sentence.start;
    for (let index = sentence.start; index < sentence.end; index += 1) {
      if (text[index] !== '?' || insideSpans(verbatim, index)) continue;
      const segment = text.slice(segmentStart, index);
      if (!segment.includes('¿') && segment.trim() !== '') {
        // The question starts after the last comma or colon when that clause opens with an interrogative word.
        let start = segmentStart;
        const clause = /[,;:]\s*([^,;:]*)$/u.exec(segment);
        if (clause && INTERROGATIVE_START.test(clause[1]!)) start = segmentStart + clause.index + clause[0].length - clause[1]!.length;
        while (start < index && OPENING.test(text[start]!) && text[start] !== '¿') start += 1;
        findings.push(makeFinding(text, 'opening-question-mark', start, index + 1, 'checker.openingQuestionMark', {}, [{ replacement: `¿${text.slice(start, index + 1)}` }]));
      }
      segmentStart = index + 1;
    }
  }
}

function checkRepeatedWords(analyzed: AnalyzedText, findings: Finding[]): void {
  const { text } = analyzed;
  for (const sentence of analyzed.sentences) {
    for (let index = 1; index < sentence.words.length; index += 1) {
      const previous = sentence.words[index - 1]!;
      const word = sentence.words[index]!;
      if (previous.text.toLowerCase() !== word.text.toLowerCase()) continue;
      if (!/^\s+$/.test(text.slice(previous.end, word.start))) continue;
      findings.push(makeFinding(text, 'repeated-word', previous.end, word.end, 'checker.repeatedWord', { word: word.text }, [{ replacement: '' }]));
    }
  }
}

export function checkStyle(analyzed: AnalyzedText, spelling: SpellingEngine | undefined, allowedWords: ReadonlySet<string>, flaggedSpans: readonly Span[]): Finding[] {
  const findings: Finding[] = [];
  checkSentenceStarts(analyzed, findings);
  checkShouting(analyzed, spelling, allowedWords, findings);
  // Emails and URLs are content that a sentence may end with; only the character rules' spans are skipped.
  const characterSpans = flaggedSpans.filter((span) => !analyzed.verbatim.includes(span as Span));
  for (const paragraph of analyzed.paragraphs) checkFinalPeriod(analyzed, paragraph, characterSpans, findings);
  checkMarks(analyzed, flaggedSpans, findings);
  checkOpeningQuestionMarks(analyzed, findings);
  checkRepeatedWords(analyzed, findings);
  return findings;
}
