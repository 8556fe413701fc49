/**
 * The desktop app's security settings as plain values, kept apart from the
 * Electron calls that apply them so the tests can check every item of Electron's
 * security checklist without the Electron binary.
 */

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://atiende`;

/** The renderer's Content-Security-Policy: only the app's own files, no inline script or style, no plugins, no framing. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Schemes that shell.openExternal may open; anything else is ignored. */
export const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['https:', 'mailto:']);

/** Returns whether an address may be handed to the operating system (a browser or the mail program). */
export function mayOpenExternally(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Returns whether the window may navigate to url: only to the app's own pages. */
export function mayNavigate(url: string): boolean {
  return isAppOrigin(url);
}

/** Returns whether a page's origin is the app's own (a prefix check would also let app://atiende.evil in). */
export function isAppOrigin(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'atiende';
  } catch {
    return false;
  }
}

/**
 * Decides a permission request: only the microphone (audio capture, never video)
 * and the choice of audio output, and only for the app's own pages.
 */
export function permissionAllowed(permission: string, requestingUrl: string, mediaTypes?: readonly string[]): boolean {
  if (!isAppOrigin(requestingUrl)) return false;
  if (permission === 'speaker-selection') return true;
  return permission === 'media' && (mediaTypes ?? []).length > 0 && (mediaTypes ?? []).every((type) => type === 'audio');
}
