/** Line icons of the activity bar, drawn inline so that no font or network is needed. */
import type { ViewId } from './ui-slice';

const PATHS: Record<ViewId, string> = {
  chats: 'M4 5h16v10H9l-5 4z',
  selftest: 'M4 14v-2a8 8 0 0 1 16 0v2M4 14h3v5H4zM17 14h3v5h-3z',
  knowledgeBase: 'M5 4h10a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h10',
  followUps: 'M3 6h18v12H3zM3 6l9 7 9-7',
  outbox: 'M4 13l2-8h12l2 8v6H4zM4 13h5l1 2h4l1-2h5M12 11V6M9.5 8.5 12 6l2.5 2.5',
  settings: 'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM12 3v3M12 18v3M3 12h3M18 12h3M5.6 5.6l2.1 2.1M16.3 16.3l2.1 2.1M5.6 18.4l2.1-2.1M16.3 7.7l2.1-2.1',
};

export function ViewIcon({ view }: { view: ViewId }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[view]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
