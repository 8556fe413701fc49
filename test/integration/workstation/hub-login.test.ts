/**
 * Logging in to a center's hub with agent accounts. The workstation reports a
 * missing or rejected token (close 4401) with the hub's address and takes a new
 * token from the workbench. It keeps the token in a 0600 file for the next launch
 * and never logs it.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubLogin } from '../../../shared/api/contract';
import type { HubHandle } from '../../../hub/server';
import { silentLogger } from '../../../shared/log/logger';
import { AgentHubClient } from '../../../main/chat/agent-hub-client';
import { fileHubTokenStore, hubTokenFile } from '../../../main/settings/hub-token';
import { until } from '../../support/until';
import { RecordingLogger, startCenterHub, Station } from './center';

const ANA = 'Ana Pérez';
const ANA_TOKEN = 'token-de-ana-0123456789abcdef';
const WRONG_TOKEN = 'token-equivocado-fedcba9876543210';

let hub: HubHandle;
const stations: Station[] = [];

async function open(options: Parameters<typeof Station.open>[1]): Promise<Station> {
  const station = await Station.open(hub, options);
  stations.push(station);
  return station;
}

afterEach(async () => {
  for (const station of stations.splice(0)) await station.close();
  await hub.close();
});

describe('hub login', () => {
  it('reports a missing token', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const station = await open({ agentName: ANA });

    await station.waitFor('hub.login', (login) => login.state === 'rejected');
    const login = await station.call<HubLogin>('hub.login');
    expect(login).toEqual({ hubUrl: hub.agentUrl, state: 'rejected', reason: 'tokenMissing', tokenSet: false });
    expect((await station.call<{ connection: string }>('workspace.get')).connection).not.toBe('connected');
  });

  it('reports a wrong token, then connects with the right one', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const logger = new RecordingLogger();
    const station = await open({ agentName: ANA, hubToken: WRONG_TOKEN, hubTokenStore: fileHubTokenStore, logger });

    await station.waitFor('hub.login', (login) => login.state === 'rejected');
    expect(await station.call<HubLogin>('hub.login')).toMatchObject({ state: 'rejected', reason: 'tokenRejected', tokenSet: true });

    const pending = await station.call<HubLogin>('hub.setToken', { token: `  ${ANA_TOKEN}\n` });
    expect(pending).toMatchObject({ state: 'pending', reason: null, tokenSet: true });
    await station.waitFor('hub.login', (login) => login.state === 'accepted');
    await station.waitConnected();

    // The token is stored trimmed, readable by its owner only.
    const file = hubTokenFile(station.dataDir);
    expect(readFileSync(file, 'utf8')).toBe(`${ANA_TOKEN}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const log = logger.lines.join('\n');
    expect(log).toContain('the hub rejected the agent credentials');
    expect(log).not.toContain(ANA_TOKEN);
    expect(log).not.toContain(WRONG_TOKEN);
  });

  it('logs in with the stored token at the next launch', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const first = await open({ agentName: ANA, hubTokenStore: fileHubTokenStore });
    await first.waitFor('hub.login', (login) => login.state === 'rejected');
    await first.call('hub.setToken', { token: ANA_TOKEN });
    await first.waitConnected();
    await first.workstation.close();
    stations.splice(stations.indexOf(first), 1);

    const second = await open({ agentName: ANA, dataDir: first.dataDir, hubTokenStore: fileHubTokenStore });
    await second.waitFor('hub.login', (login) => login.state === 'accepted');
    expect(await second.call<HubLogin>('hub.login')).toMatchObject({ state: 'accepted', tokenSet: true });
  });

  it('prefers the token given at start over the stored one', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const first = await open({ agentName: ANA, hubTokenStore: fileHubTokenStore });
    await first.call('hub.setToken', { token: WRONG_TOKEN });
    await first.workstation.close();
    stations.splice(stations.indexOf(first), 1);

    const second = await open({ agentName: ANA, dataDir: first.dataDir, hubToken: ANA_TOKEN, hubTokenStore: fileHubTokenStore });
    await second.waitConnected();
  });

  it('rejects a blank token', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const station = await open({ agentName: ANA, hubTokenStore: fileHubTokenStore });
    expect(await station.callError('hub.setToken', { token: '   ' })).toMatchObject({ code: 'error.invalidRequest', params: { field: 'token' } });
    expect(() => statSync(hubTokenFile(station.dataDir))).toThrow();
  });

  it('reports a token it cannot store', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const station = await open({ agentName: ANA, hubTokenStore: fileHubTokenStore });
    await station.waitFor('hub.login', (login) => login.state === 'rejected');

    // A file where the settings folder should be makes every write under it fail.
    rmSync(join(station.dataDir, 'settings'), { recursive: true, force: true });
    writeFileSync(join(station.dataDir, 'settings'), 'no es una carpeta');
    expect(await station.callError('hub.setToken', { token: ANA_TOKEN })).toEqual({ code: 'hubToken.error.save', params: { code: expect.stringMatching(/^E[A-Z]+$/) } });
    expect(await station.call<HubLogin>('hub.login')).toMatchObject({ state: 'rejected', tokenSet: false });
  });

  it('retries at once with a corrected name', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const station = await open({ agentName: 'Ana Gómez', hubToken: ANA_TOKEN });
    await station.waitFor('hub.login', (login) => login.state === 'rejected');
    expect(await station.call<HubLogin>('hub.login')).toMatchObject({ reason: 'tokenRejected' });

    // The account is "Ana Pérez": fixing the name connects well before the minute's wait.
    await station.call('agent.setName', { name: ANA });
    await station.waitFor('hub.login', (login) => login.state === 'accepted', 5000);
    await station.waitConnected();
  });

  it('needs no token from the embedded hub', async () => {
    hub = await startCenterHub();
    const station = await open({ agentName: ANA });
    await station.waitFor('hub.login', (login) => login.state === 'accepted');
    expect(await station.call<HubLogin>('hub.login')).toEqual({ hubUrl: hub.agentUrl, state: 'accepted', reason: null, tokenSet: false });
  });

  it('waits before retrying a rejected token', async () => {
    hub = await startCenterHub({ accounts: { [ANA]: ANA_TOKEN } });
    const outcomes: string[] = [];
    const states: string[] = [];
    const client = new AgentHubClient({ url: hub.agentUrl, agentName: ANA, token: WRONG_TOKEN, logger: silentLogger, rejectedRetryMs: 800, reconnectDelayMs: { min: 10, max: 20 } });
    client.on('login', (outcome) => outcomes.push(outcome));
    client.on('connection', (state) => states.push(state));
    client.start();
    try {
      // Half the retry delay after the first rejection, no second attempt was made.
      await until(() => outcomes.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(outcomes).toEqual(['rejected']);
      expect(client.connection).toBe('disconnected');

      // After the delay it tries again, and a new token connects at once.
      await until(() => outcomes.length === 2, 3000);
      client.setToken(ANA_TOKEN);
      await until(() => outcomes.at(-1) === 'accepted', 3000);
      expect(states.at(-1)).toBe('connected');
    } finally {
      await client.stop();
    }
  });
});
