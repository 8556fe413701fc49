/**
 * Replies the agent sent while the hub was unreachable, kept in
 * <data>/send-queue.json until the hub stores them. Each reply gets its client
 * message id when it is queued and keeps it for every attempt, and the hub stores
 * a message id once, so a reply resent after a crash or a lost ack is never shown
 * twice. Replies go out in the order they were queued.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChatMessage } from '../../shared/chat/model';
import type { Logger } from '../../shared/log/logger';
import { writeFileAtomic } from '../storage/atomic-file';

/** Read also by main/privacy: the retention sweep at start and `atiende datos`, which rewrite it only while the workstation is stopped. */
export const SEND_QUEUE_FILE = 'send-queue.json';

const queuedReplySchema = z.object({ chatId: z.string().min(1), id: z.string().min(1).max(64), text: z.string(), queuedAt: z.number() });
export type QueuedReply = z.infer<typeof queuedReplySchema>;
const queueFileSchema = z.object({ version: z.literal(1), replies: z.array(queuedReplySchema) });

/** Sends one reply with its fixed id and resolves with the message as the hub stored it. */
export type SendWithId = (chatId: string, text: string, id: string) => Promise<ChatMessage>;

export interface DeliveryOutcome {
  delivered: ChatMessage[];
  /** Replies the hub rejected for good, for example because the chat was closed meanwhile. They are dropped and logged. */
  dropped: number;
}

export class SendQueue {
  private replies: QueuedReply[] = [];
  /** The write in progress. Writes run one after another, so the file always contains the latest list. */
  private writing: Promise<void> = Promise.resolve();
  private flushing: Promise<DeliveryOutcome> | null = null;

  private constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  /** Opens the queue of a data folder. A missing file is an empty queue, and an unreadable one is moved aside and logged. */
  static async open(dataDir: string, logger: Logger): Promise<SendQueue> {
    const queue = new SendQueue(join(dataDir, SEND_QUEUE_FILE), logger.child({ module: 'send-queue' }));
    try {
      queue.replies = queueFileSchema.parse(JSON.parse(await readFile(queue.path, 'utf8'))).replies;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        const keptAs = `${queue.path}.corrupt-${Date.now()}`;
        await rename(queue.path, keptAs).catch(() => undefined);
        queue.logger.error({ path: queue.path, keptAs, code: code ?? 'invalid' }, 'send queue file is unreadable; moved aside, starting empty');
      }
    }
    if (queue.replies.length > 0) queue.logger.info({ replies: queue.replies.length }, 'queued replies loaded');
    return queue;
  }

  get size(): number {
    return this.replies.length;
  }

  list(): QueuedReply[] {
    return [...this.replies];
  }

  /** Queues a reply and resolves once the queue is on disk. */
  async add(chatId: string, text: string, now = Date.now()): Promise<QueuedReply> {
    const reply: QueuedReply = { chatId, id: randomUUID(), text, queuedAt: now };
    this.replies.push(reply);
    await this.save();
    this.logger.info({ chatId, id: reply.id, queued: this.replies.length }, 'reply queued while the hub is unreachable');
    return reply;
  }

  /**
   * Sends the queued replies in order. It stops at the first reply that fails for lack
   * of a connection, which stays queued with the ones after it. Concurrent calls share one run.
   */
  deliver(send: SendWithId, isConnectionError: (error: unknown) => boolean): Promise<DeliveryOutcome> {
    this.flushing ??= this.deliverAll(send, isConnectionError).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async deliverAll(send: SendWithId, isConnectionError: (error: unknown) => boolean): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { delivered: [], dropped: 0 };
    while (this.replies.length > 0) {
      const reply = this.replies[0]!;
      try {
        outcome.delivered.push(await send(reply.chatId, reply.text, reply.id));
      } catch (error) {
        if (isConnectionError(error)) break;
        outcome.dropped++;
        this.logger.warn({ chatId: reply.chatId, id: reply.id, code: (error as { code?: string }).code }, 'queued reply rejected by the hub; dropped');
      }
      this.replies.shift();
      await this.save();
    }
    if (outcome.delivered.length > 0 || outcome.dropped > 0) this.logger.info({ delivered: outcome.delivered.length, dropped: outcome.dropped, left: this.replies.length }, 'queued replies sent');
    return outcome;
  }

  private save(): Promise<void> {
    const text = `${JSON.stringify({ version: 1, replies: this.replies })}\n`;
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, text));
    return this.writing;
  }
}
