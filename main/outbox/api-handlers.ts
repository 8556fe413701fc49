/**
 * The outbox's part of the API contract: the answer of a cut chat or of a
 * "tiempo adicional" follow-up goes out as an email with the chat's transcript,
 * and the Bandeja de salida lists, retries and follows the queued messages. The
 * background sender runs with the entity's SMTP settings and is restarted when
 * they change; without them messages wait in the queue.
 */
import type { ApiEvent, ApiEventPayload } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/result';
import type { Chat } from '../../shared/chat/model';
import type { Logger } from '../../shared/log/logger';
import { composeChatEmail } from '../../shared/outbox/chat-email';
import { answersByEmail, type OutboxView } from '../../shared/outbox/model';
import type { ChatProtocol } from '../../shared/protocol/chat-protocol';
import { withReviewOverride } from '../chat/protocol-handlers';
import type { EntitySettingsStore } from '../settings/entity-settings';
import { checkSmtp } from '../selftest/smtp-check';
import { Outbox, type EnqueueRequest, type OutboxEntry } from './outbox';
import { PLACEHOLDER_FROM, type OutboxSettingsInput } from './settings';

type OutboxHandlers = Pick<ApiHandlers, 'outbox.enqueue' | 'outbox.list' | 'outbox.retryNow' | 'smtp.test'>;

/** Time the "Probar conexión" check waits for each step of the SMTP dialogue, in milliseconds. */
const SMTP_TEST_TIMEOUT_MS = 10_000;

export interface OutboxServiceOptions {
  dataDir: string;
  entity: EntitySettingsStore;
  smtpPassword?: () => Promise<string | undefined>;
  getChat: (chatId: string) => Chat | undefined;
  /** Applies a change to a known chat's protocol record and returns the chat, or undefined when the chat is unknown. */
  updateProtocol: (chatId: string, change: (protocol: ChatProtocol) => ChatProtocol) => Chat | undefined;
  /** Removes the chat's draft once its answer is queued. */
  removeDraft: (chatId: string) => Promise<void>;
  emit: <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;
  logger: Logger;
}

export interface OutboxService {
  handlers: OutboxHandlers;
  /** Queues an email that belongs to no chat of this workstation, such as the answer to a request left by email. */
  enqueue(request: EnqueueRequest): Promise<OutboxView>;
  stop(): Promise<void>;
}

export function toOutboxView(entry: OutboxEntry): OutboxView {
  const { windowStartedAt: _window, response: _response, ...view } = entry;
  return view;
}

export async function startOutboxService(options: OutboxServiceOptions): Promise<OutboxService> {
  const logger = options.logger.child({ module: 'outbox-service' });
  let outbox: Outbox | null = null;
  let settingsKey = '';
  /** Serializes reopening, so two settings changes never run two senders. */
  let reopening: Promise<void> = Promise.resolve();

  async function smtpSettings(): Promise<OutboxSettingsInput | null> {
    const smtp = options.entity.get().smtp;
    if (!smtp) return null;
    return { ...smtp, password: await options.smtpPassword?.() };
  }

  async function open(): Promise<void> {
    const smtp = await smtpSettings();
    const key = JSON.stringify(smtp);
    if (outbox && key === settingsKey) return;

    if (outbox) await outbox.stop();
    outbox?.removeAllListeners();
    const next = await Outbox.open({ dataDir: options.dataDir, settings: smtp ?? {}, logger });
    next.on('change', (entry) => options.emit('outbox.changed', { entry: toOutboxView(entry) }));
    next.on('problem', (problem) => logger.error({ path: problem.params.path }, 'outbox entry unreadable'));
    outbox = next;
    settingsKey = key;
    if (!smtp) {
      logger.warn({}, 'no SMTP server configured; emails wait in the outbox');
      return;
    }
    if (next.settings.from === PLACEHOLDER_FROM) logger.warn({}, 'smtp.from missing from the settings file; emails go out from the placeholder atiende@localhost');
    // Another process may hold the sender lock (the outbox command); messages are still queued and wait.
    await next.start().catch((error: unknown) => logger.error({ code: (error as ApiError).code, err: error }, 'outbox sender could not start; emails wait in the outbox'));
  }

  function reopen(): Promise<void> {
    reopening = reopening.then(open).catch((error: unknown) => logger.error({ err: error }, 'outbox could not be reopened with the new settings'));
    return reopening;
  }

  await reopen();
  const stopWatching = options.entity.onChanged(() => void reopen());

  async function ready(): Promise<Outbox> {
    await reopening;
    if (!outbox) throw new ApiError('outbox.error.unavailable');
    return outbox;
  }

  const handlers: OutboxHandlers = {
    'outbox.enqueue': async ({ chatId, to, text, overriddenRules }) => {
      const chat = options.getChat(chatId);
      if (!chat) throw new ApiError('error.unknownChat', { chatId });
      if (!answersByEmail(chat)) throw new ApiError('outbox.error.chatNotEmailable', { chatId });

      const email = composeChatEmail({
        chatId,
        entityName: options.entity.get().entityName,
        agentName: chat.agentName,
        citizenName: chat.protocol?.citizenName ?? null,
        answer: text,
        messages: chat.messages,
      });
      const entry = await (await ready()).enqueue({ chatId, to, ...email });

      // The override is recorded in the same change as the answer, so the chat never has one without the other.
      const updated = options.updateProtocol(chatId, (protocol) => {
        const answered: ChatProtocol = {
          ...protocol,
          citizenEmail: protocol.citizenEmail ?? to,
          emailAnswers: [...(protocol.emailAnswers ?? []), { at: entry.createdAt, outboxId: entry.id }],
        };
        return overriddenRules ? withReviewOverride(answered, { at: entry.createdAt, outboxId: entry.id, messageId: entry.messageId, rules: overriddenRules }) : answered;
      });
      if (!updated) throw new ApiError('error.unknownChat', { chatId });
      options.emit('chat.updated', { chat: updated });
      await options.removeDraft(chatId);
      logger.info({ chatId, outboxId: entry.id, overriddenRules: overriddenRules ?? [] }, 'chat answered by email');
      return { entry: toOutboxView(entry), chat: updated };
    },

    'outbox.list': async () => {
      const outbox = await ready();
      return { entries: outbox.list().map(toOutboxView), smtpConfigured: Boolean(options.entity.get().smtp), problems: outbox.problems().length };
    },

    'outbox.retryNow': async ({ id }) => toOutboxView(await (await ready()).retryNow(id)),

    'smtp.test': async () => {
      const smtp = options.entity.get().smtp;
      const password = smtp ? await options.smtpPassword?.() : undefined;
      return checkSmtp(smtp ? { ...smtp, password } : undefined, SMTP_TEST_TIMEOUT_MS);
    },
  };

  return {
    handlers,
    enqueue: async (request) => toOutboxView(await (await ready()).enqueue(request)),
    async stop() {
      stopWatching();
      await reopening;
      await outbox?.stop();
      outbox?.removeAllListeners();
      outbox = null;
    },
  };
}
