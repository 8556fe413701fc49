/**
 * The layer behind the composer's transparent textarea: the same text, laid out
 * alike, with each finding's range underlined. Screen readers skip it; the
 * Problemas panel lists the same findings as text.
 */
import type { Ref } from 'react';
import type { Finding } from '../../shared/checker/index';
import { segmentsOf } from './text-segments';

export function FindingsBackdrop({ text, findings, ref }: { text: string; findings: readonly Finding[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="composer__backdrop" aria-hidden="true" ref={ref}>
      {segmentsOf(text, findings).map((segment, index) =>
        segment.finding ? (
          <mark key={index} className={`finding-mark finding-mark--${segment.finding.severity}${/^\s+$/.test(segment.text) ? ' finding-mark--blank' : ''}`} data-rule={segment.finding.rule}>
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
