/** The knowledge base's part of the API contract, over the service and the workstation's chats. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { ApiError } from '../../shared/api/result';
import type { Chat } from '../../shared/chat/model';
import type { KnowledgeBase } from './knowledge-base';
import { suggestionQuery } from './suggestion-query';

type KnowledgeBaseHandlers = Pick<ApiHandlers, 'kb.search' | 'kb.article' | 'kb.suggest' | 'kb.status'>;

export function createKnowledgeBaseHandlers(knowledgeBase: KnowledgeBase, getChat: (chatId: string) => Chat | undefined): KnowledgeBaseHandlers {
  return {
    'kb.search': async ({ query, limit }) => (query.trim() === '' ? [] : knowledgeBase.search(query, limit)),

    'kb.article': async ({ path }) => {
      const article = await knowledgeBase.article(path);
      if (!article) throw new ApiError('kb.error.articleNotFound', { path });
      return article;
    },

    'kb.suggest': async ({ chatId, limit }) => {
      const chat = getChat(chatId);
      if (!chat) throw new ApiError('error.unknownChat', { chatId });
      const query = suggestionQuery(chat.messages.filter((message) => message.author === 'citizen').map((message) => message.text));
      return query === null ? [] : knowledgeBase.suggest(query, limit);
    },

    'kb.status': async () => knowledgeBase.status(),
  };
}
