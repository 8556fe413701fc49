/**
 * The queue in the side bar: waiting chats oldest first, each with the excerpt of
 * its first message and a live waiting time, and the "Atender siguiente" button.
 * Only the rows in view are rendered, so a queue of a thousand chats scrolls smoothly.
 * The queue is first come, first served: rows are information, not buttons, and the
 * first one is marked as the chat "Atender siguiente" takes.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { QueueEntry } from '../../shared/chat/model';
import { formatWaitingTime } from '../../shared/chat/queue';
import { t } from '../i18n';
import { selectTakeError, selectTaking } from '../chat/chats-slice';
import { ErrorText } from '../workbench/ErrorText';
import { selectPaused } from '../workbench/ui-slice';
import { useWorkbench } from '../workbench/store-context';
import { selectQueue } from './queue-slice';
import { useNow } from './use-now';
import { visibleRange } from './visible-range';

/** Height of one queue row in rem; the stylesheet gives .queue-item the same height. */
const ROW_HEIGHT_REM = 4;
/** The root font size before the agent's preferences load, as in theme.css. */
const DEFAULT_FONT_SIZE_PX = 14;

function QueueItem({ entry, now, index, count, rowHeight }: { entry: QueueEntry; now: number; index: number; count: number; rowHeight: number }) {
  return (
    <li className="queue-item" style={{ top: index * rowHeight }} aria-setsize={count} aria-posinset={index + 1}>
      <span className="queue-item__excerpt">{entry.excerpt}</span>
      <span className="queue-item__meta">
        <span className="queue-item__waiting">{t('queue.waiting', { time: formatWaitingTime(now - entry.arrivedAt) })}</span>
        {index === 0 && <span className="queue-item__next">{t('queue.next')}</span>}
      </span>
    </li>
  );
}

export function QueuePanel() {
  const queue = useWorkbench(selectQueue);
  const taking = useWorkbench(selectTaking);
  const takeError = useWorkbench(selectTakeError);
  const takeNext = useWorkbench((state) => state.takeNext);
  const paused = useWorkbench(selectPaused);
  const shiftStarted = useWorkbench((state) => state.session?.selfTest != null);
  const now = useNow();
  const rowHeight = ROW_HEIGHT_REM * useWorkbench((state) => state.settings?.preferences.fontSizePx ?? DEFAULT_FONT_SIZE_PX);

  const viewport = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const hasEntries = queue.length > 0;
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setScroll({ top: element.scrollTop, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasEntries]);

  const { start, end } = visibleRange(scroll.top, scroll.height, rowHeight, queue.length);
  // The empty state already states that no citizen is waiting, so that error is not repeated.
  const shownError = !hasEntries && takeError?.key === 'error.queueEmpty' ? null : takeError;

  return (
    <section className="queue" aria-labelledby="queue-title">
      <header className="side-section__header">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <span className="badge">{t('queue.count', { count: queue.length })}</span>
      </header>
      <div className="queue__actions">
        {/* A paused agent takes no chat, so the button waits for "Disponible" and says why. */}
        <button
          type="button"
          className="button button--primary"
          onClick={() => void takeNext()}
          disabled={taking || paused || queue.length === 0}
          aria-describedby={paused ? 'queue-paused-hint' : undefined}
        >
          {t('queue.takeNext')}
        </button>
        {paused && (
          <p id="queue-paused-hint" className="queue__hint">
            {t(shiftStarted ? 'error.agentPaused' : 'error.selftestRequired')}
          </p>
        )}
        <ErrorText error={shownError} />
        {hasEntries && <p className="queue__hint">{t('queue.order')}</p>}
      </div>
      {!hasEntries ? (
        <p className="empty-state">{t('queue.empty')}</p>
      ) : (
        <div
          className="queue__viewport"
          ref={viewport}
          tabIndex={0}
          onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
        >
          <ol className="queue__list" aria-label={t('queue.list')} style={{ height: queue.length * rowHeight }}>
            {queue.slice(start, end).map((entry, offset) => (
              <QueueItem key={entry.chatId} entry={entry} now={now} index={start + offset} count={queue.length} rowHeight={rowHeight} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
