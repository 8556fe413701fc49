/** The address of the browser host's API socket, derived from the workstation page's own address. */
import { HOST_API_PATH, HOST_TOKEN_PARAM } from '../../shared/api/wire';

export interface PageAddress {
  /** "http:" or "https:", as in Location.protocol. */
  protocol: string;
  /** Host name and port, as in Location.host. */
  host: string;
  /** Query string with its "?", as in Location.search. */
  search: string;
}

/** Returns ws(s)://<host>/api?token=…, carrying the page's per-launch token to the socket. */
export function hostSocketUrl(page: PageAddress): string {
  const token = new URLSearchParams(page.search).get(HOST_TOKEN_PARAM) ?? '';
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${HOST_API_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
