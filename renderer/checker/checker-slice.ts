/**
 * The checker slice: the live check of each draft (debounced, off the UI thread),
 * the checker's fixes and the pre-send review. The review stops a reply with
 * problems until the agent fixes it or sends it anyway, which the chat records.
 * When the worker fails or is slow, the same checker runs on the main thread, so
 * the review is never skipped.
 */
import type { Finding, Readability, RuleId, SpellingEngine } from '../../shared/checker/index';
import type { Chat } from '../../shared/chat/model';
import { checkerPhaseOf } from '../../shared/protocol/phases';
import { displayMessageOf } from '../api/errors';
import { phaseReportOf } from '../protocol/phase-report';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { runCheck, type CheckOutcome, type LiveCheckOptions } from './run-check';
import { selectCheckerLimits } from '../settings/settings-slice';

/** Pause in typing after which the draft is checked, in milliseconds. */
export const CHECK_DEBOUNCE_MS = 150;
/** How long sending waits for the worker's check before it checks on the main thread, in milliseconds. */
export const SEND_CHECK_TIMEOUT_MS = 2000;

export interface ReviewState {
  chatId: string;
  text: string;
  findings: Finding[];
  readability: Readability;
}

export interface CheckerSlice {
  /** The latest finished check of each chat's draft. */
  checks: Record<string, CheckOutcome>;
  review: ReviewState | null;
  /** Checks the chat's draft after a pause in typing; a newer call replaces a waiting one. */
  scheduleCheck(chatId: string): void;
  /**
   * Checks the chat's draft now and stores the outcome; null without a checker. With
   * `forSend`, a worker slower than SEND_CHECK_TIMEOUT_MS is not awaited.
   */
  checkNow(chatId: string, forSend?: boolean): Promise<CheckOutcome | null>;
  /** Applies one fix of a finding of the current draft. */
  applyFix(chatId: string, finding: Finding, fixIndex: number): void;
  /** Sends the draft, or opens the pre-send review when the checker finds problems. */
  submitReply(chatId: string): Promise<void>;
  /** Sends the reviewed reply as it is and records the override with the chat. */
  sendAnyway(): Promise<void>;
  /** Closes the review and goes back to the composer to fix the reply. */
  closeReview(): void;
}

/** Builds the checker's options from the chat: names, both sides' messages and the protocol phase. */
export function liveCheckOptions(chat: Chat | undefined, agentName: string | null): LiveCheckOptions {
  const report = chat ? phaseReportOf(chat) : null;
  const names = [agentName, chat?.protocol?.citizenName, report?.proposedName].filter((name): name is string => Boolean(name));
  return {
    names,
    citizenMessages: chat?.messages.filter((message) => message.author === 'citizen').map((message) => message.text) ?? [],
    agentReplies: chat?.messages.filter((message) => message.author === 'agent').map((message) => message.text) ?? [],
    phase: checkerPhaseOf(report?.current ?? 'greeting'),
  };
}

/**
 * Returns the findings of the last check that still apply to `draft`: those whose
 * range lies before the first changed character. While the agent types, findings
 * ahead of the edit stay and the rest wait for the next check.
 */
export function currentFindings(outcome: CheckOutcome | undefined, draft: string): Finding[] {
  if (!outcome) return [];
  if (outcome.text === draft) return outcome.findings;
  const unchanged = commonPrefixLength(outcome.text, draft);
  return outcome.findings.filter((finding) => finding.end <= unchanged);
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

/** Findings that stop a reply in the pre-send review: everything but advice. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'problem');
}

export const createCheckerSlice: SliceCreator<CheckerSlice> = (set, get, { client, checker }) => {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  // Once the worker failed, every later check runs on the main thread.
  let workerFailed = false;
  let mainThreadSpelling: Promise<SpellingEngine | undefined> | null = null;

  async function checkOnMainThread(text: string, options: LiveCheckOptions): Promise<CheckOutcome> {
    // Without a word list every other rule still runs, and the outcome says spelling was not checked.
    mainThreadSpelling ??= (checker?.loadSpelling?.() ?? Promise.resolve(undefined)).catch(() => undefined);
    return runCheck(text, options, await mainThreadSpelling);
  }

  /** Checks in the worker, and on the main thread when the worker fails or, for a send, is slow. */
  async function checkText(text: string, options: LiveCheckOptions, forSend: boolean): Promise<CheckOutcome> {
    if (!checker || workerFailed) return checkOnMainThread(text, options);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      if (forSend) timer = setTimeout(() => resolve('slow'), SEND_CHECK_TIMEOUT_MS);
    });
    try {
      const outcome = await Promise.race([checker.check(text, options), slow]);
      if (outcome !== 'slow') return outcome;
      console.warn(`reply checker worker timed out after ${SEND_CHECK_TIMEOUT_MS} ms; checking on the main thread`);
    } catch (error) {
      workerFailed = true;
      console.warn('reply checker worker failed; checking on the main thread from now on', error instanceof Error ? error.message : error);
    } finally {
      clearTimeout(timer);
    }
    return checkOnMainThread(text, options);
  }

  return {
    checks: {},
    review: null,

    scheduleCheck(chatId) {
      if (!checker) return;
      clearTimeout(timers.get(chatId));
      timers.set(
        chatId,
        setTimeout(() => {
          timers.delete(chatId);
          void get().checkNow(chatId);
        }, CHECK_DEBOUNCE_MS),
      );
    },

    async checkNow(chatId, forSend = false) {
      if (!checker) return null;
      const state = get();
      const text = state.drafts[chatId] ?? '';
      const chat = state.chats.find((known) => known.id === chatId);
      const outcome = await checkText(text, { ...liveCheckOptions(chat, state.session?.agentName ?? null), ...selectCheckerLimits(state) }, forSend);
      // An older check that finishes late never replaces the outcome of the text now in the composer.
      const draftNow = get().drafts[chatId] ?? '';
      const stale = get().checks[chatId]?.text === draftNow && outcome.text !== draftNow;
      if (!stale) set((current) => ({ checks: { ...current.checks, [chatId]: outcome } }));
      return outcome;
    },

    applyFix(chatId, finding, fixIndex) {
      const fix = finding.fixes?.[fixIndex];
      if (!fix) return;
      const { start, end, text } = fix.range ?? finding;
      if (get().replaceInDraft(chatId, start, end, text, fix.replacement)) get().scheduleCheck(chatId);
    },

    async submitReply(chatId) {
      const draft = get().drafts[chatId] ?? '';
      if (draft.trim() === '' || get().sending[chatId]) return;
      const outcome = await get().checkNow(chatId, true);
      const blocking = outcome && outcome.text === (get().drafts[chatId] ?? '') ? blockingFindings(outcome.findings) : [];
      if (!outcome || blocking.length === 0) {
        await get().sendReply(chatId);
        return;
      }
      set({ review: { chatId, text: outcome.text, findings: outcome.findings, readability: outcome.readability } });
    },

    async sendAnyway() {
      const review = get().review;
      if (!review) return;
      set({ review: null });
      await get().sendReply(review.chatId);
      if (get().sendErrors[review.chatId]) return;

      // The sent message is the newest agent message with the reviewed text (the hub stores it trimmed).
      const chat = get().chats.find((known) => known.id === review.chatId);
      const sent = chat?.messages.findLast((message) => message.author === 'agent' && message.text === review.text.trim());
      if (!sent) return;
      const rules = [...new Set(blockingFindings(review.findings).map((finding) => finding.rule))] as [RuleId, ...RuleId[]];
      try {
        get().applyChat(await client.call('chat.recordOverride', { chatId: review.chatId, messageSeq: sent.seq, rules }));
      } catch (error) {
        set((state) => ({ sendErrors: { ...state.sendErrors, [review.chatId]: displayMessageOf(error) } }));
      }
    },

    closeReview() {
      set({ review: null });
      get().requestComposerFocus();
    },
  };
};

export const selectReview = (state: WorkbenchState) => state.review;
export const selectCheckOf = (chatId: string) => (state: WorkbenchState) => state.checks[chatId];
