/** One agent's connection on /ws/agent: hello with the agent's name, take-next, messages, close and ping. */
import type WebSocket from 'ws';
import { agentFrameSchema } from '../shared/hub/protocol';
import type { Logger } from '../shared/log/logger';
import type { AgentHandle, ChatRouter } from './chat-router';
import { serveConnection } from './connection';

export function attachAgent(socket: WebSocket, router: ChatRouter, logger: Logger, helloTimeoutMs: number): void {
  let agent: AgentHandle | undefined;

  serveConnection(
    socket,
    agentFrameSchema,
    {
      role: 'agent',
      onHello(hello, link) {
        agent = router.agentHello(hello.agentName, link);
      },
      onFrame(frame, link) {
        if (!agent) return;
        switch (frame.type) {
          case 'take-next':
            router.takeNext(agent, frame.id);
            break;
          case 'message':
            router.agentMessage(agent, frame.chatId, frame.id, frame.text);
            break;
          case 'close':
            router.agentClose(agent, frame.chatId);
            break;
          case 'ping':
            link.send(JSON.stringify({ type: 'pong', id: frame.id, serverTime: Date.now() }));
            break;
        }
      },
      onClose() {
        if (agent) router.agentDisconnected(agent);
      },
      logFields: () => ({ agentName: agent?.name }),
    },
    logger,
    helloTimeoutMs,
  );
}
