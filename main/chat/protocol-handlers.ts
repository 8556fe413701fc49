/**
 * The protocol's part of the API contract: the citizen's data, the analysis, the
 * email follow-up, reviews overridden and closing a chat with its transcript.
 * Logs carry chat ids only, never the citizen's name or email.
 */
import type { ApiHandlers } from '../../shared/api/dispatch';
import type { ApiEvent, ApiEventPayload } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/result';
import type { Chat } from '../../shared/chat/model';
import type { Logger } from '../../shared/log/logger';
import type { ChatProtocol, ReviewOverride } from '../../shared/protocol/chat-protocol';
import { writeTranscript } from './transcript-file';
import type { WorkspaceState } from './workspace-state';

type ProtocolHandlers = Pick<ApiHandlers, 'chat.setCitizen' | 'chat.setAnalysis' | 'chat.setFollowUp' | 'chat.recordOverride' | 'chat.close'>;

export interface ProtocolHandlerOptions {
  state: WorkspaceState;
  dataDir: string;
  emit: <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;
  /** Ends the chat on the hub, returning false when the hub cannot be reached now. */
  closeOnHub: (chatId: string) => boolean;
  logger: Logger;
  now?: () => number;
}

/** Returns the protocol with one more reply sent despite the pre-send review, each rule named once. */
export function withReviewOverride(protocol: ChatProtocol, override: ReviewOverride): ChatProtocol {
  return { ...protocol, reviewOverrides: [...protocol.reviewOverrides, { ...override, rules: [...new Set(override.rules)] }] };
}

export function createProtocolHandlers({ state, dataDir, emit, closeOnHub, logger, now = Date.now }: ProtocolHandlerOptions): ProtocolHandlers {
  /** Applies a change to a known chat's record and emits chat.updated to every renderer. */
  function update(chatId: string, change: (protocol: ChatProtocol) => ChatProtocol): Chat {
    const chat = state.updateProtocol(chatId, change);
    if (!chat) throw new ApiError('error.unknownChat', { chatId });
    emit('chat.updated', { chat });
    return chat;
  }

  return {
    'chat.setCitizen': async ({ chatId, name, email }) => {
      const chat = update(chatId, (protocol) => ({ ...protocol, citizenName: name ?? protocol.citizenName, citizenEmail: email ?? protocol.citizenEmail }));
      logger.info({ chatId, name: name !== undefined, email: email !== undefined }, 'citizen data stored');
      return chat;
    },

    'chat.setAnalysis': async ({ chatId, analysis }) => update(chatId, (protocol) => ({ ...protocol, analysis })),

    'chat.setFollowUp': async ({ chatId, email }) => {
      const chat = update(chatId, (protocol) => ({ ...protocol, followUpEmail: email }));
      logger.info({ chatId }, 'chat marked for email follow-up');
      return chat;
    },

    'chat.recordOverride': async ({ chatId, messageSeq, rules }) => {
      const known = state.getChat(chatId);
      if (!known?.messages.some((message) => message.seq === messageSeq && message.author === 'agent')) {
        throw new ApiError('error.unknownMessage', { chatId, seq: messageSeq });
      }
      const chat = update(chatId, (protocol) => withReviewOverride(protocol, { at: now(), messageSeq, rules }));
      logger.info({ chatId, messageSeq, rules }, 'reply sent despite the pre-send review');
      return chat;
    },

    'chat.close': async ({ chatId }) => {
      const known = state.getChat(chatId);
      if (!known) throw new ApiError('error.unknownChat', { chatId });

      // The transcript is stored before the hub hears of it, so a failed write leaves the chat open.
      const wasActive = known.status === 'active';
      const closedAt = now();
      const transcriptFile = await writeTranscript(dataDir, { ...known, status: 'closed' }, closedAt);
      if (wasActive && !closeOnHub(chatId)) logger.warn({ chatId }, 'hub unreachable; chat closed on this workstation only');

      state.closeChat(chatId);
      const chat = update(chatId, (protocol) => ({ ...protocol, transcriptFile }));
      logger.info({ chatId, messages: chat.messages.length, transcriptFile }, 'chat closed; transcript stored');
      return chat;
    },
  };
}
