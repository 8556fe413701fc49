/**
 * The layer behind the composer's transparent textarea: the same text, laid out
 * alike, with each finding's range underlined. Screen readers skip it; the
 * Problemas panel lists the same findings as text.
 */
import type { Ref } from 'react';
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

export function FindingsBackdrop({ text, findings, ref }: { text: string; findings: readonly Finding[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="composer__backdrop" aria-hidden="true" ref={ref}>
      {segmentsOf(text, findings).map((segment, index) =>
        segment.finding ? (
          <mark key={index} className={`finding-mark finding-mark--${segment.finding.severity}`} data-rule={segment.finding.rule}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
      {/* A trailing newline needs a character after it to take up its line, as in the textarea. */}
      {'\u200b'}
    </div>
  );
}
