/**
 * One agent's connection on /ws/agent: hello with the agent's name and token, then
 * take-next, messages, close, availability, transfer, follow-up-done and ping. Frames that arrive
 * while the hello's token is being checked wait for it, in order.
 */
import type WebSocket from 'ws';
import { agentFrameSchema, HUB_CLOSE_CODES } from '../shared/hub/protocol';
import type { AgentHandle, ChatRouter } from './chat-router';
import { sendError, serveConnection, type ConnectionContext } from './connection';

export interface AgentAuthentication {
  /** Resolves true when the name and token may open an agent session on this connection. */
  verify(name: string, token: string | undefined): Promise<boolean>;
}

export function attachAgent(socket: WebSocket, router: ChatRouter, auth: AgentAuthentication, context: ConnectionContext): void {
  let agent: AgentHandle | undefined;
  let ready: Promise<AgentHandle | undefined> = Promise.resolve(undefined);
  let closed = false;
  const { logger } = context;

  serveConnection(
    socket,
    agentFrameSchema,
    {
      role: 'agent',
      onHello(hello, link) {
        ready = auth.verify(hello.agentName, hello.token).then(async (allowed) => {
          if (closed) return undefined;
          if (!allowed) {
            logger.warn({ agentName: hello.agentName }, 'agent credentials rejected');
            sendError(link, 'unauthorized');
            link.close(HUB_CLOSE_CODES.unauthorized, 'unauthorized');
            return undefined;
          }
          agent = await router.agentHello(hello.agentName, link, { availability: hello.availability, resume: hello.resume });
          // The socket may have closed while the hello was being served.
          if (closed) router.agentDisconnected(agent);
          return agent;
        });
      },
      onFrame(frame, link) {
        ready = ready.then((current) => {
          if (!current || closed) return current;
          switch (frame.type) {
            case 'take-next':
              router.takeNext(current, frame.id);
              break;
            case 'message':
              router.agentMessage(current, frame.chatId, frame.id, frame.text);
              break;
            case 'close':
              router.agentClose(current, frame.chatId);
              break;
            case 'availability':
              router.setAvailability(current, frame.availability);
              break;
            case 'transfer':
              router.transfer(current, frame.id, frame.chatId, frame.toAgent, frame.note);
              break;
            case 'follow-up-done':
              router.markFollowUpDone(current, frame.id);
              break;
            case 'ping':
              link.send(JSON.stringify({ type: 'pong', id: frame.id, serverTime: Date.now() }));
              break;
          }
          return current;
        });
      },
      onClose() {
        closed = true;
        if (agent) router.agentDisconnected(agent);
      },
      logFields: () => ({ agentName: agent?.name }),
    },
    context,
  );
}
