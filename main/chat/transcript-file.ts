/**
 * The transcript of a closed chat, written by the workstation to
 * <data>/transcripts/ as one JSON file per chat: the messages, the citizen's data,
 * the agent's analysis, the email follow-up, the note of a colleague who transferred
 * the chat, and every reply sent despite the pre-send review. Written atomically, so a crash leaves the old file or the new one.
 */
import { join } from 'node:path';
import type { Chat } from '../../shared/chat/model';
import { emptyChatProtocol } from '../../shared/protocol/chat-protocol';
import { writeFileAtomic } from '../storage/atomic-file';

export const TRANSCRIPTS_FOLDER = 'transcripts';

/** Returns a file name stem for a chat: the chat id when it is a safe file name, its UTF-8 bytes in hex otherwise. */
export function chatFileStem(chatId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(chatId) ? chatId : Buffer.from(chatId, 'utf8').toString('hex');
}

export function transcriptFileName(chatId: string): string {
  return `chat-${chatFileStem(chatId)}.json`;
}

/**
 * Formats the transcript as JSON. reviewOverrides names a chat reply by its messageSeq and an
 * email answer by its outboxId and Message-ID.
 */
export function formatTranscript(chat: Chat, closedAt: number): string {
  const protocol = chat.protocol ?? emptyChatProtocol();
  const transcript = {
    version: 1,
    chatId: chat.id,
    agentName: chat.agentName,
    arrivedAt: chat.arrivedAt,
    takenAt: protocol.takenAt,
    closedAt,
    citizen: { name: protocol.citizenName, email: protocol.citizenEmail },
    analysis: protocol.analysis,
    followUpEmail: protocol.followUpEmail,
    reviewOverrides: protocol.reviewOverrides,
    emailAnswers: protocol.emailAnswers ?? [],
    transferredFrom: protocol.transferredFrom ?? null,
    messages: chat.messages.map(({ seq, author, text, at }) => ({ seq, author, text, at })),
  };
  return `${JSON.stringify(transcript, null, 2)}\n`;
}

/** Writes the chat's transcript and returns its file name under <data>/transcripts/. */
export async function writeTranscript(dataDir: string, chat: Chat, closedAt: number): Promise<string> {
  const fileName = transcriptFileName(chat.id);
  await writeFileAtomic(join(dataDir, TRANSCRIPTS_FOLDER, fileName), formatTranscript(chat, closedAt));
  return fileName;
}
