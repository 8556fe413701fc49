import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS, startDemoCitizens } from '../../../hub/demo/citizens';
import { startHub, type HubHandle } from '../../../hub/server';
import { silentLogger } from '../../../shared/log/logger';
import { joinAsAgent } from './hub-client';

let hub: HubHandle;

beforeEach(async () => {
  hub = await startHub({ port: 0, timings: { queueFrameIntervalMs: 10 } });
});

afterEach(async () => {
  await hub.close();
});

describe('demo citizens', () => {
  it('join in turn and answer the greeting', async () => {
    const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
    const demo = startDemoCitizens({ citizenWsUrl: hub.agentUrl.replace('/ws/agent', '/ws/citizen'), count: 3, logger: silentLogger, arrivalIntervalMs: 40, replyDelayMs: 10 });
    try {
      // Each citizen's request becomes the excerpt of its queue entry once the hub stored it.
      const lastExcerpts = (): boolean[] => {
        const queue = agent.frames.filter((frame) => frame.type === 'queue').at(-1);
        return queue?.type === 'queue' ? queue.entries.map((entry) => entry.excerpt.length > 20) : [];
      };
      await expect.poll(lastExcerpts, { timeout: 3_000 }).toEqual([true, true, true]);

      agent.send({ type: 'take-next' });
      const { chat } = await agent.next('chat');
      expect(chat.messages[0]?.text).toBe(DEMO_PERSONAS[0]!.request);

      agent.send({ type: 'message', chatId: chat.id, id: 'a1', text: 'Buenas tardes, soy Ana Pérez. ¿Me indica su nombre y su correo?' });
      const reply = await agent.next('message');
      expect(reply.message.author).toBe('citizen');
      expect(reply.message.text).toMatch(/^Me llamo [\p{L} ]+ y mi correo es [a-z.]+@example\.org\.$/u);

      agent.send({ type: 'message', chatId: chat.id, id: 'a2', text: '¿En qué le puedo servir?' });
      expect((await agent.next('message')).message.text).toBe(DEMO_PERSONAS[0]!.detail);
    } finally {
      await demo.stop();
    }
    // Stopping closes every demo connection, so each chat's agent hears that its citizen left.
    expect(await agent.next('citizen-left')).toMatchObject({ type: 'citizen-left' });
    agent.close();
  });

  it('use only the example.org domain', () => {
    for (const persona of DEMO_PERSONAS) expect(persona.email).toMatch(/^[a-z.]+@example\.org$/);
  });
});
