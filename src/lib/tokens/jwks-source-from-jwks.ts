import { JwksError } from '../errors/lens-error';
import type { Jwk, Jwks, JwksSource } from './types';

/**
 * Internal: the key with this `kid`, as aws-jwt-verify's findJwkInJwks (keys without a kid never match).
 *
 * @example
 * ```ts
 * findJwk(jwks, 'abc='); // Jwk | undefined
 * ```
 */
export function findJwk(jwks: Jwks, kid: string): Jwk | undefined {
  return jwks.keys.find((jwk) => typeof jwk.kid === 'string' && jwk.kid === kid);
}

/**
 * Internal: the error for a kid that is not in a key set.
 *
 * @example
 * ```ts
 * throw kidNotFound(jwks, 'abc=', 'pasted JWKS');
 * ```
 */
export function kidNotFound(jwks: Jwks, kid: string, label: string): JwksError {
  const available = jwks.keys.flatMap((jwk) => (typeof jwk.kid === 'string' ? [jwk.kid] : []));
  return new JwksError('ERR_JWKS_KID_NOT_FOUND', `No key with kid "${kid}" in the ${label}`, {
    details: { kid, available, source: label }
  });
}

/**
 * A {@link JwksSource} over a key set you already have, e.g. one pasted by hand and read with `parseJwks`.
 *
 * @example
 * ```ts
 * const source = jwksSourceFromJwks(parseJwks(pasted));
 * await verifyToken(token, options, { now: Date.now, jwks: source });
 * ```
 */
export function jwksSourceFromJwks(jwks: Jwks, label = 'pasted JWKS'): JwksSource {
  return {
    label,
    getJwk(kid: string): Promise<Jwk> {
      const jwk = findJwk(jwks, kid);
      return jwk === undefined ? Promise.reject(kidNotFound(jwks, kid, label)) : Promise.resolve(jwk);
    }
  };
}
