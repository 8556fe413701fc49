/** The composer's text cut into plain and flagged segments, for the findings layer. */
import type { Finding } from '../../shared/checker/index';

export interface TextSegment {
  text: string;
  finding: Finding | null;
}

/** Splits text into plain and flagged segments; where findings overlap, the one that starts first wins. */
export function segmentsOf(text: string, findings: readonly Finding[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < cursor || finding.end > text.length || finding.end <= finding.start) continue;
    if (finding.start > cursor) segments.push({ text: text.slice(cursor, finding.start), finding: null });
    segments.push({ text: text.slice(finding.start, finding.end), finding });
    cursor = finding.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), finding: null });
  return segments;
}
