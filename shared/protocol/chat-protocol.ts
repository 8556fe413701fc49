/**
 * What the workstation records about a chat beyond its messages: the citizen's
 * confirmed data, the agent's analysis, the time budget, the email follow-up and
 * every reply sent despite the pre-send review. Only the workstation keeps it;
 * the hub never sees it.
 */
import { z } from 'zod';
import { RULE_IDS } from '../checker/options';

/** Time an agent has for one chat before the protocol's "tiempo adicional" notice, in milliseconds. */
export const CHAT_TIME_BUDGET_MS = 10 * 60 * 1000;
/** Share of the budget after which the composer proposes the notice. */
export const EXTRA_TIME_NOTICE_SHARE = 0.8;

export const analysisSchema = z.enum(['fits', 'tooComplex']);
export type Analysis = z.infer<typeof analysisSchema>;

const chatReplyOverrideSchema = z.object({
  at: z.number().int().nonnegative(),
  /** Sequence number of the message that was sent despite the findings. */
  messageSeq: z.number().int().positive(),
  rules: z.array(z.enum(RULE_IDS)),
});

/** An email answer sent despite the findings has no seq on the hub, so it names its outbox message. */
const emailAnswerOverrideSchema = z.object({
  at: z.number().int().nonnegative(),
  outboxId: z.string().min(1),
  /** The email's Message-ID header, as the SMTP server's logs show it. */
  messageId: z.string().min(1),
  rules: z.array(z.enum(RULE_IDS)),
});

export const reviewOverrideSchema = z.union([chatReplyOverrideSchema, emailAnswerOverrideSchema]);
export type ReviewOverride = z.infer<typeof reviewOverrideSchema>;

export const chatProtocolSchema = z.object({
  /** When this workstation took the chat; the time budget runs from here. */
  takenAt: z.number().int().nonnegative().nullable(),
  /** The citizen's name once the agent confirmed it. */
  citizenName: z.string().nullable(),
  citizenEmail: z.string().nullable(),
  analysis: analysisSchema.nullable(),
  /** The address the citizen agreed to receive the answer at; set when the chat turns into an email follow-up. */
  followUpEmail: z.string().nullable(),
  reviewOverrides: z.array(reviewOverrideSchema),
  /** The transcript's file name under <data>/transcripts/, once the agent closed the chat. */
  transcriptFile: z.string().nullable(),
  /** Answers sent by email through the outbox (a cut chat or a follow-up), by outbox id; absent before the first one. */
  emailAnswers: z.array(z.object({ at: z.number().int().nonnegative(), outboxId: z.string() })).optional(),
  /** Set when another agent handed the chat to this one, with that agent's note. */
  transferredFrom: z.object({ fromAgent: z.string(), note: z.string(), at: z.number().int().nonnegative() }).optional(),
});
export type ChatProtocol = z.infer<typeof chatProtocolSchema>;

export function emptyChatProtocol(takenAt: number | null = null): ChatProtocol {
  return { takenAt, citizenName: null, citizenEmail: null, analysis: null, followUpEmail: null, reviewOverrides: [], transcriptFile: null };
}

/** Returns the elapsed share of the time budget at `now`, 0 before the chat was taken. */
export function budgetShare(protocol: Pick<ChatProtocol, 'takenAt'> | undefined, now: number, budgetMs: number = CHAT_TIME_BUDGET_MS): number {
  if (!protocol?.takenAt) return 0;
  return Math.max(0, now - protocol.takenAt) / budgetMs;
}
