// The send queue over a real temporary folder: order, fixed ids, a stop on a lost link, and a damaged file.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/result';
import type { ChatMessage } from '../../../shared/chat/model';
import { silentLogger } from '../../../shared/log/logger';
import { SEND_QUEUE_FILE, SendQueue } from '../../../main/chat/send-queue';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'atiende-send-queue-'));
  folders.push(path);
  return path;
}

const isConnectionError = (error: unknown) => error instanceof ApiError && error.code === 'error.hubUnavailable';

describe('SendQueue', () => {
  it('resends with the same ids after a lost link', async () => {
    const dataDir = folder();
    const queue = await SendQueue.open(dataDir, silentLogger);
    const first = await queue.add('c1', 'uno');
    const second = await queue.add('c1', 'dos');

    const attempts: string[] = [];
    const lost = await queue.deliver(async (chatId, text, id) => {
      attempts.push(id);
      throw new ApiError('error.hubUnavailable');
    }, isConnectionError);
    expect(lost).toEqual({ delivered: [], dropped: 0 });

    // A restart reads the same replies, which go out in order with their first ids.
    const reopened = await SendQueue.open(dataDir, silentLogger);
    const sent: ChatMessage[] = [];
    const outcome = await reopened.deliver(async (chatId, text, id) => {
      attempts.push(id);
      const message: ChatMessage = { chatId, seq: sent.length + 1, id, author: 'agent', text, at: 1 };
      sent.push(message);
      return message;
    }, isConnectionError);
    expect(outcome.delivered.map((message) => message.text)).toEqual(['uno', 'dos']);
    expect(attempts).toEqual([first.id, first.id, second.id]);
    expect(reopened.size).toBe(0);
  });

  it('drops a reply the hub rejects', async () => {
    const queue = await SendQueue.open(folder(), silentLogger);
    await queue.add('closed-chat', 'tarde');
    const outcome = await queue.deliver(async () => {
      throw new ApiError('error.unknownChat');
    }, isConnectionError);
    expect(outcome).toEqual({ delivered: [], dropped: 1 });
    expect(queue.size).toBe(0);
  });

  it('moves a damaged file aside', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, SEND_QUEUE_FILE), '{"version":1,"replies":[');
    const queue = await SendQueue.open(dataDir, silentLogger);
    expect(queue.size).toBe(0);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${SEND_QUEUE_FILE}.corrupt-`))).toBe(true);
  });
});
