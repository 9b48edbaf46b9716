import { isLensError, JwksError } from '../errors/lens-error';
import { parseJwks } from './parse-jwks';
import { findJwk, kidNotFound } from './jwks-source-from-jwks';
import type { Jwk, Jwks, JwksSource } from './types';

/**
 * The part of a fetch `Response` the cache reads.
 *
 * @example
 * ```ts
 * const response: FetchResponseLike = { ok: true, status: 200, text: async () => '{"keys":[]}' };
 * ```
 */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

/**
 * The part of `fetch` the cache calls; `globalThis.fetch` fits, and so does a test double.
 *
 * @example
 * ```ts
 * const fetch: FetchLike = async () => ({ ok: true, status: 200, text: async () => body });
 * ```
 */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<FetchResponseLike>;

/**
 * What {@link createJwksCache} needs from the outside world.
 *
 * @example
 * ```ts
 * createJwksCache({ fetch: globalThis.fetch.bind(globalThis), now: Date.now, penaltySeconds: 10 });
 * ```
 */
export interface JwksCacheDeps {
  readonly fetch: FetchLike;
  /** Milliseconds since the epoch, e.g. `Date.now`. */
  readonly now: () => number;
  /** After a refetch that still lacks the kid, no refetch of that JWKS for this long. Default 10 (as aws-jwt-verify). */
  readonly penaltySeconds?: number;
  /** Abort a JWKS request after this long. Default 10 000 ms; 0 disables. */
  readonly timeoutMs?: number;
}

/**
 * JWKS per JWKS URI, fetched on first use and then served from memory.
 *
 * @example
 * ```ts
 * const cache = createJwksCache({ fetch: globalThis.fetch.bind(globalThis), now: Date.now });
 * const jwk = await cache.getJwk(jwksUri, kid);
 * ```
 */
export interface JwksCache {
  /** The cached key set, or fetch it (concurrent calls share one request). */
  getJwks(jwksUri: string): Promise<Jwks>;
  /**
   * The key for `kid`. An unknown kid triggers one refetch (keys rotate); if the kid is still missing,
   * the URI is penalised: no refetch for `penaltySeconds`, and `ERR_JWKS_BACKOFF` meanwhile.
   */
  getJwk(jwksUri: string, kid: string): Promise<Jwk>;
  /** Put a key set in the cache, e.g. preloaded or pasted. */
  addJwks(jwksUri: string, jwks: Jwks): void;
  /** A {@link JwksSource} bound to one JWKS URI, for `verifyToken`. */
  source(jwksUri: string): JwksSource;
}

function withUri(err: JwksError, uri: string): JwksError {
  return new JwksError(err.code, err.message, { details: { ...err.details, uri }, cause: err.cause });
}

/**
 * Create a JWKS cache like aws-jwt-verify's SimpleJwksCache + SimplePenaltyBox, with the fetch and the
 * clock injected. Failures are typed: `ERR_JWKS_FETCH` (network, CORS, timeout), `ERR_JWKS_HTTP`
 * (non-2xx), `ERR_JWKS_JSON`, `ERR_JWKS_SHAPE`, `ERR_JWKS_KID_NOT_FOUND`, `ERR_JWKS_BACKOFF`.
 * Failed fetches are not cached, so the next call tries again.
 *
 * @example
 * ```ts
 * const cache = createJwksCache({ fetch: globalThis.fetch.bind(globalThis), now: Date.now });
 * const result = await verifyToken(token, options, { now: Date.now, jwks: cache.source(jwksUri) });
 * ```
 */
export function createJwksCache(deps: JwksCacheDeps): JwksCache {
  const penaltyMs = (deps.penaltySeconds ?? 10) * 1000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const cached = new Map<string, Jwks>();
  const inFlight = new Map<string, Promise<Jwks>>();
  // JWKS URI -> time (ms) until which no refetch is allowed.
  const penalties = new Map<string, number>();

  async function download(uri: string): Promise<Jwks> {
    let response: FetchResponseLike;
    let text: string;
    try {
      const signal =
        timeoutMs > 0 && typeof AbortSignal.timeout === 'function'
          ? AbortSignal.timeout(timeoutMs)
          : undefined;
      response = await deps.fetch(uri, signal === undefined ? undefined : { signal });
      if (!response.ok) {
        throw new JwksError('ERR_JWKS_HTTP', `${uri} answered HTTP ${response.status}`, {
          details: { uri, status: response.status }
        });
      }
      text = await response.text();
    } catch (cause) {
      if (isLensError(cause)) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new JwksError('ERR_JWKS_FETCH', `Could not fetch ${uri}: ${reason}`, { details: { uri }, cause });
    }
    try {
      return parseJwks(text);
    } catch (err) {
      throw err instanceof JwksError ? withUri(err, uri) : err;
    }
  }

  function getJwks(uri: string): Promise<Jwks> {
    const pending = inFlight.get(uri);
    if (pending !== undefined) return pending;
    const request = download(uri)
      .then((jwks) => {
        cached.set(uri, jwks);
        return jwks;
      })
      .finally(() => inFlight.delete(uri));
    inFlight.set(uri, request);
    return request;
  }

  async function getJwk(uri: string, kid: string): Promise<Jwk> {
    const known = cached.get(uri);
    const hit = known === undefined ? undefined : findJwk(known, kid);
    if (hit !== undefined) return hit;
    const until = penalties.get(uri);
    const now = deps.now();
    if (until !== undefined && now < until) {
      const retryInSeconds = Math.ceil((until - now) / 1000);
      throw new JwksError(
        'ERR_JWKS_BACKOFF',
        `Key "${kid}" is not in the JWKS and it was refetched moments ago; retry in ${retryInSeconds} s`,
        { details: { uri, kid, retryInSeconds } }
      );
    }
    const jwks = await getJwks(uri);
    const jwk = findJwk(jwks, kid);
    if (jwk === undefined) {
      penalties.set(uri, deps.now() + penaltyMs);
      throw withUri(kidNotFound(jwks, kid, 'JWKS'), uri);
    }
    penalties.delete(uri);
    return jwk;
  }

  return {
    getJwks: (uri) => {
      const known = cached.get(uri);
      return known === undefined ? getJwks(uri) : Promise.resolve(known);
    },
    getJwk,
    addJwks: (uri, jwks) => {
      cached.set(uri, jwks);
      penalties.delete(uri);
    },
    source: (uri) => ({ label: uri, getJwk: (kid) => getJwk(uri, kid) })
  };
}
