import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHubArguments } from '../../../hub/cli';

describe('hub command arguments', () => {
  it('leaves unset options to the settings file', () => {
    expect(parseHubArguments([])).toEqual({ ok: true, value: { port: undefined, host: undefined, dataDir: undefined, settingsPath: undefined } });
  });

  it('reads both option forms', () => {
    expect(parseHubArguments(['--port=0', '--host', '::1', '--data', 'relative', '--settings', 'hub.json'])).toEqual({
      ok: true,
      value: { port: 0, host: '::1', dataDir: resolve('relative'), settingsPath: resolve('hub.json') },
    });
    expect(parseHubArguments(['--host=centro-01.entidad.gov.co'])).toMatchObject({ ok: true, value: { host: 'centro-01.entidad.gov.co' } });
  });

  it('rejects invalid values with a hint', () => {
    expect(parseHubArguments(['--port', '65536'])).toEqual({ ok: false, argument: '--port 65536', hint: 'cli.hub.portHint' });
    expect(parseHubArguments(['--port', '1.5'])).toEqual({ ok: false, argument: '--port 1.5', hint: 'cli.hub.portHint' });
    expect(parseHubArguments(['--host', '-bad'])).toEqual({ ok: false, argument: '--host -bad', hint: 'cli.hub.hostHint' });
    expect(parseHubArguments(['--data', '--port', '1'])).toEqual({ ok: false, argument: '--data', hint: 'cli.hub.dataHint' });
    expect(parseHubArguments(['--settings='])).toEqual({ ok: false, argument: '--settings', hint: 'cli.hub.settingsHint' });
    expect(parseHubArguments(['-p', '1'])).toEqual({ ok: false, argument: '-p', hint: 'cli.hub.unknownHint' });
    expect(parseHubArguments(['--name', 'Ana'])).toEqual({ ok: false, argument: '--name', hint: 'cli.hub.unknownHint' });
  });
});
