/** The spelling rule: words the dictionary does not know, and accents the sentence decides. */
import type { Finding, Fix, MessageKey } from '../options';
import type { SpellingEngine } from '../spelling/engine';
import { insideSpans, isAbbreviation, type AnalyzedText, type Span } from '../text';
import { checkDiacritics } from './diacritics';
import { makeFinding } from './finding';

/** Returns whether a word is an acronym: two or more letters, all capitals ("DIAN", "PQRS", "EE"). */
function isAcronym(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** Checks the words of a reply; words inside `flaggedSpans` spans (faces such as "xD") are not words. */
export function checkSpelling(analyzed: AnalyzedText, spelling: SpellingEngine | undefined, allowedWords: ReadonlySet<string>, flaggedSpans: readonly Span[]): Finding[] {
  const { text } = analyzed;
  const allowed = (word: Span): boolean =>
    allowedWords.has(word.text.toLowerCase()) || isAcronym(word.text) || isAbbreviation(text, word) || insideSpans(flaggedSpans, word.start, word.end);
  const findings: Finding[] = [];
  const flagged = new Set<number>();

  if (spelling) {
    for (const word of analyzed.words) {
      if (allowed(word)) continue;
      const verdict = spelling.check(word.text);
      if (verdict.correct) continue;

      const suggestions = spelling.suggest(word.text);
      if (verdict.expected && !suggestions.includes(verdict.expected)) suggestions.unshift(verdict.expected);
      const fixes: Fix[] = suggestions.map((replacement) => ({ replacement }));
      let messageKey: MessageKey = 'checker.spelling.unknownNoSuggestion';
      if (verdict.expected) messageKey = 'checker.spelling.accent';
      else if (suggestions.length > 0) messageKey = 'checker.spelling.unknown';
      findings.push(makeFinding(text, 'spelling', word.start, word.end, messageKey, { word: word.text, expected: suggestions[0] ?? '' }, fixes));
      flagged.add(word.start);
    }
  }

  // A word already flagged by the dictionary gets no second finding.
  findings.push(...checkDiacritics(analyzed, (word) => flagged.has(word.start) || allowed(word)));
  return findings;
}
