/**
 * Serves the built renderer from the app:// scheme instead of file://, so the app
 * has a real origin, a Content-Security-Policy, and no access to other local files.
 */
import { net, protocol, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://atiende`;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const path = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!path.startsWith(rendererDir + sep)) return new Response('No encontrado', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });

  // Only the microphone and the choice of audio output, and only for the app's own pages.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const fromApp = details.requestingUrl.startsWith(APP_ORIGIN);
    const media = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((type) => type === 'audio') !== false;
    callback(fromApp && (media || permission === 'speaker-selection'));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    requestingOrigin.startsWith(APP_ORIGIN) && (permission === 'media' || permission === 'speaker-selection'),
  );
}
