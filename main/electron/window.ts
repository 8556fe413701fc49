/**
 * The one window factory: every item of Electron's security checklist that applies
 * to a window is set here, so no window can be made without them.
 */
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, mayNavigate, mayOpenExternally, secureWebPreferences } from './security-policy';

export function createWorkbenchWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'Atiende',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(url)) void shell.openExternal(url);
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
