import { describe, expect, it } from 'vitest';
import type { Chat, ChatMessage } from '../../../shared/chat/model';
import { emptyChatProtocol } from '../../../shared/protocol/chat-protocol';
import { chatLabel, requestExcerpt, tabLabel } from '../../../renderer/chat/chat-label';

function chatWith(id: string, citizenTexts: string[], citizenName?: string): Chat {
  const messages: ChatMessage[] = citizenTexts.map((text, index) => ({ chatId: id, seq: index + 1, id: `m-${index}`, author: 'citizen', text, at: 1000 + index }));
  const chat: Chat = { id, arrivedAt: 1000, status: 'active', agentName: 'Ana Pérez', messages };
  if (citizenName) chat.protocol = { ...emptyChatProtocol(1000), citizenName };
  return chat;
}

describe('chatLabel', () => {
  it('shows the confirmed name', () => {
    const chat = chatWith('0mx9kbkzq1', ['Necesito un certificado de residencia'], 'Juan Gómez');
    expect(chatLabel(chat, [chat])).toBe('Juan Gómez');
  });

  it.each([
    ['Consulta sobre predial', 'Consulta sobre predial'],
    ['Hola, necesito un certificado de residencia para la universidad', 'Necesito un certificado de…'],
    ['Buenas tardes. ¿Cómo pago el impuesto predial?', '¿Cómo pago el impuesto…'],
    ['buenos días, mi correo es ana@example.com', 'Mi correo es'],
    ['Holanda me pide un apostillado', 'Holanda me pide un…'],
  ])('shows the request %j as %j', (text, label) => {
    const chat = chatWith('0mx9kbkzq1', [text]);
    expect(chatLabel(chat, [chat])).toBe(label);
  });

  it('skips a greeting-only first message', () => {
    const chat = chatWith('0mx9kbkzq1', ['Hola', 'Buenas tardes!', 'Quiero pedir una cita']);
    expect(requestExcerpt(chat)).toBe('Quiero pedir una cita');
  });

  it('numbers chats without a request', () => {
    const first = chatWith('0mx9kbkzq1', ['Hola']);
    const second = chatWith('0mx9zzzzq2', []);
    const third = chatWith('0mx9yyyyq3', ['Buenas noches 🙂']);
    const chats = [first, second, third];
    expect(chats.map((chat) => chatLabel(chat, chats))).toEqual(['Ciudadano 1', 'Ciudadano 2', 'Ciudadano 3']);
  });

  it('never shows the chat id', () => {
    const chats = [chatWith('0mx9kbkzq1', ['Hola']), chatWith('0mx9zzzzq2', ['Buenas tardes']), chatWith('0mx9yyyyq3', [], 'Luisa Ríos')];
    for (const chat of chats) expect(chatLabel(chat, chats)).not.toContain('0mx9');
  });
});

describe('tabLabel', () => {
  it.each([
    ['active', 'Juan Gómez'],
    ['cut', 'Juan Gómez (cortado)'],
    ['closed', 'Juan Gómez (cerrado)'],
  ] as const)('writes the %s status in lowercase', (status, label) => {
    const chat = { ...chatWith('0mx9kbkzq1', ['Necesito un certificado'], 'Juan Gómez'), status };
    expect(tabLabel(chat, [chat])).toBe(label);
  });
});
