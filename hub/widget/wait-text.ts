/**
 * The widget's line for a waiting citizen: the queue position and, when the hub sent
 * one, the estimated wait as a range. The line names recent chats as the source only
 * when the frame's estimateBasis is "recent-chats".
 */
import { translate } from '../../shared/i18n/catalog';
import type { HubToCitizenFrame } from '../../shared/hub/protocol';

type PositionFrame = Extract<HubToCitizenFrame, { type: 'position' }>;

const MINUTE_MS = 60_000;

/** Formats an estimated wait as a range: "menos de 1 min", "unos N min" or "más de 1 hora". */
export function waitRange(waitMs: number): string {
  if (waitMs < MINUTE_MS) return translate('es', 'widget.wait.underMinute');
  const minutes = Math.max(2, Math.round(waitMs / MINUTE_MS));
  if (minutes > 60) return translate('es', 'widget.wait.overHour');
  return translate('es', 'widget.wait.minutes', { minutes });
}

/** Builds the status line for a position frame. */
export function positionStatus(frame: Pick<PositionFrame, 'position' | 'estimatedWaitMs' | 'estimateBasis'>): string {
  const { position, estimatedWaitMs, estimateBasis } = frame;
  if (estimatedWaitMs === undefined) return translate('es', 'widget.position', { position });
  const key = estimateBasis === 'recent-chats' && estimatedWaitMs >= MINUTE_MS ? 'widget.estimatedWaitRecent' : 'widget.estimatedWait';
  return translate('es', key, { position, wait: waitRange(estimatedWaitMs) });
}
