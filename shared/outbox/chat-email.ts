/**
 * The email that finishes a cut chat or a "tiempo adicional" follow-up: the agent's
 * answer, the chat's transcript and the entity's signature, as plain text and as
 * HTML. Every text the citizen or the agent wrote is escaped in the HTML part.
 */
import type { ChatMessage } from '../chat/model';
import { translate, type Locale } from '../i18n/catalog';

export interface ChatEmailInput {
  chatId: string;
  entityName: string;
  agentName: string | null;
  citizenName: string | null;
  /** The answer the agent prepared in the composer. */
  answer: string;
  messages: readonly Pick<ChatMessage, 'author' | 'text' | 'at'>[];
  locale?: Locale;
  /** Time zone of the transcript's clock times; the workstations run in Colombia. */
  timeZone?: string;
}

export interface ChatEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function paragraphsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

export function composeChatEmail(input: ChatEmailInput): ChatEmail {
  const locale = input.locale ?? 'es';
  const say = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const entity = input.entityName.trim() || say('email.entityFallback');
  const clock = new Intl.DateTimeFormat('es-CO', { dateStyle: 'short', timeStyle: 'short', timeZone: input.timeZone ?? 'America/Bogota' });

  const greeting = input.citizenName ? say('email.greetingNamed', { name: input.citizenName }) : say('email.greeting');
  const lines = input.messages
    .filter((message) => message.author !== 'system')
    .map((message) => ({
      who: message.author === 'citizen' ? say('email.transcript.citizen') : (input.agentName ?? say('email.transcript.agent')),
      at: clock.format(message.at),
      text: message.text,
    }));
  const signature = [input.agentName, entity].filter((part): part is string => Boolean(part));

  const text = [
    greeting,
    '',
    input.answer.trim(),
    '',
    say('email.closing'),
    ...signature,
    '',
    `-- ${say('email.transcript.title')} --`,
    ...lines.map((line) => `[${line.at}] ${line.who}: ${line.text}`),
    '',
  ].join('\n');

  const transcriptRows = lines.map((line) => `<li><strong>${escapeHtml(line.who)}</strong> <small>${escapeHtml(line.at)}</small><br>\n${escapeHtml(line.text).replace(/\r?\n/g, '<br>\n')}</li>`);
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(say('email.subject', { entity }))}</title></head><body>`,
    `<p>${escapeHtml(greeting)}</p>`,
    paragraphsHtml(input.answer),
    `<p>${escapeHtml(say('email.closing'))}<br>\n${signature.map(escapeHtml).join('<br>\n')}</p>`,
    '<hr>',
    `<h2>${escapeHtml(say('email.transcript.title'))}</h2>`,
    `<ol>\n${transcriptRows.join('\n')}\n</ol>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject: say('email.subject', { entity }), text, html };
}
