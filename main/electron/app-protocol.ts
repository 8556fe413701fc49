/**
 * Serves the built renderer from the app:// scheme instead of file://, so the app
 * has a real origin, a Content-Security-Policy, and no access to other local files.
 */
import { net, protocol, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_CSP, APP_SCHEME, isAppOrigin, permissionAllowed } from './security-policy';

export { APP_ORIGIN, APP_SCHEME } from './security-policy';

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
    headers.set('Content-Security-Policy', APP_CSP);
    return new Response(response.body, { status: response.status, headers });
  });

  // Only the microphone and the choice of audio output, and only for the app's own pages.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, (details as { mediaTypes?: string[] }).mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => isAppOrigin(requestingOrigin) && (permission === 'media' || permission === 'speaker-selection'),
  );
}
