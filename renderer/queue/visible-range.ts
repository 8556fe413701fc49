/** Row windowing for long lists: the queue may contain a thousand chats, and only the visible ones are drawn. */

export interface VisibleRange {
  /** Index of the first row to render. */
  start: number;
  /** Index after the last row to render. */
  end: number;
}

/** Returns the rows inside the viewport plus `overscan` rows on each side, for rows of a fixed height in pixels. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): VisibleRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visibleRows = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, first + visibleRows + overscan);
  return { start, end: Math.max(start, end) };
}
