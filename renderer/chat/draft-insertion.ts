/**
 * Inserting text into a composer draft at the agent's cursor: the protocol panel's
 * phrases, the checker's fixes and other panels use it. Inserting never replaces
 * what the agent wrote, not even a selected range.
 */
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface TextSelection {
  start: number;
  end: number;
}

/**
 * Returns the draft with `text` inserted at the end of the selection, or at the end
 * of the draft without one. A space separates it from a word on either side. The
 * caret position returned is just after the inserted text.
 */
export function insertAtSelection(draft: string, selection: TextSelection | undefined, text: string): { draft: string; caret: number } {
  const at = Math.min(Math.max(selection?.end ?? draft.length, 0), draft.length);
  const before = draft.slice(0, at);
  const after = draft.slice(at);
  const lead = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  const trail = after.length > 0 && !/^\s/.test(after) ? ' ' : '';
  const inserted = `${lead}${text}${trail}`;
  return { draft: `${before}${inserted}${after}`, caret: before.length + lead.length + text.length };
}

/**
 * Returns the draft with `text` inserted as a paragraph of its own at the end of the
 * selection, or at the end of the draft without one. A blank line separates it from
 * the text before and after it, so a knowledge-base passage never joins a paragraph.
 */
export function insertParagraphAtSelection(draft: string, selection: TextSelection | undefined, text: string): { draft: string; caret: number } {
  const at = Math.min(Math.max(selection?.end ?? draft.length, 0), draft.length);
  const before = draft.slice(0, at).replace(/[ \t]+$/, '');
  const after = draft.slice(at).replace(/^[ \t]+/, '');
  const lead = before.trim() === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.trim() === '' ? '' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = before.trim() === '' ? '' : before;
  return { draft: `${head}${lead}${text}${trail}${after}`, caret: head.length + lead.length + text.length };
}

/** Returns the draft with [start, end) replaced, and the caret after the replacement. */
export function replaceRange(draft: string, start: number, end: number, replacement: string): { draft: string; caret: number } {
  return { draft: `${draft.slice(0, start)}${replacement}${draft.slice(end)}`, caret: start + replacement.length };
}

export interface DraftInsertionSlice {
  /** The composer's last selection per chat id. */
  composerSelections: Record<string, TextSelection>;
  /** Caret position the composer applies after a change it did not type, with a serial that grows with each request. */
  caretRequest: { chatId: string; position: number; serial: number } | null;
  setComposerSelection(chatId: string, selection: TextSelection): void;
  /**
   * Inserts text at the composer's cursor of the chat (the caret as it was when the
   * composer lost the focus, or the end of the draft) and moves the focus and caret
   * after it. As "paragraph" the text becomes a paragraph of its own.
   */
  insertIntoDraft(chatId: string, text: string, as?: 'inline' | 'paragraph'): void;
  /** Replaces a range of the draft, as a checker fix does, if the range still contains `expected`. Returns whether it did. */
  replaceInDraft(chatId: string, start: number, end: number, expected: string, replacement: string): boolean;
}

export const createDraftInsertionSlice: SliceCreator<DraftInsertionSlice> = (set, get) => {
  function applyEdit(chatId: string, edit: { draft: string; caret: number }) {
    get().setDraft(chatId, edit.draft);
    set((state) => ({
      composerSelections: { ...state.composerSelections, [chatId]: { start: edit.caret, end: edit.caret } },
      caretRequest: { chatId, position: edit.caret, serial: (state.caretRequest?.serial ?? 0) + 1 },
    }));
    get().requestComposerFocus();
  }

  return {
    composerSelections: {},
    caretRequest: null,

    setComposerSelection(chatId, selection) {
      const known = get().composerSelections[chatId];
      if (known?.start === selection.start && known.end === selection.end) return;
      set((state) => ({ composerSelections: { ...state.composerSelections, [chatId]: selection } }));
    },

    insertIntoDraft(chatId, text, as = 'inline') {
      const insert = as === 'paragraph' ? insertParagraphAtSelection : insertAtSelection;
      applyEdit(chatId, insert(get().drafts[chatId] ?? '', get().composerSelections[chatId], text));
    },

    replaceInDraft(chatId, start, end, expected, replacement) {
      const draft = get().drafts[chatId] ?? '';
      if (draft.slice(start, end) !== expected) return false;
      applyEdit(chatId, replaceRange(draft, start, end, replacement));
      return true;
    },
  };
};

export const selectCaretRequest = (state: WorkbenchState) => state.caretRequest;
