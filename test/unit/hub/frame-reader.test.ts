import { describe, expect, it } from 'vitest';
import { readFrame } from '../../../hub/frame-reader';
import { agentFrameSchema, citizenFrameSchema } from '../../../shared/hub/protocol';

const text = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('frame reader', () => {
  it('returns a valid frame with its text trimmed', () => {
    const result = readFrame(text({ type: 'message', id: 'm1', text: '  Hola  ' }), false, citizenFrameSchema);
    expect(result).toEqual({ ok: true, frame: { type: 'message', id: 'm1', text: 'Hola' } });
  });

  it('joins a fragmented message', () => {
    const result = readFrame([text('{"type":'), text('"leave"}')], false, citizenFrameSchema);
    expect(result).toEqual({ ok: true, frame: { type: 'leave' } });
  });

  const rejections: Array<[string, Buffer, boolean, string]> = [
    ['a binary frame', text({ type: 'leave' }), true, 'binary'],
    ['invalid UTF-8', Buffer.from([0x22, 0xff, 0x22]), false, 'invalid-utf8'],
    ['a lone surrogate in UTF-8', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), false, 'invalid-utf8'],
    ['broken JSON', text('{"type":'), false, 'invalid-json'],
    ['JSON null', text('null'), false, 'invalid-frame'],
    ['an unknown type', text({ type: 'take-next' }), false, 'invalid-frame'],
    ['a hello of version 2', text({ type: 'hello', v: 2, consent: true }), false, 'unsupported-version'],
    ['a hello without version', text({ type: 'hello', consent: true }), false, 'unsupported-version'],
  ];
  for (const [label, data, binary, rejection] of rejections) {
    it(`rejects ${label}`, () => {
      expect(readFrame(data, binary, citizenFrameSchema)).toEqual({ ok: false, rejection });
    });
  }

  it('normalizes the agent name of a hello', () => {
    const result = readFrame(text({ type: 'hello', v: 1, agentName: '  Ana   Pérez ' }), false, agentFrameSchema);
    expect(result).toEqual({ ok: true, frame: { type: 'hello', v: 1, agentName: 'Ana Pérez' } });
  });
});
