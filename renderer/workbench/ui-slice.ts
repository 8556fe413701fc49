/** The ui slice: the active view, the bottom panel and the command palette. */
import type { SliceCreator, WorkbenchState } from './store';

export const VIEW_IDS = ['chats', 'selftest', 'knowledgeBase', 'followUps', 'outbox', 'settings'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface UiSlice {
  /** The active view. The workbench opens on the self-test, because the protocol requires an equipment check before the shift. */
  view: ViewId;
  problemsVisible: boolean;
  paletteOpen: boolean;
  /** Counter of requests to focus the composer; each request increments it. */
  composerFocusRequest: number;
  showView(view: ViewId): void;
  toggleProblems(): void;
  openPalette(): void;
  closePalette(): void;
  requestComposerFocus(): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'selftest',
  problemsVisible: true,
  paletteOpen: false,
  composerFocusRequest: 0,

  showView: (view) => set({ view }),
  toggleProblems: () => set((state) => ({ problemsVisible: !state.problemsVisible })),
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  requestComposerFocus: () => set((state) => ({ composerFocusRequest: state.composerFocusRequest + 1 })),
});

export const selectView = (state: WorkbenchState) => state.view;
export const selectProblemsVisible = (state: WorkbenchState) => state.problemsVisible;
export const selectPaletteOpen = (state: WorkbenchState) => state.paletteOpen;
/** The agent is paused until the Node side says 'available', which needs a self-test in this session. */
export const selectPaused = (state: WorkbenchState) => state.session?.availability !== 'available';
export const selectComposerFocusRequest = (state: WorkbenchState) => state.composerFocusRequest;
