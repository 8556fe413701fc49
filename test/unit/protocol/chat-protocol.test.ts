import { describe, expect, it } from 'vitest';
import { budgetShare, CHAT_TIME_BUDGET_MS, emptyChatProtocol, EXTRA_TIME_NOTICE_SHARE } from '../../../shared/protocol/chat-protocol';
import { formatTranscript, transcriptFileName } from '../../../main/chat/transcript-file';

describe('budgetShare', () => {
  it('is zero before the chat is taken', () => {
    expect(budgetShare(undefined, 5000)).toBe(0);
    expect(budgetShare(emptyChatProtocol(null), 5000)).toBe(0);
  });

  it('reaches the notice at eight minutes', () => {
    const protocol = emptyChatProtocol(1000);
    expect(CHAT_TIME_BUDGET_MS).toBe(600_000);
    expect(budgetShare(protocol, 1000 + 479_999)).toBeLessThan(EXTRA_TIME_NOTICE_SHARE);
    expect(budgetShare(protocol, 1000 + 480_000)).toBe(EXTRA_TIME_NOTICE_SHARE);
    expect(budgetShare(protocol, 0)).toBe(0);
  });
});

describe('transcript file', () => {
  it('keeps a safe chat id readable', () => {
    expect(transcriptFileName('c-12_ab')).toBe('chat-c-12_ab.json');
  });

  it('hex-encodes any other id', () => {
    expect(transcriptFileName('../x')).toBe(`chat-${Buffer.from('../x').toString('hex')}.json`);
    expect(transcriptFileName('a'.repeat(65))).toMatch(/^chat-[0-9a-f]+\.json$/);
  });

  it('writes messages without chat ids', () => {
    const chat = {
      id: 'c1',
      arrivedAt: 1,
      status: 'closed' as const,
      agentName: 'Ana Pérez',
      messages: [{ chatId: 'c1', seq: 1, id: 'm1', author: 'citizen' as const, text: 'Hola', at: 2 }],
    };
    const transcript = JSON.parse(formatTranscript(chat, 9));
    expect(transcript).toMatchObject({ version: 1, chatId: 'c1', closedAt: 9, takenAt: null, citizen: { name: null, email: null }, reviewOverrides: [] });
    expect(transcript.messages).toEqual([{ seq: 1, author: 'citizen', text: 'Hola', at: 2 }]);
  });
});
