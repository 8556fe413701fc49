/** Builds findings with the fields every rule fills the same way. */
import { severityOf, type Finding, type Fix, type MessageKey, type MessageParams, type RuleId } from '../options';

export function makeFinding(
  text: string,
  rule: RuleId,
  start: number,
  end: number,
  messageKey: MessageKey,
  params: MessageParams = {},
  fixes?: Fix[],
): Finding {
  const finding: Finding = { rule, severity: severityOf(rule), start, end, text: text.slice(start, end), messageKey, params };
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}

/**
 * Builds the fix that deletes [start, end) of text. When the token sits between two
 * spaces, or between a space and the start or end of a line or a closing mark, one of
 * those spaces goes with it, so "Marta 😊 el" becomes "Marta el" and not "Marta  el".
 */
export function removalFix(text: string, start: number, end: number, labelKey: MessageKey = 'checker.fix.remove'): Fix {
  const spaceBefore = start > 0 && text[start - 1] === ' ';
  const spaceAfter = end < text.length && text[end] === ' ';
  const lineStart = start === 0 || text[start - 1] === '\n';
  // A line end or a closing mark after the token takes no space before it: "ayudo 😊." becomes "ayudo.".
  const lineEnd = end === text.length || /[\n,.;:?!…)\]»”]/u.test(text[end]!);
  let from = start;
  let to = end;
  if (spaceAfter && (spaceBefore || lineStart)) to += 1;
  else if (spaceBefore && lineEnd) from -= 1;
  const fix: Fix = { replacement: '', labelKey };
  if (from !== start || to !== end) fix.range = { start: from, end: to, text: text.slice(from, to) };
  return fix;
}
