/**
 * The one window factory: every item of Electron's security checklist that applies
 * to a window is set here, so no window can be made without them.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './app-protocol';

/** Schemes that shell.openExternal may open; anything else is ignored. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);

export function createWorkbenchWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'Atiende',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function openExternalIfAllowed(url: string): void {
  try {
    if (EXTERNAL_SCHEMES.has(new URL(url).protocol)) void shell.openExternal(url);
  } catch {
    // An unparsable address is simply not opened.
  }
}

export function preloadPathBeside(mainBundle: string): string {
  return join(mainBundle, '..', 'preload.cjs');
}
