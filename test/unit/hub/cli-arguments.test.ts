import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHubArguments } from '../../../hub/cli';

describe('hub arguments', () => {
  it('uses the defaults', () => {
    expect(parseHubArguments([], '/data/hub')).toEqual({ ok: true, value: { port: 4180, host: '127.0.0.1', dataDir: '/data/hub' } });
  });

  it('reads both spellings of each option', () => {
    expect(parseHubArguments(['--port=0', '--host', '::1', '--data', 'relative'], '/unused')).toEqual({
      ok: true,
      value: { port: 0, host: '::1', dataDir: resolve('relative') },
    });
    expect(parseHubArguments(['--host=centro-01.entidad.gov.co'], '/d')).toMatchObject({ ok: true, value: { host: 'centro-01.entidad.gov.co' } });
  });

  it('names the invalid value and the hint', () => {
    expect(parseHubArguments(['--port', '65536'], '/d')).toEqual({ ok: false, argument: '--port 65536', hint: 'cli.hub.portHint' });
    expect(parseHubArguments(['--port', '1.5'], '/d')).toEqual({ ok: false, argument: '--port 1.5', hint: 'cli.hub.portHint' });
    expect(parseHubArguments(['--host', '-bad'], '/d')).toEqual({ ok: false, argument: '--host -bad', hint: 'cli.hub.hostHint' });
    expect(parseHubArguments(['--data', '--port', '1'], '/d')).toEqual({ ok: false, argument: '--data', hint: 'cli.hub.dataHint' });
    expect(parseHubArguments(['-p', '1'], '/d')).toEqual({ ok: false, argument: '-p', hint: 'cli.hub.unknownHint' });
  });
});
