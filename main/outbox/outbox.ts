/**
 * The durable outbox: emails the agent sends when a chat is cut or needs more time.
 * Every message is stored complete on disk before enqueue() returns, marked
 * "sending" before the SMTP server is contacted and "sent" only after the server's
 * final OK. A message left "sending" by a crash is sent again with the same
 * Message-ID, so the receiving side can recognize a second copy as a duplicate.
 */
import { EventEmitter } from 'node:events';
import { ApiError } from '../../shared/api/result';
import { silentLogger, type Logger } from '../../shared/log/logger';
import { composeMessage, createMessageId, createQueueId, headerSenderAddress, senderAddress, validateMessage, type MessageInput } from './message';
import { PLACEHOLDER_FROM, resolveOutboxSettings, type OutboxSettings, type OutboxSettingsInput } from './settings';
import { classifySendError, createSmtpTransport, retryDelay, type SmtpTransport } from './smtp';
import { OutboxStore, type OutboxProblem, type OutboxReason, type OutboxRecord, type OutboxState } from './store';

const PLACEHOLDER_ADDRESS = senderAddress(PLACEHOLDER_FROM);

export type { OutboxProblem, OutboxReason, OutboxState };

/** One message as list() and the change event show it. */
export type OutboxEntry = Omit<OutboxRecord, 'version'>;

export interface EnqueueRequest extends MessageInput {
  chatId?: string;
}

export interface FlushSummary {
  /** Messages sent by this flush. */
  sent: number;
  /** Messages that became failed during this flush. */
  failed: number;
  /** Messages still pending after it, for example because the server is down. */
  pending: number;
}

export interface OutboxOptions {
  dataDir: string;
  settings?: OutboxSettingsInput;
  logger?: Logger;
  /** Clock in milliseconds since the epoch; a test moves it to cross the give-up window. */
  now?: () => number;
}

interface OutboxEvents {
  change: [OutboxEntry];
  problem: [OutboxProblem];
}

type SendOutcome = 'sent' | 'failed' | 'pending' | 'halt';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CHAT_ID_LENGTH = 64;
/** A staging folder older than this was left by a crash, not by an enqueue still running in another process. */
const STALE_STAGING_MS = 60 * 60 * 1000;
/** Time stop() lets messages in flight finish before it aborts their sends. */
const STOP_GRACE_MS = 5_000;

function toEntry(record: OutboxRecord): OutboxEntry {
  const { version: _version, ...entry } = record;
  return entry;
}

export class Outbox extends EventEmitter<OutboxEvents> {
  readonly settings: OutboxSettings;
  private readonly store: OutboxStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly envelopeFrom: string;

  private readonly records = new Map<string, OutboxRecord>();
  private readonly inFlight = new Set<string>();
  private readonly problemPaths = new Map<string, OutboxProblem>();
  private transport: SmtpTransport | null = null;
  /** Aborts the SMTP sends in flight once the grace time of stop() has passed. */
  private abortSends = new AbortController();

  private locked = false;
  private running = false;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> | null = null;
  private wakeAgain = false;
  /** While the server is unreachable, no message is tried before this time. */
  private pausedUntil = 0;
  private unreachableStreak = 0;

  private constructor(options: OutboxOptions) {
    super();
    this.settings = resolveOutboxSettings(options.settings);
    this.envelopeFrom = senderAddress(this.settings.from);
    this.store = new OutboxStore(options.dataDir);
    this.logger = (options.logger ?? silentLogger).child({ module: 'outbox' });
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns the SMTP envelope sender (MAIL FROM) of a queued message. That is its own From header,
   * because another process may have queued it with another sender (`outbox enqueue --from`). A message
   * queued before SMTP was configured carries the placeholder, so it gets the settings' from instead.
   */
  private envelopeSender(raw: Buffer): string {
    const header = headerSenderAddress(raw);
    return header === null || header === PLACEHOLDER_ADDRESS ? this.envelopeFrom : header;
  }

  /** Opens the outbox in a data folder and reads its queue; throws the Spanish storage error when the folder is unusable. */
  static async open(options: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(options);
    await outbox.store.prepare();
    await outbox.refresh();
    return outbox;
  }

  /** Stores a complete message in the queue and wakes the sender; returns once it is on disk. */
  async enqueue(request: EnqueueRequest): Promise<OutboxEntry> {
    const message = validateMessage(request);
    const chatId = request.chatId?.trim() || null;
    if (chatId !== null && chatId.length > MAX_CHAT_ID_LENGTH) throw new ApiError('outbox.error.invalidChatId', { max: MAX_CHAT_ID_LENGTH });

    const now = this.now();
    const id = createQueueId(now);
    const messageId = createMessageId(id, this.settings.from);
    const raw = await composeMessage({ ...message, from: this.settings.from, messageId, date: new Date(now) });
    const record: OutboxRecord = {
      version: 1,
      id,
      messageId,
      state: 'pending',
      to: message.to,
      subject: message.subject,
      chatId,
      createdAt: now,
      windowStartedAt: now,
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: now,
      lastError: null,
      response: null,
      sentAt: null,
      failedAt: null,
    };

    try {
      await this.store.add(record, raw);
    } catch (error) {
      this.logger.error({ id, code: (error as ApiError).code }, 'message could not be queued');
      throw error;
    }
    this.records.set(id, record);
    this.logger.info({ id, chatId, bytes: raw.length }, 'message queued');
    this.emit('change', toEntry(record));
    this.wake();
    return toEntry(record);
  }

  /** Returns every message, oldest first. */
  list(): OutboxEntry[] {
    return [...this.records.values()].sort(compareRecords).map(toEntry);
  }

  /** Returns the queue entries that could not be read; they stay on disk untouched. */
  problems(): OutboxProblem[] {
    return [...this.problemPaths.values()];
  }

  /**
   * Makes a pending message due now, or puts a failed one back in the queue with a new
   * give-up window. A message already sent or being sent is left as it is, so the same
   * Message-ID is never sent twice on purpose.
   */
  async retryNow(id: string): Promise<OutboxEntry> {
    const record = this.records.get(id);
    if (!record) throw new ApiError('outbox.error.notFound', { id });
    if (record.state === 'sent' || record.state === 'sending' || this.inFlight.has(id)) return toEntry(record);

    const now = this.now();
    const next: OutboxRecord = { ...record, state: 'pending', nextAttemptAt: now };
    if (record.state === 'failed') Object.assign(next, { windowStartedAt: now, failedAt: null });
    await this.commit(next);
    this.pausedUntil = 0;
    this.logger.info({ id, from: record.state }, 'retry requested');
    this.wake();
    return toEntry(next);
  }

  /**
   * Tries every pending message once now, ignoring retry delays, and resolves when each
   * was sent, failed or put back as pending. When the server is unreachable it stops at
   * the first failure and leaves the rest pending.
   */
  async flush(): Promise<FlushSummary> {
    const ownLock = !this.locked;
    await this.takeLock();
    try {
      while (this.cycle) await this.cycle;
      const before = this.countStates();
      const cycle = this.runCycle(true);
      this.cycle = cycle;
      await cycle.finally(() => {
        if (this.cycle === cycle) this.cycle = null;
      });
      const after = this.countStates();
      return { sent: after.sent - before.sent, failed: after.failed - before.failed, pending: after.pending + after.sending };
    } finally {
      if (ownLock && !this.running) await this.releaseLock();
      else this.schedule();
    }
  }

  /** Starts the background sender: it takes the sender lock, resends interrupted messages and retries with backoff. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.takeLock();
    this.running = true;
    this.stopping = false;
    this.logger.info({ pending: this.countStates().pending }, 'sender started');
    this.wake();
  }

  /**
   * Stops the background sender and releases the lock. Messages in flight get
   * STOP_GRACE_MS to finish. After that their sends are aborted, and they go back to
   * pending to be sent again with the same Message-ID.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;

    const cycle = this.cycle;
    if (cycle) {
      let finished = false;
      let grace: NodeJS.Timeout | undefined;
      const ended = cycle.then(() => {
        finished = true;
      });
      await Promise.race([ended, new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
      if (!finished) this.abortSends.abort();
    }
    while (this.cycle) await this.cycle;
    this.abortSends = new AbortController();
    await this.releaseLock();
    this.stopping = false;
    this.logger.info({}, 'sender stopped');
  }

  private async takeLock(): Promise<void> {
    if (this.locked) return;
    await this.store.lock();
    this.locked = true;
    try {
      await this.store.removeStaging(STALE_STAGING_MS);
      await this.refresh();

      // A message left "sending" was cut off mid-send; it goes again with the same Message-ID.
      for (const record of this.records.values()) {
        if (record.state !== 'sending') continue;
        this.logger.warn({ id: record.id }, 'message interrupted while sending; it will be resent');
        await this.commit({ ...record, state: 'pending', nextAttemptAt: this.now() });
      }
    } catch (error) {
      await this.releaseLock();
      throw error;
    }
  }

  private async releaseLock(): Promise<void> {
    this.transport?.close();
    this.transport = null;
    if (this.locked) await this.store.unlock();
    this.locked = false;
  }

  /** Reads queue entries written by other processes; without the lock, known entries are reread too. */
  private async refresh(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.store.listIds();
    } catch (error) {
      this.logger.error({ code: (error as NodeJS.ErrnoException).code }, 'outbox folder could not be listed');
      return;
    }

    for (const id of ids) {
      if (this.inFlight.has(id) || (this.locked && this.records.has(id))) continue;
      const loaded = await this.store.load(id);
      if ('key' in loaded) {
        if (!this.problemPaths.has(loaded.params.path)) {
          this.problemPaths.set(loaded.params.path, loaded);
          this.logger.error({ id, path: loaded.params.path }, 'outbox entry is unreadable; it is kept on disk');
          this.emit('problem', loaded);
        }
        continue;
      }
      this.records.set(id, loaded);
    }
  }

  private countStates(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const record of this.records.values()) counts[record.state]++;
    return counts;
  }

  /** Persists a new state first, then shows it: memory never runs ahead of the disk. */
  private async commit(record: OutboxRecord): Promise<void> {
    await this.store.save(record);
    this.records.set(record.id, record);
    this.emit('change', toEntry(record));
  }

  private wake(): void {
    if (!this.running || this.stopping) return;
    if (this.cycle) {
      this.wakeAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;

    const cycle = this.runCycle(false)
      .catch((error: unknown) => this.logger.error({ err: error }, 'send cycle failed'))
      .finally(() => {
        this.cycle = null;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        } else {
          this.schedule();
        }
      });
    this.cycle = cycle;
  }

  /** Sets the timer for the next due message, or for the next look for messages from other processes. */
  private schedule(): void {
    if (!this.running || this.stopping || this.cycle) return;
    const now = this.now();
    let next = now + this.settings.pollIntervalMs;
    for (const record of this.records.values()) {
      if (record.state === 'pending') next = Math.min(next, Math.max(record.nextAttemptAt, this.pausedUntil));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - now));
    this.timer.unref();
  }

  /** Sends the due messages (all pending ones when forced), as many at once as the settings allow. */
  private async runCycle(force: boolean): Promise<void> {
    if (this.running) await this.refresh();
    await this.giveUpExpired();

    const now = this.now();
    if (!force && now < this.pausedUntil) return;
    const due = [...this.records.values()]
      .filter((record) => record.state === 'pending' && !this.inFlight.has(record.id) && (force || record.nextAttemptAt <= now))
      .sort(compareRecords);

    let index = 0;
    let halted = false;
    const worker = async (): Promise<void> => {
      while (!halted && !this.stopping && index < due.length) {
        // Another path (retryNow, a give-up) may have changed the message since the list was made.
        const record = this.records.get(due[index++]!.id);
        if (!record || record.state !== 'pending' || this.inFlight.has(record.id)) continue;
        if ((await this.send(record)) === 'halt') halted = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.maxConnections, due.length) }, worker));
  }

  /** Fails pending messages whose give-up window has passed after at least one attempt. */
  private async giveUpExpired(): Promise<void> {
    const now = this.now();
    for (const record of this.records.values()) {
      if (record.state !== 'pending' || record.attempts === 0 || this.inFlight.has(record.id)) continue;
      if (now - record.windowStartedAt < this.settings.giveUpAfterMs) continue;
      await this.commitFailure(record, this.giveUpReason(record.lastError), now).catch((error: unknown) => {
        this.logger.error({ id: record.id, code: (error as ApiError).code }, 'give-up could not be stored');
      });
    }
  }

  private giveUpReason(last: OutboxReason | null): OutboxReason {
    const detail = String(last?.params.reply ?? last?.params.code ?? '');
    return { key: 'outbox.error.gaveUp', params: { days: Number((this.settings.giveUpAfterMs / DAY_MS).toFixed(1)), detail } };
  }

  private async commitFailure(record: OutboxRecord, reason: OutboxReason, now: number): Promise<void> {
    await this.commit({ ...record, state: 'failed', failedAt: now, lastError: reason });
    this.logger.error({ id: record.id, reason: reason.key, attempts: record.attempts }, 'message failed');
  }

  private async failAfterSend(record: OutboxRecord, reason: OutboxReason, now: number): Promise<void> {
    await this.commitAfterSend({ ...record, state: 'failed', failedAt: now, lastError: reason });
    this.logger.error({ id: record.id, reason: reason.key, attempts: record.attempts }, 'message failed');
  }

  private async send(record: OutboxRecord): Promise<SendOutcome> {
    const { id } = record;
    this.inFlight.add(id);
    try {
      return await this.sendOnce(record);
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async sendOnce(record: OutboxRecord): Promise<SendOutcome> {
    const { id } = record;
    let raw: Buffer;
    try {
      raw = await this.store.readMessage(id);
    } catch (error) {
      // The message file vanished or became unreadable after the queue was read; only this message is affected.
      const path = this.store.messagePath(id);
      this.logger.error({ id, path, code: (error as NodeJS.ErrnoException).code }, 'message file could not be read');
      await this.commitFailure(record, { key: 'outbox.error.corrupt', params: { path } }, this.now()).catch(() => undefined);
      return 'failed';
    }

    let sending: OutboxRecord;
    try {
      sending = { ...record, state: 'sending', attempts: record.attempts + 1, lastAttemptAt: this.now() };
      await this.commit(sending);
    } catch (error) {
      // Without the "sending" mark a crash could not tell that this message may have gone out, so it is not sent.
      this.logger.error({ id, code: (error as ApiError).code ?? (error as NodeJS.ErrnoException).code }, 'message could not be marked as sending');
      this.pausedUntil = this.now() + retryDelay(1, this.settings);
      return 'halt';
    }

    this.transport ??= createSmtpTransport(this.settings);
    const started = performance.now();
    try {
      const envelopeFrom = this.envelopeSender(raw);
      const info = (await this.transport.sendMail({ envelope: { from: envelopeFrom, to: [record.to] }, raw, signal: this.abortSends.signal })) as { response?: string };
      this.unreachableStreak = 0;
      const sent: OutboxRecord = { ...sending, state: 'sent', sentAt: this.now(), response: String(info.response ?? ''), lastError: null };
      await this.commitAfterSend(sent);
      this.logger.info({ id, attempts: sent.attempts, ms: Math.round(performance.now() - started) }, 'message sent');
      return 'sent';
    } catch (error) {
      return this.handleSendError(sending, error);
    }
  }

  /**
   * Stores the outcome of an SMTP attempt. When the write fails, memory still shows the
   * outcome, but the disk keeps "sending".
   */
  private async commitAfterSend(record: OutboxRecord): Promise<void> {
    try {
      await this.commit(record);
    } catch (error) {
      // NOTE: after a restart such a message is sent again with the same Message-ID, even if it was sent.
      this.logger.error({ id: record.id, state: record.state, code: (error as ApiError).code }, 'send outcome could not be stored');
      this.records.set(record.id, record);
      this.emit('change', toEntry(record));
    }
  }

  private async handleSendError(record: OutboxRecord, error: unknown): Promise<SendOutcome> {
    const { id } = record;
    const failure = classifySendError(error);
    const now = this.now();
    const responseCode = (error as { responseCode?: number }).responseCode;

    if (failure.kind === 'rejected') {
      await this.failAfterSend(record, failure.reason, now);
      return 'failed';
    }

    let nextAttemptAt = now + retryDelay(record.attempts, this.settings);
    if (failure.kind === 'unreachable') {
      this.unreachableStreak++;
      this.pausedUntil = Math.max(this.pausedUntil, now + retryDelay(this.unreachableStreak, this.settings));
      nextAttemptAt = this.pausedUntil;
      this.transport?.close();
      this.transport = null;
      // One warning per outage; the repeats go to the debug level.
      const level = this.unreachableStreak === 1 ? 'warn' : 'debug';
      this.logger[level]({ id, code: failure.reason.params.code, responseCode, retryInMs: nextAttemptAt - now }, 'mail server unreachable');
    } else {
      this.logger.warn({ id, responseCode, retryInMs: nextAttemptAt - now }, 'message deferred by the mail server');
    }

    if (now - record.windowStartedAt >= this.settings.giveUpAfterMs) {
      await this.failAfterSend(record, this.giveUpReason(failure.reason), now);
      return failure.kind === 'unreachable' ? 'halt' : 'failed';
    }
    await this.commitAfterSend({ ...record, state: 'pending', nextAttemptAt, lastError: failure.reason });
    return failure.kind === 'unreachable' ? 'halt' : 'pending';
  }
}

function compareRecords(a: OutboxRecord, b: OutboxRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}
