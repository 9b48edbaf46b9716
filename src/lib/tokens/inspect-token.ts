import { TokenError } from '../errors/lens-error';
import { decodeToken, MAX_TOKEN_LENGTH, normalizeTokenInput } from './decode-token';
import type { DecodeTokenOptions } from './decode-token';
import type { DecodedToken } from './types';

/**
 * Not a decodable token. `parts` are the dot-separated pieces of the (trimmed) input, so the page can
 * still colour what it has and highlight the faulty part (`error.details.part`, 1-based).
 *
 * @example
 * ```ts
 * const r = inspectToken('abc');
 * if (r.kind === 'invalid') highlight(r.parts, r.error.details?.part);
 * ```
 */
export interface InvalidToken {
  readonly kind: 'invalid';
  readonly error: TokenError;
  readonly parts: readonly string[];
}

/**
 * What {@link inspectToken} found: a signed JWT, an encrypted JWE, or not a JWT at all.
 *
 * @example
 * ```ts
 * const result: TokenInspection = inspectToken(text);
 * ```
 */
export type TokenInspection = DecodedToken | InvalidToken;

/**
 * Classify and decode pasted text without throwing: `'jws'` (signed JWT), `'jwe'` (encrypted,
 * like a Cognito refresh token) or `'invalid'` (not a JWT, with the reason). Convenient for a
 * reactive page, where every keystroke is a new input.
 *
 * @example
 * ```ts
 * const result = inspectToken(text);
 * if (result.kind === 'invalid') showError(explainError(result.error));
 * ```
 */
export function inspectToken(input: unknown, options: DecodeTokenOptions = {}): TokenInspection {
  try {
    return decodeToken(input, options);
  } catch (err) {
    // decodeToken throws only TokenErrors; anything else is a bug, still reported as data.
    const error =
      err instanceof TokenError
        ? err
        : new TokenError('ERR_TOKEN_JSON', 'The token could not be decoded', { cause: err });
    const limit = options.maxLength ?? MAX_TOKEN_LENGTH;
    // The same normalisation as decodeToken, so `error.details.offset` points into these parts.
    const parts =
      typeof input === 'string' && input.length <= limit ? normalizeTokenInput(input).token.split('.') : [];
    return { kind: 'invalid', error, parts };
  }
}
