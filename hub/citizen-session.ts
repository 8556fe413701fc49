/** One citizen's connection on /ws/citizen: hello (a new chat or a resume), messages, a follow-up request and leave. */
import type WebSocket from 'ws';
import { citizenFrameSchema } from '../shared/hub/protocol';
import type { ChatRouter } from './chat-router';
import { sendError, serveConnection, type ConnectionContext } from './connection';

export function attachCitizen(socket: WebSocket, router: ChatRouter, context: ConnectionContext): void {
  let chatId = '';
  /** Set by "leave": the chat is over for this connection, and later frames get "chat-closed". */
  let left = false;

  serveConnection(
    socket,
    citizenFrameSchema,
    {
      role: 'citizen',
      onHello(hello, link) {
        if (hello.resume && router.resumeChat(hello.resume, link)) {
          chatId = hello.resume.chatId;
          return;
        }
        // The catalog's text for resume-rejected adds that a new chat was opened, and the welcome follows.
        if (hello.resume) sendError(link, 'resume-rejected');
        chatId = router.openChat(link);
      },
      onFrame(frame, link) {
        if (left) {
          if (frame.type !== 'leave') sendError(link, 'chat-closed', chatId, frame.id);
          return;
        }
        switch (frame.type) {
          case 'message':
            router.citizenMessage(chatId, frame.id, frame.text);
            break;
          case 'follow-up':
            router.citizenFollowUp(chatId, frame.id, frame.email, frame.text);
            break;
          case 'leave':
            left = true;
            router.citizenLeave(chatId);
            break;
        }
      },
      onClose(link) {
        router.citizenDisconnected(chatId, link);
      },
      logFields: () => ({ chatId }),
    },
    context,
  );
}
