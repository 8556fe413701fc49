import { describe, expect, it } from 'vitest';
import { startHub } from '../../../hub/server';
import { CITIZEN_PATH, HUB_CLOSE_CODES } from '../../../shared/hub/protocol';
import type { Logger, LogFields } from '../../../shared/log/logger';
import { HubClient, joinAsAgent, joinAsCitizen } from './hub-client';

/** A logger that keeps every line, with the fields of its parents, as JSON text. */
function recordingLogger(lines: string[], inherited: LogFields = {}): Logger {
  const record = (level: string) => (fields: LogFields, message: string) => {
    lines.push(JSON.stringify({ level, ...inherited, ...fields, message }, (_key, value: unknown) => (value instanceof Error ? value.message : value)));
  };
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: (fields) => recordingLogger(lines, { ...inherited, ...fields }),
  };
}

describe('hub logging', () => {
  it('logs ids but no citizen text, name or email', async () => {
    const lines: string[] = [];
    const hub = await startHub({ port: 0, logger: recordingLogger(lines), timings: { queueFrameIntervalMs: 10 } });
    const citizenWsUrl = new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
    try {
      const agent = await joinAsAgent(hub.agentUrl, 'Ana Pérez');
      const { citizen, chatId } = await joinAsCitizen(citizenWsUrl);
      citizen.send({ type: 'message', id: 'c1', text: 'Necesito un certificado de residencia urgente.' });
      agent.send({ type: 'take-next' });
      await agent.next('chat');
      citizen.send({ type: 'message', id: 'c2', text: 'Soy Marta Gómez, marta.gomez@example.org' });
      await agent.next('message');

      // A frame that fails the schema still carries text; the log line must not.
      const { citizen: offender } = await joinAsCitizen(citizenWsUrl);
      offender.send({ type: 'message', text: 'Mi cédula es 1234567 y vivo en la calle 5' });
      expect(await offender.closeCode()).toBe(HUB_CLOSE_CODES.invalidFrame);
      citizen.send({ type: 'leave' });
      await agent.next('citizen-left');
      agent.close();

      const log = lines.join('\n');
      expect(log).toContain(chatId);
      expect(log).toContain('bad frame, closing the connection');
      for (const secret of ['certificado', 'Marta', 'marta.gomez@example.org', 'cédula', '1234567']) expect(log).not.toContain(secret);
      expect(lines.filter((line) => line.includes('bad frame'))).toHaveLength(1);
    } finally {
      await hub.close();
    }
    expect(lines.at(-1)).toContain('hub stopped');
  });

  it('logs a rejected agent origin', async () => {
    const lines: string[] = [];
    const hub = await startHub({ port: 0, logger: recordingLogger(lines) });
    try {
      await expect(HubClient.connect(hub.agentUrl, { Origin: 'http://intruso.example.org' })).rejects.toThrow(/403/);
      expect(lines.some((line) => line.includes('agent connection from a web page refused') && line.includes('intruso.example.org'))).toBe(true);
    } finally {
      await hub.close();
    }
  });
});
