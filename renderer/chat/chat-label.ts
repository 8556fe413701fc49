/**
 * The short name of a chat on its tab: the citizen's confirmed name, else the first
 * words of their request, else "Ciudadano N" by the chat's place among the open tabs.
 * The hub's chat ids never show, because they mean nothing to the agent.
 */
import type { Chat } from '../../shared/chat/model';
import { t } from '../i18n';

/** Words of the request a tab shows before it cuts the text with "…". */
const REQUEST_WORDS = 4;
/** Greetings that open most first messages and tell the chats apart poorly. */
const LEADING_GREETING = /^(?:(?:hola|buen(?:os|as)?|d[ií]as?|tardes?|noches?|saludos|cordial(?:mente)?|muy|qu[eé] tal)(?![\p{L}])[\s,.;:!-]*)+/iu;
const EMAIL_OR_URL = /\S+@\S+|\bhttps?:\/\/\S+|\bwww\.\S+/giu;

/** Returns the first words of the citizen's request, or null when no message has any beyond a greeting. */
export function requestExcerpt(chat: Chat): string | null {
  for (const message of chat.messages) {
    if (message.author !== 'citizen') continue;
    const text = message.text.replace(EMAIL_OR_URL, ' ').replace(/\s+/g, ' ').trim().replace(LEADING_GREETING, '');
    const words = text.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word));
    if (words.length === 0) continue;

    const firstWords = words.slice(0, REQUEST_WORDS).join(' ').replace(/[,.;:!?¡¿-]+$/u, '');
    const excerpt = firstWords.charAt(0).toLocaleUpperCase('es') + firstWords.slice(1);
    return words.length > REQUEST_WORDS ? `${excerpt}…` : excerpt;
  }
  return null;
}

/** Returns the chat's label among the agent's open chats, in the order the tabs show them. */
export function chatLabel(chat: Chat, chats: readonly Chat[]): string {
  const name = chat.protocol?.citizenName?.trim();
  if (name) return name;
  const excerpt = requestExcerpt(chat);
  if (excerpt) return excerpt;
  const position = chats.findIndex((known) => known.id === chat.id);
  return t('chat.citizenNumber', { number: (position < 0 ? chats.length : position) + 1 });
}

/** Returns the tab's text: the chat's label, with its status in lowercase brackets once the chat is cut or closed. */
export function tabLabel(chat: Chat, chats: readonly Chat[]): string {
  const label = chatLabel(chat, chats);
  if (chat.status === 'cut') return `${label} (${t('chat.cutStatus')})`;
  return chat.status === 'closed' ? `${label} (${t('chat.closedTag')})` : label;
}
