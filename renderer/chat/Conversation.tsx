/** The messages of the open chat, as a live log that follows new messages while its end is in view. */
import { useLayoutEffect, useRef } from 'react';
import type { Author, Chat } from '../../shared/chat/model';
import type { MessageKey } from '../../shared/i18n/catalog';
import { t } from '../i18n';

const AUTHOR_KEYS: Record<Author, MessageKey> = { citizen: 'chat.citizen', agent: 'chat.agent', system: 'chat.system' };

/** Distance from the bottom, in pixels, within which the log keeps following new messages. */
const FOLLOW_MARGIN_PX = 48;

const timeFormat = new Intl.DateTimeFormat('es-CO', { hour: '2-digit', minute: '2-digit' });

export function Conversation({ chat }: { chat: Chat }) {
  const log = useRef<HTMLDivElement>(null);
  // True while the newest message is in view; an agent reading older messages is not pulled down.
  const following = useRef(true);
  const count = chat.messages.length;
  const lastAuthor = chat.messages.at(-1)?.author;

  useLayoutEffect(() => {
    following.current = true;
  }, [chat.id]);

  useLayoutEffect(() => {
    const element = log.current;
    if (element && (following.current || lastAuthor === 'agent')) element.scrollTop = element.scrollHeight;
  }, [count, chat.id, lastAuthor]);

  function onScroll() {
    const element = log.current;
    if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_MARGIN_PX;
  }

  return (
    // A div, not a list: the log role would hide the list from assistive technology and orphan its items.
    <div className="conversation" role="log" aria-label={t('chat.conversation')} aria-live="polite" ref={log} tabIndex={0} onScroll={onScroll}>
      {chat.messages.map((message) => (
        <article key={message.seq} className={`message message--${message.author}`}>
          <div className="message__meta">
            <span className="message__author">{t(AUTHOR_KEYS[message.author])}</span>{' '}
            <time dateTime={new Date(message.at).toISOString()}>{t('chat.time', { time: timeFormat.format(message.at) })}</time>
          </div>
          <p className="message__text">{message.text}</p>
        </article>
      ))}
      {/* A transcript file is written only when the agent closes the chat, so it tells who ended it. */}
      {chat.status === 'closed' && (
        <p className="message message--notice">{t(chat.protocol?.transcriptFile ? 'chat.closedByAgent' : 'chat.citizenLeft')}</p>
      )}
    </div>
  );
}
