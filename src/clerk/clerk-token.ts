// Where the clerk's access token comes from and where it is kept. The court's admin sends
// a link like `…/atendente.html?unidade=vara-civel-natal#token=bvc1.…`: the token is in the
// fragment, which browsers never send to a server (so no access log, proxy or Referer ever
// sees it). The element reads it once, takes it out of the address bar (history.replaceState:
// no bookmark, shared link or history entry keeps it) and keeps it in this tab's
// sessionStorage only, so that a reload keeps the clerk signed in in that tab. Never in the
// query string, localStorage, IndexedDB, a cookie or the console. A token refused by the
// server is forgotten at once.

import { unitUrl } from '../ui/server-api.js';

const FRAGMENT_KEY = 'token';
/** The server's tokens are a few hundred characters; anything longer is not one. */
const MAX_TOKEN_LENGTH = 2048;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * The token in the page's fragment (`#token=…`, alone or among other `name=value` pairs),
 * removed from the address bar; undefined when there is none. The rest of the fragment stays.
 */
export function takeTokenFromFragment(): string | undefined {
  const hash = location.hash.replace(/^#/, '');
  if (!hash) return undefined;
  let token: string | undefined;
  const kept: string[] = [];
  for (const pair of hash.split('&')) {
    const [name = '', ...value] = pair.split('=');
    if (decode(name) === FRAGMENT_KEY) token ??= decode(value.join('='))?.trim();
    else kept.push(pair);
  }
  if (token === undefined) return undefined;
  const url = new URL(location.href);
  // An empty fragment leaves no "#" behind.
  url.hash = kept.join('&');
  try {
    history.replaceState(history.state, '', url.href);
  } catch {
    // A sandboxed frame may refuse; the token is still used, and never stored in the address.
  }
  return token !== '' && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

/** The sessionStorage key of the token for a unit of a server. */
export function tokenKey(server: URL, unitId: string): string {
  return `balcao-virtual:clerk-token:${unitUrl(server, unitId).href}`;
}

export function readSavedToken(key: string): string | undefined {
  try {
    const token = sessionStorage.getItem(key);
    return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(key: string, token: string): void {
  try {
    sessionStorage.setItem(key, token);
  } catch {
    // Storage blocked or full: the clerk stays signed in until the page is reloaded.
  }
}

export function forgetToken(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
