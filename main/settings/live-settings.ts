/**
 * The entity settings that the app's start-up reads once, applied again each
 * time IT staff change the settings file while the app runs: the log level, and
 * the hub (hubUrl, or the embedded hub when it is absent). The knowledge base's
 * folder is applied by the workstation itself, and the phrases and limits are
 * read on each use. An invalid file changes nothing, because the store keeps the
 * last valid settings.
 */
import type { Logger } from '../../shared/log/logger';
import type { HubHandle } from '../../hub/server';
import { setLogLevel } from '../log/logger';
import { hubAddressesOf, type EntitySettingsStore } from './entity-settings';

export interface HubAddresses {
  /** The hub's agent endpoint, for example ws://127.0.0.1:4180/ws/agent. */
  agentUrl: string;
  /** The citizen widget's page. */
  citizenUrl: string;
}

/**
 * The hub the workstation uses: the entity's hub named by hubUrl, or the embedded
 * hub, which runs only while no hubUrl is set.
 */
export class HubSelection {
  private constructor(
    private readonly startEmbedded: () => Promise<HubHandle>,
    private embedded: HubHandle | null,
    private hubUrl: string | undefined,
  ) {}

  /** Starts the embedded hub unless hubUrl names the entity's hub. */
  static async open(hubUrl: string | undefined, startEmbedded: () => Promise<HubHandle>): Promise<HubSelection> {
    return new HubSelection(startEmbedded, hubUrl ? null : await startEmbedded(), hubUrl);
  }

  get addresses(): HubAddresses {
    return this.hubUrl ? hubAddressesOf(this.hubUrl) : { agentUrl: this.embedded!.agentUrl, citizenUrl: this.embedded!.citizenUrl };
  }

  /** The embedded hub while it runs, or null when the entity's hub is in use. */
  get embeddedHub(): HubHandle | null {
    return this.embedded;
  }

  /**
   * Moves to another hub: starts the embedded one when hubUrl is removed, calls
   * `use` with the new addresses, then stops the embedded hub when hubUrl names the entity's.
   */
  async select(hubUrl: string | undefined, use: (addresses: HubAddresses) => Promise<void>): Promise<void> {
    if (hubUrl === this.hubUrl) return;
    if (!hubUrl && !this.embedded) this.embedded = await this.startEmbedded();
    this.hubUrl = hubUrl;
    await use(this.addresses);
    if (hubUrl && this.embedded) {
      const embedded = this.embedded;
      this.embedded = null;
      await embedded.close();
    }
  }

  async close(): Promise<void> {
    await this.embedded?.close();
    this.embedded = null;
  }
}

export interface LiveSettingsOptions {
  entitySettings: EntitySettingsStore;
  /** The process's root logger from createLogger; its children follow its level. */
  logger: Logger;
  /** Moves the workstation to the hub the settings name; resolves once it has started connecting there. */
  selectHub(hubUrl: string | undefined): Promise<void>;
}

/** Applies the log level and the hub from every valid reload; returns the function that stops it. */
export function applySettingsLive(options: LiveSettingsOptions): () => void {
  const logger = options.logger.child({ module: 'settings' });
  let logLevel = options.entitySettings.get().logLevel;
  let hubUrl = options.entitySettings.get().hubUrl;
  // Hub changes run one after another, so a quick second edit of the file waits for the first switch.
  let switching = Promise.resolve();

  return options.entitySettings.onChanged(() => {
    const settings = options.entitySettings.get();

    if (settings.logLevel !== logLevel) {
      // Logged before and after the change, so the file records it when the old or the new level includes info.
      logger.info({ previous: logLevel, next: settings.logLevel }, 'log level changed by the settings file');
      logLevel = settings.logLevel;
      setLogLevel(options.logger, logLevel);
      logger.info({ logLevel }, 'log level in use');
    }

    if (settings.hubUrl !== hubUrl) {
      hubUrl = settings.hubUrl;
      const next = hubUrl;
      logger.info({ hubUrl: next ?? 'embedded' }, 'hub changed by the settings file; reconnecting');
      switching = switching
        .then(() => options.selectHub(next))
        .catch((error: unknown) => logger.error({ err: error, hubUrl: next ?? 'embedded' }, 'switching to the hub from the settings failed'));
    }
  });
}
