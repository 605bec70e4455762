// Requests to the court's Balcão Virtual server, shared by the element's controllers: where
// the server is, the URL of a unit's resources, and one GET of JSON with a time limit,
// without cookies, cancelled with the element.

export const FETCH_TIMEOUT_MS = 15_000;

/**
 * The server's base URL: the `servidor` attribute, else the default (where the script came
 * from), resolved against the page and ending in "/"; undefined when neither is usable.
 */
export function serverBase(servidor: string | undefined, fallback: string | undefined): URL | undefined {
  const base = servidor?.trim() || fallback;
  if (!base) return undefined;
  try {
    const url = new URL(base, document.baseURI);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  } catch {
    return undefined;
  }
}

/** `api/units/:id` (and what follows it, e.g. `/line`) on the server. */
export function unitUrl(server: URL, unitId: string, rest = ''): URL {
  return new URL(`api/units/${encodeURIComponent(unitId)}${rest}`, server);
}

export type JsonAnswer =
  | { readonly kind: 'json'; readonly json: unknown }
  /** The server answered with an HTTP error status. */
  | { readonly kind: 'status'; readonly status: number }
  /** A 2xx answer whose body is not JSON (a maintenance page, say). */
  | { readonly kind: 'not-json' }
  /** No answer: offline, DNS, CORS, the time limit, or cancelled. */
  | { readonly kind: 'unreachable' };

/** GETs JSON; never throws. */
export async function getJson(url: URL, signal: AbortSignal): Promise<JsonAnswer> {
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (!response.ok) return { kind: 'status', status: response.status };
  try {
    return { kind: 'json', json: await response.json() };
  } catch (error) {
    return signal.aborted || timeout.aborted || isNetworkError(error) ? { kind: 'unreachable' } : { kind: 'not-json' };
  }
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && !(error instanceof SyntaxError);
}
