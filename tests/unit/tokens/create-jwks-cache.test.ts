import { describe, expect, it } from 'vitest';
import { isLensError } from '../../../src/lib/errors';
import { createJwksCache } from '../../../src/lib/tokens';
import type { FetchLike, FetchResponseLike, Jwks } from '../../../src/lib/tokens';
import { JWKS, JWKS_URI, KEYS, NOW_MS } from '../../fixtures/tokens/corpus';

const [ID_KEY, ACCESS_KEY] = JWKS.keys;

/** A fetch that never touches the network: it answers from a script and counts calls. */
function fakeFetch(answer: (url: string, call: number) => Promise<FetchResponseLike> | FetchResponseLike) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    return answer(url, calls.length);
  };
  return { fetch, calls };
}

function json(body: unknown, status = 200): FetchResponseLike {
  return { ok: status >= 200 && status < 300, status, text: async () => JSON.stringify(body) };
}

function clock(start = NOW_MS) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err
  );
}

describe('createJwksCache', () => {
  it('fetches on first use, then serves from memory', async () => {
    const { fetch, calls } = fakeFetch(() => json(JWKS));
    const cache = createJwksCache({ fetch, now: clock().now });
    await expect(cache.getJwk(JWKS_URI, KEYS.id.kid)).resolves.toMatchObject({ kid: KEYS.id.kid });
    await expect(cache.getJwk(JWKS_URI, KEYS.access.kid)).resolves.toMatchObject({ kid: KEYS.access.kid });
    await cache.getJwks(JWKS_URI);
    expect(calls).toEqual([JWKS_URI]);
  });

  it('shares one request between concurrent callers', async () => {
    const { fetch, calls } = fakeFetch(() => json(JWKS));
    const cache = createJwksCache({ fetch, now: clock().now });
    await Promise.all([cache.getJwk(JWKS_URI, KEYS.id.kid), cache.getJwk(JWKS_URI, KEYS.access.kid)]);
    expect(calls).toHaveLength(1);
  });

  it('keeps one cache entry per JWKS URI', async () => {
    const other = 'http://127.0.0.1:9229/local_AbC123/.well-known/jwks.json';
    const { fetch, calls } = fakeFetch((url) => json(url === other ? { keys: [] } : JWKS));
    const cache = createJwksCache({ fetch, now: clock().now });
    await cache.getJwk(JWKS_URI, KEYS.id.kid);
    await expect(cache.getJwk(other, KEYS.id.kid)).rejects.toMatchObject({ code: 'ERR_JWKS_KID_NOT_FOUND' });
    expect(calls).toEqual([JWKS_URI, other]);
  });

  it('refetches once for an unknown kid, then backs off for the penalty window', async () => {
    const time = clock();
    const { fetch, calls } = fakeFetch(() => json(JWKS));
    const cache = createJwksCache({ fetch, now: time.now });
    await cache.getJwk(JWKS_URI, KEYS.id.kid); // call 1: first use

    const first = await rejection(cache.getJwk(JWKS_URI, 'rotated-or-forged'));
    expect(isLensError(first, 'ERR_JWKS_KID_NOT_FOUND')).toBe(true);
    expect(calls).toHaveLength(2); // call 2: the one refetch

    time.advance(9_000);
    const second = await rejection(cache.getJwk(JWKS_URI, 'rotated-or-forged'));
    expect(isLensError(second, 'ERR_JWKS_BACKOFF')).toBe(true);
    expect(isLensError(second) && second.details).toMatchObject({
      retryInSeconds: 1,
      kid: 'rotated-or-forged'
    });
    // Other unknown kids of the same JWKS wait too (the penalty is per JWKS URI, as in aws-jwt-verify)...
    await expect(cache.getJwk(JWKS_URI, 'another')).rejects.toMatchObject({ code: 'ERR_JWKS_BACKOFF' });
    // ...while known kids are still served from memory.
    await expect(cache.getJwk(JWKS_URI, KEYS.access.kid)).resolves.toMatchObject({ kid: KEYS.access.kid });
    expect(calls).toHaveLength(2);

    time.advance(1_000);
    await expect(cache.getJwk(JWKS_URI, 'rotated-or-forged')).rejects.toMatchObject({
      code: 'ERR_JWKS_KID_NOT_FOUND'
    });
    expect(calls).toHaveLength(3); // the window is over: one more refetch, and a new window
    await expect(cache.getJwk(JWKS_URI, 'rotated-or-forged')).rejects.toMatchObject({
      code: 'ERR_JWKS_BACKOFF'
    });
    expect(calls).toHaveLength(3);
  });

  it('finds a rotated key on the refetch and lifts the penalty', async () => {
    const rotatedKey = { ...ACCESS_KEY, kid: 'new-key' };
    const { fetch, calls } = fakeFetch((_url, call) =>
      json(call === 1 ? { keys: [ID_KEY] } : { keys: [ID_KEY, rotatedKey] })
    );
    const cache = createJwksCache({ fetch, now: clock().now });
    await cache.getJwk(JWKS_URI, KEYS.id.kid);
    await expect(cache.getJwk(JWKS_URI, 'new-key')).resolves.toMatchObject({ kid: 'new-key' });
    expect(calls).toHaveLength(2);
  });

  it('takes the penalty window from its deps', async () => {
    const time = clock();
    const { fetch, calls } = fakeFetch(() => json(JWKS));
    const cache = createJwksCache({ fetch, now: time.now, penaltySeconds: 60 });
    await rejection(cache.getJwk(JWKS_URI, 'unknown'));
    time.advance(30_000);
    await expect(cache.getJwk(JWKS_URI, 'unknown')).rejects.toMatchObject({
      code: 'ERR_JWKS_BACKOFF',
      details: expect.objectContaining({ retryInSeconds: 30 }) as unknown
    });
    expect(calls).toHaveLength(1);
  });

  it('serves keys added by hand without fetching', async () => {
    const { fetch, calls } = fakeFetch(() => json({ keys: [] }));
    const cache = createJwksCache({ fetch, now: clock().now });
    cache.addJwks(JWKS_URI, JWKS as Jwks);
    await expect(cache.source(JWKS_URI).getJwk(KEYS.id.kid)).resolves.toMatchObject({ kid: KEYS.id.kid });
    expect(cache.source(JWKS_URI).label).toBe(JWKS_URI);
    expect(calls).toEqual([]);
  });

  describe('typed errors', () => {
    it('network failure (CORS, offline, DNS) is ERR_JWKS_FETCH, with the cause kept', async () => {
      const cause = new TypeError('Failed to fetch');
      const { fetch } = fakeFetch(() => Promise.reject(cause));
      const error = await rejection(createJwksCache({ fetch, now: clock().now }).getJwks(JWKS_URI));
      expect(isLensError(error, 'ERR_JWKS_FETCH')).toBe(true);
      expect(isLensError(error) && error.cause).toBe(cause);
      expect(isLensError(error) && error.details).toEqual({ uri: JWKS_URI });
    });

    it('a non-2xx answer is ERR_JWKS_HTTP with the status', async () => {
      const { fetch } = fakeFetch(() => json({ message: 'not found' }, 404));
      const error = await rejection(createJwksCache({ fetch, now: clock().now }).getJwks(JWKS_URI));
      expect(isLensError(error, 'ERR_JWKS_HTTP')).toBe(true);
      expect(isLensError(error) && error.details).toEqual({ uri: JWKS_URI, status: 404 });
    });

    it('a body that is not JSON is ERR_JWKS_JSON', async () => {
      const { fetch } = fakeFetch(() => ({ ok: true, status: 200, text: async () => '<html>Error</html>' }));
      const error = await rejection(createJwksCache({ fetch, now: clock().now }).getJwks(JWKS_URI));
      expect(isLensError(error, 'ERR_JWKS_JSON')).toBe(true);
      expect(isLensError(error) && error.details?.uri).toBe(JWKS_URI);
    });

    it('JSON that is not a JWKS is ERR_JWKS_SHAPE', async () => {
      const { fetch } = fakeFetch(() => json({ issuer: 'x' }));
      const error = await rejection(createJwksCache({ fetch, now: clock().now }).getJwks(JWKS_URI));
      expect(isLensError(error, 'ERR_JWKS_SHAPE')).toBe(true);
    });

    it('a failing body read is ERR_JWKS_FETCH', async () => {
      const { fetch } = fakeFetch(() => ({
        ok: true,
        status: 200,
        text: () => Promise.reject(new Error('reset'))
      }));
      const error = await rejection(createJwksCache({ fetch, now: clock().now }).getJwks(JWKS_URI));
      expect(isLensError(error, 'ERR_JWKS_FETCH')).toBe(true);
    });

    it('does not cache failures: the next call tries again', async () => {
      const { fetch, calls } = fakeFetch((_url, call) =>
        call === 1 ? Promise.reject(new TypeError('Failed to fetch')) : json(JWKS)
      );
      const cache = createJwksCache({ fetch, now: clock().now });
      await rejection(cache.getJwk(JWKS_URI, KEYS.id.kid));
      await expect(cache.getJwk(JWKS_URI, KEYS.id.kid)).resolves.toMatchObject({ kid: KEYS.id.kid });
      expect(calls).toHaveLength(2);
    });
  });
});
