/**
 * Electron's security checklist, item by item, for what can be checked without
 * the Electron binary: the window's webPreferences, the CSP, navigation, new
 * windows, permissions, IPC senders, openExternal, and the fuses and schema of
 * electron-builder.yml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  APP_CSP,
  isAppOrigin,
  mayNavigate,
  mayOpenExternally,
  permissionAllowed,
} from '../../../../main/electron/security-policy';

const root = process.cwd();
const source = (path: string) => readFileSync(join(root, path), 'utf8');

/** Returns true, false or a string literal's text, and the source text of anything else (an identifier). */
function literalValue(value: ts.Expression): unknown {
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(value)) return value.text;
  return value.getText();
}

/** Reads the literal webPreferences of `new BrowserWindow({...})` in window.ts, the way Electronegativity reads it. */
function windowPreferences(): Record<string, unknown> {
  const file = ts.createSourceFile('window.ts', source('main/electron/window.ts'), ts.ScriptTarget.Latest, true);
  const preferences: Record<string, unknown> = {};
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'webPreferences' && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        preferences[property.name.getText()] = literalValue(property.initializer);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return preferences;
}

describe('window webPreferences', () => {
  const preferences = windowPreferences();

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s', (flag, expected) => {
    expect(preferences[flag]).toBe(expected);
  });

  it('enables no Blink features and disables middle-click windows', () => {
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences.disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the preload and sandboxes every renderer', () => {
    expect(preferences.preload).toBe('preloadPath');
    expect(source('main/electron/main.ts')).toContain('app.enableSandbox()');
  });
});

describe('content security policy', () => {
  const directives = new Map(APP_CSP.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));

  it('allows only the app itself for scripts and styles', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(APP_CSP).not.toContain('unsafe-inline');
    expect(APP_CSP).not.toContain('unsafe-eval');
  });

  it('blocks plugins, base changes, framing and forms', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('is sent with every app:// response', () => {
    expect(source('main/electron/app-protocol.ts')).toContain("headers.set('Content-Security-Policy', APP_CSP)");
  });
});

describe('navigation and new windows', () => {
  it('stays on the app origin', () => {
    expect(mayNavigate('app://atiende/index.html')).toBe(true);
    expect(mayNavigate('app://atiende.evil/index.html')).toBe(false);
    expect(mayNavigate('https://example.com/')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
    expect(mayNavigate('not a url')).toBe(false);
  });

  it('opens only https and mailto outside', () => {
    expect(mayOpenExternally('https://www.gov.co/')).toBe(true);
    expect(mayOpenExternally('mailto:ciudadano@example.com')).toBe(true);
    for (const url of ['http://example.com/', 'file:///C:/Windows/system32/calc.exe', 'smb://server/share', 'javascript:alert(1)', '']) {
      expect(mayOpenExternally(url), url).toBe(false);
    }
  });

  it('denies every new window', () => {
    expect(source('main/electron/window.ts')).toMatch(/setWindowOpenHandler\([^)]*\)[\s\S]*?return \{ action: 'deny' \}/);
    expect(source('main/electron/window.ts')).toContain("contents.on('will-attach-webview', (event) => event.preventDefault())");
  });
});

describe('permissions', () => {
  it('grants the microphone to the app only', () => {
    expect(permissionAllowed('media', 'app://atiende/index.html', ['audio'])).toBe(true);
    expect(permissionAllowed('media', 'https://example.com/', ['audio'])).toBe(false);
    expect(permissionAllowed('media', 'app://atiende.evil/', ['audio'])).toBe(false);
  });

  it('never grants the camera', () => {
    expect(permissionAllowed('media', 'app://atiende/index.html', ['audio', 'video'])).toBe(false);
    expect(permissionAllowed('media', 'app://atiende/index.html', ['video'])).toBe(false);
    expect(permissionAllowed('media', 'app://atiende/index.html', [])).toBe(false);
  });

  it('grants audio output choice and nothing else', () => {
    expect(permissionAllowed('speaker-selection', 'app://atiende/index.html')).toBe(true);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'midi']) {
      expect(permissionAllowed(permission, 'app://atiende/index.html'), permission).toBe(false);
    }
  });
});

describe('IPC', () => {
  it('answers only the app page in the window', () => {
    expect(isAppOrigin('app://atiende/index.html')).toBe(true);
    expect(isAppOrigin('https://atiende/')).toBe(false);
    expect(isAppOrigin(undefined)).toBe(false);
    expect(source('main/electron/main.ts')).toContain('event.sender === window.webContents && isAppOrigin(event.senderFrame?.url)');
  });

  it('exposes no raw ipcRenderer to the page', () => {
    const preload = source('preload/preload.ts');
    expect(preload).toContain('contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});

describe('electron-builder.yml', () => {
  const config = parse(source('electron-builder.yml')) as Record<string, unknown>;

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('installs per machine with NSIS', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
  });

  it('matches electron-builder own schema', () => {
    const schema = JSON.parse(source('node_modules/app-builder-lib/scheme.json')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('fails the schema on an unknown field', () => {
    const schema = JSON.parse(source('node_modules/app-builder-lib/scheme.json')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...config, electronFusez: {} })).toBe(false);
  });
});
