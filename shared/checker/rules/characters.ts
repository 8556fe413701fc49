/**
 * Characters a formal chat reply avoids: emoji, text faces (emoticons),
 * decorative or informal symbols, and exclamation marks. What a formal reply
 * needs stays allowed: currency amounts, percentages, numbering, dates and times,
 * email addresses and URLs.
 */
import type { Finding } from '../options';
import { insideSpans, type AnalyzedText, type Span } from '../text';
import { makeFinding, removalFix } from './finding';

/** An emoji with its modifiers, or a flag. ©, ® and ™ are symbols, not emoji, even though Unicode lists them as pictographs. */
const EMOJI =
  /\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|(?![©®™])\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*/gu;

/**
 * Text faces: eyes (: ; =), an optional nose, and a mouth; "xD", "<3" and a few
 * more. A face neither follows nor precedes a letter or digit, so "8:30" and
 * "Nota:" stay out.
 */
const EMOTICON =
  /(?<![\p{L}\p{N}])(?:[:;=][-'^o]?[)(\][DdPpOo3/\\|*$@]+|\)+[-']?[:;=]|[xX][dD]+|<3+|\^_*\^|[oO0]_[oO0]|[-¬]_[-¬]|[Tt]_[Tt]|:'\(|:v)(?![\p{L}\p{N}])/gu;

const EXCLAMATION = /[¡!]+/gu;

/** A symbol character: Unicode symbols, and the informal ASCII marks. */
const SYMBOL = /[\p{S}*#&@\\•·¶†‡※‰_~|]/gu;

/** True when the symbol at index is part of what a formal reply needs. */
function isAllowedSymbol(text: string, index: number): boolean {
  const char = text[index]!;
  const before = text.slice(Math.max(0, index - 3), index);
  const after = text.slice(index + 1, index + 4);

  // Currency before or after an amount: "$ 50.000", "US$20", "20 €", "COP $".
  if (/\p{Sc}/u.test(char)) return /^\s?\d/.test(after) || /\d\s?$/.test(before);
  // Phone numbers and signs on amounts: "+57 601 ...".
  if (char === '+' || char === '±') return /^\s?\d/.test(after);
  // Numbering: "#3", "N° 5", "1.°", "20 °C".
  if (char === '#') return /^\s?\d/.test(after);
  if (char === '°') return /[\dNn.]\s?$/.test(before) || /^\s?\d/.test(after);
  // Comparisons and products between numbers: "3 × 2", "x = 5".
  if (char === '=' || char === '<' || char === '>' || char === '×' || char === '÷') return /\d\s?$/.test(before) && /^\s?\d/.test(after);
  return false;
}

function outside(spans: readonly Span[], match: RegExpMatchArray): boolean {
  return !insideSpans(spans, match.index!, match.index! + match[0].length);
}

export function checkCharacters(analyzed: AnalyzedText): Finding[] {
  const { text, verbatim } = analyzed;
  const findings: Finding[] = [];
  const flaggedSpans: Span[] = [...verbatim];

  for (const match of text.matchAll(EMOJI)) {
    if (!outside(verbatim, match)) continue;
    const start = match.index;
    const end = start + match[0].length;
    findings.push(makeFinding(text, 'emoji', start, end, 'checker.emoji', {}, [removalFix(text, start, end)]));
    flaggedSpans.push({ start, end, text: match[0] });
  }

  for (const match of text.matchAll(EMOTICON)) {
    if (!outside(flaggedSpans, match)) continue;
    const start = match.index;
    const end = start + match[0].length;
    findings.push(makeFinding(text, 'emoticon', start, end, 'checker.emoticon', { face: match[0] }, [removalFix(text, start, end)]));
    flaggedSpans.push({ start, end, text: match[0] });
  }

  for (const match of text.matchAll(EXCLAMATION)) {
    if (!outside(flaggedSpans, match)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const fix = match[0].includes('!') ? { replacement: '.', labelKey: 'checker.fix.period' as const } : removalFix(text, start, end);
    findings.push(makeFinding(text, 'exclamation', start, end, 'checker.exclamation', {}, [fix]));
    flaggedSpans.push({ start, end, text: match[0] });
  }

  for (const match of text.matchAll(SYMBOL)) {
    if (!outside(flaggedSpans, match) || isAllowedSymbol(text, match.index)) continue;
    const start = match.index;
    const end = start + match[0].length;
    findings.push(makeFinding(text, 'symbol', start, end, 'checker.symbol', { symbol: match[0] }, [removalFix(text, start, end)]));
  }

  return findings;
}
