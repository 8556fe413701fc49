/**
 * The reply checker: runs every rule on an agent's reply and returns the
 * findings sorted by position. Pure code, so it runs in Node for the `check`
 * command and in a Web Worker for the live composer.
 */
import { translate, type Locale } from '../i18n/catalog';
import { DEFAULT_CHECK_OPTIONS, REVIEW_GROUPS, RULE_GROUPS, type CheckOptions, type Finding, type ReviewGroup } from './options';
import { checkCharacters } from './rules/characters';
import { checkLength } from './rules/length';
import { checkQuestions } from './rules/questions';
import { checkSpelling } from './rules/spelling';
import { checkStyle } from './rules/style';
import { analyzeText, type Span } from './text';

/** Words the checker accepts as written: the entity's words and each part of the chat's names, lowercased. */
function allowedWords(options: CheckOptions): Set<string> {
  const words = new Set<string>();
  for (const entry of [...options.entityWords, ...options.names]) {
    for (const match of entry.toLowerCase().matchAll(/[\p{L}\p{M}]+/gu)) words.add(match[0]);
  }
  return words;
}

/** Checks one reply; options not given take the defaults. */
export function checkReply(text: string, options: Partial<CheckOptions> = {}): Finding[] {
  const settings: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, ...options };
  const analyzed = analyzeText(text);
  const allowed = allowedWords(settings);

  const characterFindings = checkCharacters(analyzed);
  // Punctuation rules skip what the character rules already flagged (":)" is a face, not a colon).
  const flaggedSpans: Span[] = [...analyzed.verbatim, ...characterFindings];

  const findings = [
    ...checkSpelling(analyzed, settings.spelling, allowed, flaggedSpans),
    ...characterFindings,
    ...checkStyle(analyzed, settings.spelling, allowed, flaggedSpans),
    ...checkLength(analyzed, settings),
    ...checkQuestions(text, settings),
  ];
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}

/** Returns the finding's message in the locale, Spanish by default. */
export function renderFinding(finding: Finding, locale: Locale = 'es'): string {
  return translate(locale, finding.messageKey, finding.params);
}

/** Sorts findings into the pre-send review's groups, in the protocol's order; groups without findings are left out. */
export function groupFindings(findings: readonly Finding[]): Array<{ group: ReviewGroup; labelKey: `checker.group.${ReviewGroup}`; findings: Finding[] }> {
  return REVIEW_GROUPS.map((group) => ({
    group,
    labelKey: `checker.group.${group}` as const,
    findings: findings.filter((finding) => RULE_GROUPS[finding.rule] === group),
  })).filter((entry) => entry.findings.length > 0);
}
