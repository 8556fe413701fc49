/**
 * The outbox slice: the Bandeja de salida's messages, kept live by 'outbox.changed',
 * and the email answer of a cut or follow-up chat. The answer is the chat's own
 * composer draft, so switching to email mode keeps what the agent wrote.
 */
import type { RuleId } from '../../shared/checker/index';
import { citizenEmailSchema, detectCitizenData } from '../../shared/protocol/citizen-data';
import type { CheckResult } from '../../shared/selftest/model';
import { countOutbox, upsertOutboxEntry, type OutboxView } from '../../shared/outbox/model';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import { blockingFindings } from '../checker/checker-slice';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface OutboxSlice {
  outboxEntries: OutboxView[];
  /** Null until the first list arrives. */
  smtpConfigured: boolean | null;
  /** Queue entries the Node side could not read. */
  outboxProblems: number;
  outboxError: DisplayMessage | null;
  /** Ids of messages whose "Reintentar ahora" is in flight. */
  retrying: Record<string, boolean>;
  /** The address typed in "Correo del ciudadano", per chat. */
  emailTo: Record<string, string>;
  /** The last notice of a chat's email answer: an error, or where the answer was queued. */
  emailNotices: Record<string, { message: DisplayMessage; error: boolean }>;
  loadOutbox(): Promise<void>;
  applyOutboxEntry(entry: OutboxView): void;
  retryOutbox(id: string): Promise<void>;
  /** The last "Probar conexión" of the SMTP server; "running" while it runs. */
  smtpTest: CheckResult | 'running' | null;
  testSmtp(): Promise<void>;
  setEmailTo(chatId: string, address: string): void;
  /**
   * Validates the address and queues the chat's draft as an email; the composer and the typed address are
   * cleared once it is queued. An email sent with "Enviar de todos modos" carries the overridden rules.
   */
  sendEmailAnswer(chatId: string): Promise<void>;
}

/**
 * Returns the address to propose for a chat's email: the one typed, the follow-up's, the captured one, or
 * the newest address the citizen wrote in the chat.
 */
export function proposedEmailOf(state: Pick<WorkbenchState, 'emailTo' | 'chats'>, chatId: string): string {
  const typed = state.emailTo[chatId];
  if (typed !== undefined) return typed;
  const chat = state.chats.find((known) => known.id === chatId);
  const protocol = chat?.protocol;
  const stored = protocol?.followUpEmail ?? protocol?.citizenEmail;
  if (stored) return stored;
  const citizenTexts = chat?.messages.filter((message) => message.author === 'citizen').map((message) => message.text) ?? [];
  return detectCitizenData(citizenTexts).email ?? '';
}

/**
 * Returns the rules the agent overrides by sending `text` now: the blocking findings of the last check of
 * exactly this text. The pre-send review only lets such a text through with "Enviar de todos modos".
 */
function overriddenRulesOf(state: Pick<WorkbenchState, 'checks'>, chatId: string, text: string): [RuleId, ...RuleId[]] | undefined {
  const outcome = state.checks[chatId];
  if (outcome?.text !== text) return undefined;
  const rules = [...new Set(blockingFindings(outcome.findings).map((finding) => finding.rule))];
  return rules.length > 0 ? (rules as [RuleId, ...RuleId[]]) : undefined;
}

export const createOutboxSlice: SliceCreator<OutboxSlice> = (set, get, { client }) => {
  function emailNotice(chatId: string, message: DisplayMessage, error: boolean) {
    set((state) => ({ emailNotices: { ...state.emailNotices, [chatId]: { message, error } } }));
  }

  return {
    outboxEntries: [],
    smtpConfigured: null,
    outboxProblems: 0,
    outboxError: null,
    retrying: {},
    emailTo: {},
    emailNotices: {},
    smtpTest: null,

    async testSmtp() {
      if (get().smtpTest === 'running') return;
      set({ smtpTest: 'running' });
      try {
        set({ smtpTest: await client.call('smtp.test', {}) });
      } catch (error) {
        const { key, params } = displayMessageOf(error);
        set({ smtpTest: { id: 'smtp', status: 'error', values: {}, messageKey: key, params } });
      }
    },

    async loadOutbox() {
      try {
        const { entries, smtpConfigured, problems } = await client.call('outbox.list', {});
        set({ outboxEntries: entries, smtpConfigured, outboxProblems: problems, outboxError: null });
      } catch (error) {
        set({ outboxError: displayMessageOf(error) });
      }
    },

    applyOutboxEntry(entry) {
      set((state) => ({ outboxEntries: upsertOutboxEntry(state.outboxEntries, entry) }));
    },

    async retryOutbox(id) {
      if (get().retrying[id]) return;
      set((state) => ({ retrying: { ...state.retrying, [id]: true }, outboxError: null }));
      try {
        get().applyOutboxEntry(await client.call('outbox.retryNow', { id }));
      } catch (error) {
        set({ outboxError: displayMessageOf(error) });
      } finally {
        set((state) => ({ retrying: { ...state.retrying, [id]: false } }));
      }
    },

    setEmailTo(chatId, address) {
      set((state) => ({ emailTo: { ...state.emailTo, [chatId]: address } }));
    },

    async sendEmailAnswer(chatId) {
      const text = get().drafts[chatId] ?? '';
      if (text.trim() === '' || get().sending[chatId]) return;
      const address = citizenEmailSchema.safeParse(proposedEmailOf(get(), chatId));
      if (!address.success) {
        emailNotice(chatId, { key: 'outbox.error.invalidAddress', params: { address: proposedEmailOf(get(), chatId) } }, true);
        return;
      }

      const overriddenRules = overriddenRulesOf(get(), chatId, text);
      set((state) => ({ sending: { ...state.sending, [chatId]: true } }));
      try {
        const { entry, chat } = await client.call('outbox.enqueue', { chatId, to: address.data, text, ...(overriddenRules ? { overriddenRules } : {}) });
        get().applyChat(chat);
        get().applyOutboxEntry(entry);

        // One change, so the draft sync sees an empty composer without an address, which the Node side stores as no draft.
        set((state) => {
          const { [chatId]: _sent, ...emailTo } = state.emailTo;
          return { drafts: { ...state.drafts, [chatId]: '' }, emailTo };
        });
        emailNotice(chatId, { key: 'composer.email.queued', params: { to: entry.to } }, false);
      } catch (error) {
        // The text stays in the composer so that the agent can send it again.
        emailNotice(chatId, displayMessageOf(error), true);
      } finally {
        set((state) => ({ sending: { ...state.sending, [chatId]: false } }));
      }
    },
  };
};

export const selectOutboxEntries = (state: WorkbenchState) => state.outboxEntries;
export const selectSmtpConfigured = (state: WorkbenchState) => state.smtpConfigured;
export const selectOutboxProblems = (state: WorkbenchState) => state.outboxProblems;
export const selectOutboxError = (state: WorkbenchState) => state.outboxError;
export const selectRetrying = (state: WorkbenchState) => state.retrying;
export const selectOutboxPending = (state: WorkbenchState) => countOutbox(state.outboxEntries).pending;
export const selectOutboxFailed = (state: WorkbenchState) => countOutbox(state.outboxEntries).failed;
export const selectSmtpTest = (state: WorkbenchState) => state.smtpTest;
export const selectEmailNoticeOf = (chatId: string) => (state: WorkbenchState) => state.emailNotices[chatId] ?? null;
