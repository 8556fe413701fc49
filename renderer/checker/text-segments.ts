/** The composer's text cut into plain and flagged segments, for the findings layer. */
import type { Finding } from '../../shared/checker/index';

export interface TextSegment {
  text: string;
  finding: Finding | null;
}

/**
 * Splits text into plain and flagged segments. Where findings overlap, the shorter
 * one is underlined, so a word's spelling still shows inside a paragraph that is
 * too long. The Problemas panel lists every finding either way.
 */
export function segmentsOf(text: string, findings: readonly Finding[]): TextSegment[] {
  const chosen: Finding[] = [];
  for (const finding of [...findings].sort((a, b) => a.end - a.start - (b.end - b.start))) {
    if (finding.end > text.length || finding.end <= finding.start) continue;
    if (chosen.some((other) => finding.start < other.end && other.start < finding.end)) continue;
    chosen.push(finding);
  }

  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const finding of chosen.sort((a, b) => a.start - b.start)) {
    if (finding.start > cursor) segments.push({ text: text.slice(cursor, finding.start), finding: null });
    segments.push({ text: text.slice(finding.start, finding.end), finding });
    cursor = finding.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), finding: null });
  return segments;
}
