// Suggestions for a whole chat, through the kb.suggest handler and the real engine over the sample material.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chat, ChatMessage } from '../../../shared/chat/model';
import { createKnowledgeBaseHandlers } from '../../../main/knowledge-base/api-handlers';
import { KnowledgeBaseEngine } from '../../../main/knowledge-base/engine';
import type { KnowledgeBase } from '../../../main/knowledge-base/knowledge-base';

const CERTIFICATE = 'certificado-de-residencia.md';

let engine: KnowledgeBaseEngine;
beforeAll(async () => {
  engine = new KnowledgeBaseEngine({ folder: resolve('kb-sample'), maxAgeDays: 365, now: () => Date.parse('2026-12-01T12:00:00Z') });
  await engine.refresh();
});

/** Returns the suggested paths for a chat with these citizen messages, best first. */
async function suggestionsFor(citizenTexts: string[]): Promise<string[]> {
  const messages: ChatMessage[] = citizenTexts.map((text, index) => ({ chatId: 'c1', seq: index + 1, id: `m${index}`, author: 'citizen', text, at: 1000 + index }));
  const chat: Chat = { id: 'c1', arrivedAt: 1000, status: 'active', agentName: 'Ana Pérez', messages };
  // Only suggest is called; the engine runs in process instead of in its worker thread.
  const knowledgeBase = { suggest: async (message: string, limit: number) => engine.suggest(message, limit) } as unknown as KnowledgeBase;
  const handlers = createKnowledgeBaseHandlers(knowledgeBase, (chatId) => (chatId === chat.id ? chat : undefined));
  const results = await handlers['kb.suggest']({ chatId: 'c1', limit: 3 });
  return results.map((result) => result.path);
}

describe('chat suggestions', () => {
  const request = 'Buenas tardes. Necesito un certificado de residencia para presentarlo en la universidad. ¿Cómo lo solicito?';
  const steps = [
    'Me llamo Marta Lucía Gómez y mi correo es marta.gomez@example.org.',
    'Vivo en el barrio San Antonio desde hace seis años y lo necesito antes del viernes.',
    'Muchas gracias por la información.',
    'ok',
    'Buenas noches',
  ];

  it('keeps the first request on top', async () => {
    expect((await suggestionsFor([request]))[0]).toBe(CERTIFICATE);
    for (let count = 1; count <= steps.length; count++) {
      const texts = [request, ...steps.slice(0, count)];
      expect((await suggestionsFor(texts))[0], `after "${texts.at(-1)}"`).toBe(CERTIFICATE);
    }
  });

  it('adds a later request', async () => {
    const paths = await suggestionsFor([request, '¿Y cuánto se demora? ¿También me pueden decir el horario de la sede?']);
    expect(paths[0]).toBe(CERTIFICATE);
    expect(paths).toContain('horarios-y-sedes.md');
  });

  it('suggests nothing for courtesy and data', async () => {
    expect(await suggestionsFor(['Buenas tardes', 'Me llamo Marta Lucía Gómez, marta.gomez@example.org', 'Muchas gracias por la información.'])).toEqual([]);
  });

  it('rejects an unknown chat', async () => {
    const handlers = createKnowledgeBaseHandlers({} as KnowledgeBase, () => undefined);
    await expect(handlers['kb.suggest']({ chatId: 'nada', limit: 3 })).rejects.toMatchObject({ code: 'error.unknownChat' });
  });
});
