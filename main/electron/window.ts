/**
 * The one window factory: every item of Electron's security checklist that applies
 * to a window is set here, so no window can be made without them. The
 * webPreferences stay a literal object so that Electronegativity, which reads
 * the source, sees each flag; test/unit/main/electron/security-checklist.test.ts
 * reads the same literal.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, mayNavigate, mayOpenExternally } from './security-policy';

export function createWorkbenchWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'Atiende',
    show: false,
    webPreferences: {
      // The preload exposes only the contract's call and event bridge, never ipcRenderer itself.
      preload: preloadPath, /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise open a link in a new window, bypassing the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Only https: and mailto: addresses reach the operating system (see mayOpenExternally).
    if (mayOpenExternally(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

export function preloadPathBeside(mainBundle: string): string {
  return join(mainBundle, '..', 'preload.cjs');
}
