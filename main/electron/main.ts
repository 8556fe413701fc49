/**
 * The Electron entry: starts the embedded hub and the workstation services, opens
 * the window, and carries the API contract over IPC. Everything else lives in plain
 * Node modules that the tests run without Electron.
 */
import { app, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { createDispatcher } from '../../shared/api/dispatch';
import { translate } from '../../shared/i18n/catalog';
import { startHub } from '../../hub/server';
import { createLogger, setLogLevel } from '../log/logger';
import { acquireDataLock } from '../privacy/data-lock';
import { sweepSharedRecordsAtStart } from '../privacy/retention';
import { openEntitySettings, resolveSettingsPath } from '../settings/entity-settings';
import { applySettingsLive, HubSelection } from '../settings/live-settings';
import { createWorkstation } from '../workstation/services';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { isAppOrigin } from './security-policy';
import { loadSmtpPassword } from './smtp-password-store';
import { safeStorageHubTokenStore } from './hub-token-store';
import { createWorkbenchWindow, preloadPathBeside } from './window';

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.enableSandbox();

async function boot(): Promise<void> {
  await app.whenReady();
  // IT staff and the tests may point the app at another data folder and hub port.
  const dataDir = process.env.ATIENDE_DATA_DIR || app.getPath('userData');
  const hubPort = process.env.ATIENDE_HUB_PORT ? Number(process.env.ATIENDE_HUB_PORT) : undefined;
  const logger = createLogger({ dataDir });
  const agentArg = process.argv.indexOf('--agent');
  const presetAgentName = agentArg > 0 ? process.argv[agentArg + 1] : undefined;

  // The entity's settings file: --settings FILE, then ATIENDE_SETTINGS, then <data>/settings/entidad.json.
  const settingsArg = process.argv.indexOf('--settings');
  const entitySettings = await openEntitySettings({
    dataDir,
    path: resolveSettingsPath(dataDir, settingsArg > 0 ? process.argv[settingsArg + 1] : undefined),
    logger,
    watch: true,
  });
  setLogLevel(logger, entitySettings.get().logLevel);
  // One process at a time changes the data folder; the hub and the send queue keep their files open, so their expired records go now.
  const dataLock = await acquireDataLock(dataDir, 'desktop');
  await sweepSharedRecordsAtStart(dataDir, entitySettings.get().retentionDays, logger);

  // An entity hub named in the settings replaces the embedded one, at start and whenever the settings file changes.
  const hubs = await HubSelection.open(entitySettings.get().hubUrl, () =>
    startHub({ dataDir: join(dataDir, 'hub'), port: hubPort, widgetDir: join(app.getAppPath(), 'dist', 'widget'), logger }),
  );
  const hubAddresses = hubs.addresses;
  const workstation = await createWorkstation({
    dataDir,
    hubAgentUrl: hubAddresses.agentUrl,
    citizenUrl: hubAddresses.citizenUrl,
    presetAgentName,
    entitySettings,
    smtpPassword: () => loadSmtpPassword(dataDir, logger),
    hubTokenStore: safeStorageHubTokenStore(dataDir, logger),
    logger,
  });
  const stopLiveSettings = applySettingsLive({ entitySettings, logger, selectHub: (hubUrl) => hubs.select(hubUrl, (addresses) => workstation.switchHub(addresses)) });
  const dispatch = createDispatcher(workstation.handlers, {
    onUnexpectedError: (method, error) => logger.error({ method, err: error }, 'API call failed unexpectedly'),
  });

  process.stdout.write(`${translate('es', 'cli.serve.citizen', { url: hubAddresses.citizenUrl })}\n`);

  serveRenderer(join(app.getAppPath(), 'dist', 'renderer'));
  const window = createWorkbenchWindow(preloadPathBeside(__filename));

  // IPC answers only the app's own page in this window.
  const fromWorkbench = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents && isAppOrigin(event.senderFrame?.url);
  ipcMain.handle('atiende:call', async (event, method: unknown, params: unknown) => {
    if (!fromWorkbench(event)) {
      logger.warn({ url: event.senderFrame?.url ?? null }, 'IPC call from an unexpected sender rejected');
      return { ok: false, error: { code: 'error.internal', params: {} } };
    }
    return dispatch(method, params);
  });
  const unsubscribe = workstation.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send('atiende:event', name, payload);
  });

  app.on('window-all-closed', () => {
    unsubscribe();
    stopLiveSettings();
    entitySettings.close();
    void workstation.close().then(() => hubs.close()).then(() => dataLock.release()).then(() => app.quit());
  });
}

// A failed start (the data folder held by `serve` or `atiende datos eliminar`, a hub port in use) says why and quits instead of leaving no window.
boot().catch((error: unknown) => {
  dialog.showErrorBox('Atiende', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
