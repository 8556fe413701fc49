/**
 * A citizen-service center for the workstation tests: a real hub on loopback (with
 * agent accounts when the test names tokens), real workstation services per agent,
 * each on its own data folder, and a logger that records every line so a test can
 * check what was logged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent, ApiEventPayload } from '../../../shared/api/contract';
import { createDispatcher, type Dispatch } from '../../../shared/api/dispatch';
import { CITIZEN_PATH } from '../../../shared/hub/protocol';
import type { LogFields, Logger } from '../../../shared/log/logger';
import { silentLogger } from '../../../shared/log/logger';
import { hashAgentToken } from '../../../hub/agent-accounts';
import { startHub, type HubHandle } from '../../../hub/server';
import { DEFAULT_HUB_SETTINGS, type HubSettings } from '../../../hub/settings';
import type { HubTokenStore } from '../../../main/settings/hub-token';
import { createWorkstation, type Workstation } from '../../../main/workstation/services';
import { until } from '../../support/until';

/** A logger that keeps each line as JSON text, fields of its parents included. */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: string[] = [],
    private readonly base: LogFields = {},
  ) {}

  private record(level: string, fields: LogFields, message: string): void {
    this.lines.push(JSON.stringify({ level, ...this.base, ...fields, msg: message }, (_key, value: unknown) => (value instanceof Error ? value.message : value)));
  }

  debug(fields: LogFields, message: string): void {
    this.record('debug', fields, message);
  }
  info(fields: LogFields, message: string): void {
    this.record('info', fields, message);
  }
  warn(fields: LogFields, message: string): void {
    this.record('warn', fields, message);
  }
  error(fields: LogFields, message: string): void {
    this.record('error', fields, message);
  }
  child(fields: { module: string } & LogFields): Logger {
    return new RecordingLogger(this.lines, { ...this.base, ...fields });
  }
}

/** Starts a hub on a free loopback port; with accounts (name to token) agents must log in, as in a center. */
export async function startCenterHub(options: { accounts?: Record<string, string>; settings?: Partial<HubSettings> } = {}): Promise<HubHandle> {
  const agents = await Promise.all(Object.entries(options.accounts ?? {}).map(async ([name, token]) => ({ name, tokenHash: await hashAgentToken(token) })));
  return startHub({ port: 0, settings: { ...DEFAULT_HUB_SETTINGS, ...options.settings, agents }, logger: silentLogger });
}

export function citizenWsUrl(hub: HubHandle): string {
  return new URL(CITIZEN_PATH, hub.httpUrl.replace(/^http/, 'ws')).href;
}

export interface StationOptions {
  agentName: string;
  /** Reuses a data folder, as a restarted workstation does; otherwise a new temporary one. */
  dataDir?: string;
  hubToken?: string;
  hubTokenStore?: (dataDir: string) => HubTokenStore;
  settingsPath?: string;
  logger?: Logger;
}

/** One agent's workstation services with the dispatcher the renderer calls and every event they emitted. */
export class Station {
  readonly events: Array<{ event: ApiEvent; payload: unknown }> = [];
  readonly dispatch: Dispatch;

  private constructor(
    readonly workstation: Workstation,
    readonly dataDir: string,
  ) {
    this.dispatch = createDispatcher(workstation.handlers);
    workstation.subscribe((event, payload) => this.events.push({ event, payload }));
  }

  static async open(hub: HubHandle, options: StationOptions): Promise<Station> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atiende-station-'));
    const workstation = await createWorkstation({
      dataDir,
      hubAgentUrl: hub.agentUrl,
      citizenUrl: hub.citizenUrl,
      presetAgentName: options.agentName,
      hubToken: options.hubToken,
      hubTokenStore: options.hubTokenStore?.(dataDir),
      settingsPath: options.settingsPath,
      logger: options.logger ?? silentLogger,
    });
    return new Station(workstation, dataDir);
  }

  /** Calls a method and returns its result; throws with the error envelope when it failed. */
  async call<T>(method: string, params: unknown = {}): Promise<T> {
    const envelope = await this.dispatch(method, params);
    if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.result as T;
  }

  /** Calls a method that must fail and returns its error code and parameters. */
  async callError(method: string, params: unknown = {}): Promise<{ code: string; params: Record<string, string | number> }> {
    const envelope = await this.dispatch(method, params);
    if (envelope.ok) throw new Error(`${method} succeeded unexpectedly`);
    return envelope.error;
  }

  /** Waits for an event whose payload passes the test, also one emitted before the call. */
  waitFor<E extends ApiEvent>(event: E, test: (payload: ApiEventPayload<E>) => boolean = () => true, timeoutMs = 5000): Promise<ApiEventPayload<E>> {
    return until(() => this.events.find((entry) => entry.event === event && test(entry.payload as ApiEventPayload<E>))?.payload as ApiEventPayload<E> | undefined, timeoutMs);
  }

  async waitConnected(): Promise<void> {
    await until(async () => (await this.call<{ connection: string }>('workspace.get')).connection === 'connected');
  }

  /** Connects and records a clean self-test, so the agent is available for chats. */
  async startShift(): Promise<void> {
    await this.waitConnected();
    await this.call('selftest.record', { checks: [{ id: 'hub', status: 'pass', values: {}, messageKey: 'selftest.hub.pass', params: { ms: 1 } }], durationMs: 1, override: null });
  }

  async close(options: { keepData?: boolean } = {}): Promise<void> {
    await this.workstation.close();
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
