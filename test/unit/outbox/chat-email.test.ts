import { describe, expect, it } from 'vitest';
import { composeChatEmail } from '../../../shared/outbox/chat-email';
import { answersByEmail, countOutbox } from '../../../shared/outbox/model';
import { emptyChatProtocol } from '../../../shared/protocol/chat-protocol';

const input = {
  chatId: 'c1',
  entityName: 'Alcaldía de Prueba',
  agentName: 'Ana Pérez',
  citizenName: 'Juan <Gómez>',
  answer: 'Primer párrafo.\n\nSegundo <script>alert(1)</script> párrafo.',
  messages: [
    { author: 'citizen' as const, text: '¿Y el "paz y salvo" & el predial?', at: Date.UTC(2026, 11, 4, 15, 0) },
    { author: 'system' as const, text: 'interno', at: Date.UTC(2026, 11, 4, 15, 1) },
    { author: 'agent' as const, text: 'Con gusto le ayudo.', at: Date.UTC(2026, 11, 4, 15, 2) },
  ],
};

describe('composeChatEmail', () => {
  it('escapes citizen text in html', () => {
    const { html } = composeChatEmail(input);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;paz y salvo&quot; &amp; el predial');
    expect(html).toContain('Juan &lt;Gómez&gt;');
    expect(html).not.toMatch(/<script>/);
  });

  it('has answer, transcript and signature', () => {
    const { text, subject } = composeChatEmail(input);
    expect(subject).toBe('Respuesta a su consulta en el chat de Alcaldía de Prueba');
    expect(text).toContain('Apreciado(a) Juan <Gómez>:');
    expect(text).toContain('Segundo <script>alert(1)</script> párrafo.');
    expect(text).toMatch(/\] Ciudadano o ciudadana: ¿Y el "paz y salvo" & el predial\?/);
    expect(text).toMatch(/\] Ana Pérez: Con gusto le ayudo\./);
    expect(text).not.toContain('interno');
    expect(text).toContain('Cordialmente,\nAna Pérez\nAlcaldía de Prueba');
  });

  it('uses a fallback without entity name', () => {
    const { subject, text } = composeChatEmail({ ...input, entityName: '  ', citizenName: null });
    expect(subject).toBe('Respuesta a su consulta en el chat de la entidad');
    expect(text.startsWith('Apreciado ciudadano o ciudadana:')).toBe(true);
  });
});

describe('outbox model helpers', () => {
  it('counts pending and failed', () => {
    expect(countOutbox([{ state: 'pending' }, { state: 'sending' }, { state: 'sent' }, { state: 'failed' }])).toEqual({ pending: 2, failed: 1 });
  });

  it('answers by email when cut or followed up', () => {
    expect(answersByEmail({ status: 'cut' })).toBe(true);
    expect(answersByEmail({ status: 'active' })).toBe(false);
    expect(answersByEmail({ status: 'active', protocol: { ...emptyChatProtocol(1), followUpEmail: 'a@b.co' } })).toBe(true);
    expect(answersByEmail({ status: 'closed', protocol: { ...emptyChatProtocol(1), followUpEmail: 'a@b.co' } })).toBe(false);
  });
});
