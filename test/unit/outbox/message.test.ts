import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/result';
import { createQueueId, textToHtml, validateAddress, validateMessage } from '../../../main/outbox/message';

function rejection(address: string): unknown {
  try {
    validateAddress(address);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('address validation', () => {
  it.each([
    ['ana@example.co', 'ana@example.co'],
    ['  ana.perez+tramite@correo.gov.co ', 'ana.perez+tramite@correo.gov.co'],
    ['o\'brien@example.com', 'o\'brien@example.com'],
    ['ana@sub-dominio.example.co', 'ana@sub-dominio.example.co'],
    ['ana@señal.co', 'ana@xn--seal-hqa.co'],
  ])('accepts %j', (address, expected) => {
    expect(validateAddress(address)).toBe(expected);
  });

  it.each([
    '',
    'ana',
    'ana@',
    '@example.co',
    'ana@example',
    'ana@@example.co',
    'ana example@example.co',
    'ana@example..co',
    '.ana@example.co',
    'ana.@example.co',
    'ana@-example.co',
    'ana@example.co,beto@example.co',
    'Ana <ana@example.co>',
    'ana@example.co\r\nBcc: otro@example.co',
    `${'a'.repeat(250)}@example.co`,
  ])('rejects %j and names it', (address) => {
    const error = rejection(address);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('outbox.error.invalidAddress');
    expect((error as ApiError).params.address).toBe(address.trim().slice(0, 254));
  });
});

describe('message validation', () => {
  const valid = { to: 'ana@example.co', subject: 'Asunto', text: 'Texto' };

  it('folds line breaks out of the subject', () => {
    expect(validateMessage({ ...valid, subject: 'Respuesta\r\nBcc: otro@example.co' }).subject).toBe('Respuesta Bcc: otro@example.co');
  });

  it('rejects a subject over 200 characters', () => {
    expect(() => validateMessage({ ...valid, subject: 'a'.repeat(201) })).toThrow(expect.objectContaining({ code: 'outbox.error.subjectTooLong', params: { max: 200 } }));
  });

  it('rejects a body over the limit', () => {
    expect(() => validateMessage({ ...valid, text: 'a'.repeat(200_001) })).toThrow(expect.objectContaining({ code: 'outbox.error.bodyTooLarge' }));
  });
});

describe('html from text', () => {
  it('makes paragraphs and line breaks', () => {
    const html = textToHtml('Buenas tardes.\r\n\r\nPrimera línea\nsegunda línea\n\n\n<script>');
    expect(html).toContain('<p>Buenas tardes.</p>\n<p>Primera línea<br>\nsegunda línea</p>\n<p>&lt;script&gt;</p>');
    expect(html).toContain('<html lang="es">');
  });
});

describe('queue ids', () => {
  it('sort by creation time', () => {
    const ids = [createQueueId(Date.UTC(2026, 0, 2)), createQueueId(Date.UTC(2026, 0, 1)), createQueueId(Date.UTC(2026, 0, 1))];
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
    expect(ids[1]).toMatch(/^20260101T000000000-[0-9a-z]{4}[0-9a-f]{8}$/);
  });
});
