/** A chat's draft as the renderer saves and restores it through the Node side's draft store. */
import { z } from 'zod';

/**
 * Delay after a change before the renderer sends the draft, in milliseconds. Typing goes
 * on meanwhile, so the renderer sends at most once per delay, with the text of that moment.
 * The draft store then writes it within 900 ms, so a change is on disk within about a second.
 */
export const DRAFT_SAVE_DELAY_MS = 100;

/** The composer's own state beside the text: the email address typed for a cut chat. */
export const draftProtocolStateSchema = z
  .object({
    emailTo: z.string().max(254).optional(),
  })
  .strict();
export type DraftProtocolState = z.infer<typeof draftProtocolStateSchema>;

export const draftSchema = z.object({
  chatId: z.string(),
  text: z.string(),
  protocolState: draftProtocolStateSchema.nullable(),
  /** Time of the last change as the renderer stamped it, in milliseconds since the epoch. */
  updatedAt: z.number(),
});
export type DraftView = z.infer<typeof draftSchema>;
