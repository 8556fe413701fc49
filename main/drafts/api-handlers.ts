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

export function createDraftHandlers(drafts: DraftStore): DraftHandlers {
  return {
    'draft.save': async ({ chatId, text, protocolState, changedAt }) => {
      const known = drafts.get(chatId);
      if (known && changedAtOf(known) > changedAt) return draftView(known);
      const state: StoredState = { composer: protocolState, changedAt };
      return draftView(drafts.update(chatId, { text, protocolState: state }));
    },

    'draft.list': async () => drafts.list().map(draftView),
  };
}
