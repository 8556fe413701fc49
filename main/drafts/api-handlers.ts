/**
 * The drafts' part of the API contract. The renderer stamps each change with the
 * time it was typed (changedAt), and the store keeps that stamp beside the
 * composer state, so a save that arrives late never replaces a newer draft.
 */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { draftProtocolStateSchema, type DraftView } from '../../shared/drafts/model';
import type { Draft, DraftStore } from './draft-store';

type DraftHandlers = Pick<ApiHandlers, 'draft.save' | 'draft.list'>;

/** What the store keeps as a draft's protocol state: the composer's state and the renderer's change time. */
interface StoredState {
  composer: unknown;
  changedAt: number;
}

function changedAtOf(draft: Draft): number {
  const stored = draft.protocolState as Partial<StoredState> | null;
  return typeof stored?.changedAt === 'number' ? stored.changedAt : draft.updatedAt;
}

/** Returns the draft as the renderer sees it; a composer state that no longer matches its schema is dropped, the text is kept. */
export function draftView(draft: Draft): DraftView {
  const stored = draft.protocolState as Partial<StoredState> | null;
  const parsed = draftProtocolStateSchema.nullable().safeParse(stored?.composer ?? null);
  return { chatId: draft.chatId, text: draft.text, protocolState: parsed.success ? parsed.data : null, updatedAt: changedAtOf(draft) };
}

function emptyDraftView(chatId: string, updatedAt: number): DraftView {
  return { chatId, text: '', protocolState: null, updatedAt };
}

export function createDraftHandlers(drafts: DraftStore): DraftHandlers {
  return {
    'draft.save': async ({ chatId, text, protocolState, changedAt }) => {
      const known = drafts.get(chatId);
      if (known && changedAtOf(known) > changedAt) return draftView(known);

      // A save typed before the draft was removed (its answer was queued) arrives late: the draft stays removed.
      const removedAt = drafts.removedAt(chatId);
      if (!known && removedAt !== undefined && changedAt <= removedAt) return emptyDraftView(chatId, removedAt);

      // An empty composer without an address is no draft, so the file goes instead of being kept empty.
      if (text === '' && protocolState === null) {
        await drafts.remove(chatId, changedAt);
        return emptyDraftView(chatId, changedAt);
      }

      const state: StoredState = { composer: protocolState, changedAt };
      return draftView(drafts.update(chatId, { text, protocolState: state }));
    },

    'draft.list': async () => drafts.list().map(draftView),
  };
}
