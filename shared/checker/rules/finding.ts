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
