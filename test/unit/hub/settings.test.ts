import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HUB_SETTINGS, HubSettingsError, isOpenAt, parseHubSettings, readHubSettings } from '../../../hub/settings';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atiende-hub-settings-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HubSettingsError);
    return (error as Error).message;
  }
  throw new Error('no error raised');
}

describe('hub settings', () => {
  it('fills every default from an empty object', () => {
    const settings = parseHubSettings('{}', 'hub.json');
    expect(settings).toEqual(DEFAULT_HUB_SETTINGS);
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.port).toBe(4180);
    expect(settings.agents).toEqual([]);
    expect(settings.limits.maxChatsPerAgent).toBe(5);
    expect(settings.presence.heartbeatMs).toBe(25_000);
    expect(settings.openingHours).toBeUndefined();
  });

  it('names file and field in Spanish', () => {
    expect(errorOf(() => parseHubSettings('{"limits": {"maxChatsPerAgent": 0}}', '/etc/hub.json'))).toMatch(
      /^El archivo de configuración del hub \/etc\/hub\.json no es válido en el campo limits\.maxChatsPerAgent: /,
    );
    expect(errorOf(() => parseHubSettings('{"puerto": 80}', 'hub.json'))).toContain('en el campo (raíz)');
    expect(errorOf(() => parseHubSettings('{"openingHours": {"timeZone": "Marte/Olimpo", "days": {}}}', 'hub.json'))).toContain('openingHours.timeZone: zona horaria IANA');
    expect(errorOf(() => parseHubSettings('{"openingHours": {"timeZone": "America/Bogota", "days": {"mon": [["8:00", "17:00"]]}}}', 'hub.json'))).toContain(
      'openingHours.days.mon.0.0',
    );
    expect(errorOf(() => parseHubSettings('{"agents": [{"name": "Ana Pérez", "tokenHash": "texto"}]}', 'hub.json'))).toContain('agents.0.tokenHash');
    expect(errorOf(() => parseHubSettings('{"trustedProxies": ["proxy.local"]}', 'hub.json'))).toContain('trustedProxies.0: dirección IP');
    expect(errorOf(() => parseHubSettings('{port: 1}', 'hub.json'))).toMatch(/^El archivo de configuración del hub hub\.json no es JSON válido: /);
  });

  it('reads a file or reports it missing', async () => {
    const path = join(folder, 'hub.json');
    await expect(readHubSettings(path)).rejects.toThrow(`No se pudo leer el archivo de configuración del hub ${path} (ENOENT). Revise la ruta.`);
    expect(await readHubSettings(path, { allowMissing: true })).toEqual(DEFAULT_HUB_SETTINGS);
    await writeFile(path, JSON.stringify({ port: 0, allowedOrigins: ['https://www.entidad.gov.co'] }));
    expect(await readHubSettings(path)).toMatchObject({ port: 0, allowedOrigins: ['https://www.entidad.gov.co'] });
  });

  it('follows opening hours in the time zone', () => {
    const hours = { timeZone: 'America/Bogota', days: { mon: [['08:00', '12:00'], ['14:00', '17:00']] as Array<[string, string]> } };
    // Monday 2026-12-07 in Bogotá (UTC−5).
    expect(isOpenAt(hours, Date.parse('2026-12-07T13:00:00Z'))).toBe(true); // 08:00
    expect(isOpenAt(hours, Date.parse('2026-12-07T12:59:00Z'))).toBe(false); // 07:59
    expect(isOpenAt(hours, Date.parse('2026-12-07T17:30:00Z'))).toBe(false); // 12:30, lunch
    expect(isOpenAt(hours, Date.parse('2026-12-07T21:59:00Z'))).toBe(true); // 16:59
    expect(isOpenAt(hours, Date.parse('2026-12-07T22:00:00Z'))).toBe(false); // 17:00
    expect(isOpenAt(hours, Date.parse('2026-12-08T15:00:00Z'))).toBe(false); // Tuesday
    expect(isOpenAt(undefined, 0)).toBe(true);
  });
});
