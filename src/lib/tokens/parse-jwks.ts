import { JwksError } from '../errors/lens-error';
import type { Jwk, Jwks } from './types';

// The same shape rules as aws-jwt-verify's assertIsJwks/assertIsJwk, so a key set accepted here is
// accepted there: `keys` is an array; each key is an object with a string `kty`, and these members,
// when present, are strings.
const OPTIONAL_STRING_MEMBERS = ['use', 'alg', 'kid', 'n', 'e', 'x', 'y', 'crv'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeError(message: string, path: string): JwksError {
  return new JwksError('ERR_JWKS_SHAPE', message, { details: { path } });
}

/**
 * Assert that a parsed JSON value is a JSON Web Key.
 *
 * @example
 * ```ts
 * assertIsJwk(value, 'keys[0]'); // throws JwksError ERR_JWKS_SHAPE, or narrows `value` to Jwk
 * ```
 */
export function assertIsJwk(value: unknown, path = 'key'): asserts value is Jwk {
  if (!isRecord(value)) throw shapeError(`${path} is not a JSON object`, path);
  if (typeof value.kty !== 'string') throw shapeError(`${path} has no "kty" string`, `${path}.kty`);
  for (const member of OPTIONAL_STRING_MEMBERS) {
    if (Object.hasOwn(value, member) && typeof value[member] !== 'string') {
      throw shapeError(`${path}.${member} is not a string`, `${path}.${member}`);
    }
  }
}

/**
 * Assert that a parsed JSON value is a JSON Web Key Set: `{ "keys": [ ...JWKs ] }`.
 *
 * @example
 * ```ts
 * const value: unknown = JSON.parse(text);
 * assertIsJwks(value); // throws JwksError ERR_JWKS_SHAPE, or narrows `value` to Jwks
 * ```
 */
export function assertIsJwks(value: unknown): asserts value is Jwks {
  if (!isRecord(value)) throw shapeError('The JWKS is not a JSON object', '');
  if (!Object.hasOwn(value, 'keys')) {
    const single = typeof value.kty === 'string';
    throw shapeError(
      single
        ? 'This is a single key (JWK), not a key set: wrap it as {"keys": [ ... ]}'
        : 'The JWKS has no "keys" member',
      'keys'
    );
  }
  const keys = value.keys;
  if (!Array.isArray(keys)) throw shapeError('"keys" is not an array', 'keys');
  keys.forEach((key: unknown, index) => assertIsJwk(key, `keys[${index}]`));
}

/**
 * Parse a JWKS from text, e.g. pasted by hand or a fetched body, with typed errors:
 * `ERR_JWKS_JSON` (not JSON; `details.hint` is `'pem'` for a pasted PEM key) and `ERR_JWKS_SHAPE`.
 *
 * @example
 * ```ts
 * const jwks = parseJwks('{"keys":[{"kty":"RSA","kid":"k1","n":"...","e":"AQAB"}]}');
 * jwks.keys[0]?.kid; // 'k1'
 * ```
 */
export function parseJwks(text: unknown): Jwks {
  if (typeof text !== 'string') {
    throw new JwksError('ERR_JWKS_JSON', 'The JWKS must be given as text', {
      details: { detail: typeof text }
    });
  }
  if (text.trim().startsWith('-----BEGIN')) {
    throw new JwksError('ERR_JWKS_JSON', 'This is a PEM key, not a JWKS', {
      details: { hint: 'pem', detail: 'PEM' }
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new JwksError('ERR_JWKS_JSON', `The JWKS is not valid JSON: ${detail}`, {
      details: { detail },
      cause
    });
  }
  assertIsJwks(value);
  return value;
}
