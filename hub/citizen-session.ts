/** One citizen's connection on /ws/citizen: hello (a new chat or a resume), messages and leave. */
import type WebSocket from 'ws';
import { citizenFrameSchema } from '../shared/hub/protocol';
import type { Logger } from '../shared/log/logger';
import type { ChatRouter } from './chat-router';
import { sendError, serveConnection } from './connection';

export function attachCitizen(socket: WebSocket, router: ChatRouter, logger: Logger, helloTimeoutMs: number): void {
  let chatId = '';

  serveConnection(
    socket,
    citizenFrameSchema,
    {
      role: 'citizen',
      onHello(hello, link) {
        if (hello.resume && router.resumeChat(hello.resume.chatId, hello.resume.token, link)) {
          chatId = hello.resume.chatId;
          return;
        }
        // The catalog's text for resume-rejected adds that a new chat was opened, and the welcome follows.
        if (hello.resume) sendError(link, 'resume-rejected');
        chatId = router.openChat(link);
      },
      onFrame(frame) {
        if (frame.type === 'message') router.citizenMessage(chatId, frame.id, frame.text);
        else router.citizenLeave(chatId);
      },
      onClose(link) {
        router.citizenDisconnected(chatId, link);
      },
      logFields: () => ({ chatId }),
    },
    logger,
    helloTimeoutMs,
  );
}
