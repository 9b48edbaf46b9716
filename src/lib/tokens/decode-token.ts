import { TokenError } from '../errors/lens-error';
import { decodeBase64Url } from './base64url';
import type { DecodedJwe, DecodedJws, DecodedToken, JsonObject, Normalization } from './types';

/**
 * Inputs longer than this (in characters) are refused before any work: 16 KiB.
 *
 * @example
 * ```ts
 * decodeToken(text, { maxLength: MAX_TOKEN_LENGTH * 2 });
 * ```
 */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Options of {@link decodeToken}.
 *
 * @example
 * ```ts
 * decodeToken(text, { maxLength: 8192 });
 * ```
 */
export interface DecodeTokenOptions {
  /** Refuse inputs longer than this many characters. Default {@link MAX_TOKEN_LENGTH}. */
  readonly maxLength?: number;
}

const JWS_PART_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_PART_NAMES = [
  'protected header',
  'encrypted key',
  'initialization vector',
  'ciphertext',
  'authentication tag'
] as const;

// `fatal` makes invalid UTF-8 an error instead of silently becoming U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const COGNITO_REFRESH_HEADER = { cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' } as const;

/** Where a part sits, for error details the page can use to highlight it. */
interface PartLocation {
  readonly part: number;
  readonly partName: string;
  /** 0-based index of the part's first character in the normalised token. */
  readonly start: number;
}

/**
 * Internal: strip what copy and paste adds around a token (whitespace, quotes, `Bearer `).
 *
 * @example
 * ```ts
 * normalizeTokenInput(' "Bearer eyJ..." ').token; // 'eyJ...'
 * ```
 */
export function normalizeTokenInput(input: string): { token: string; normalizations: Normalization[] } {
  const normalizations: Normalization[] = [];
  let token = input;
  const trim = (): void => {
    const trimmed = token.trim();
    if (trimmed !== token) {
      if (!normalizations.includes('trimmed-whitespace')) normalizations.push('trimmed-whitespace');
      token = trimmed;
    }
  };
  trim();
  // A token copied out of JSON or a shell arrives quoted.
  const quote = token.charAt(0);
  if (token.length >= 2 && (quote === '"' || quote === "'" || quote === '`') && token.endsWith(quote)) {
    token = token.slice(1, -1);
    normalizations.push('removed-quotes');
    trim();
  }
  // A token copied out of an Authorization header arrives with its scheme.
  const bearer = /^bearer\s+/i.exec(token);
  if (bearer !== null) {
    token = token.slice(bearer[0].length);
    normalizations.push('removed-bearer-prefix');
    trim();
  }
  return { token, normalizations };
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function label(location: PartLocation): string {
  return `Part ${location.part} (the ${location.partName})`;
}

function decodeBytes(segment: string, location: PartLocation): Uint8Array<ArrayBuffer> {
  const result = decodeBase64Url(segment);
  if (result.ok) return result.bytes;
  const position = result.index + 1;
  const where = result.reason.startsWith('its length')
    ? result.reason
    : `character ${position} is ${result.reason}`;
  throw new TokenError('ERR_TOKEN_BASE64URL', `${label(location)} is not valid base64url: ${where}`, {
    details: {
      part: location.part,
      partName: location.partName,
      position,
      offset: location.start + result.index,
      character: result.character
    }
  });
}

function decodeJsonObject(segment: string, location: PartLocation): { value: JsonObject; text: string } {
  if (segment.length === 0) {
    throw new TokenError('ERR_TOKEN_PART_EMPTY', `${label(location)} is empty`, {
      details: { part: location.part, partName: location.partName, offset: location.start }
    });
  }
  const bytes = decodeBytes(segment, location);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (cause) {
    throw new TokenError('ERR_TOKEN_UTF8', `${label(location)} does not decode to UTF-8 text`, {
      details: { part: location.part, partName: location.partName },
      cause
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new TokenError('ERR_TOKEN_JSON', `${label(location)} is not valid JSON: ${detail}`, {
      details: { part: location.part, partName: location.partName, detail },
      cause
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const actualType = describeJsonType(value);
    throw new TokenError('ERR_TOKEN_NOT_OBJECT', `${label(location)} is ${actualType}, not a JSON object`, {
      details: { part: location.part, partName: location.partName, actualType }
    });
  }
  // JSON.parse only ever returns JSON values, and we just ruled out every non-object.
  return { value: value as JsonObject, text };
}

function locate(parts: readonly string[], names: readonly string[]): PartLocation[] {
  let start = 0;
  return parts.map((part, index) => {
    const location = { part: index + 1, partName: names[index] ?? `part ${index + 1}`, start };
    start += part.length + 1;
    return location;
  });
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  // Callers index only within lengths they checked; this keeps `noUncheckedIndexedAccess` honest.
  if (item === undefined) throw new TokenError('ERR_TOKEN_PARTS', `Part ${index + 1} is missing`);
  return item;
}

function decodeJws(token: string, normalizations: Normalization[], parts: readonly string[]): DecodedJws {
  const locations = locate(parts, JWS_PART_NAMES);
  const [headerSegment, payloadSegment, signatureSegment] = [at(parts, 0), at(parts, 1), at(parts, 2)];
  const header = decodeJsonObject(headerSegment, at(locations, 0));
  const payload = decodeJsonObject(payloadSegment, at(locations, 1));
  const signature = decodeBytes(signatureSegment, at(locations, 2));
  return {
    kind: 'jws',
    token,
    normalizations,
    segments: { header: headerSegment, payload: payloadSegment, signature: signatureSegment },
    header: header.value,
    payload: payload.value,
    headerJson: header.text,
    payloadJson: payload.text,
    signature,
    unsecured: signatureSegment.length === 0
  };
}

function jweExplanation(looksLikeCognitoRefreshToken: boolean): string {
  if (looksLikeCognitoRefreshToken) {
    return (
      'This is an encrypted token (JWE) with exactly the header Cognito uses for refresh tokens. It is encrypted ' +
      'for the user pool, and only the user pool can read it: nobody else can decode or verify it. Use it only to ' +
      'get new id and access tokens.'
    );
  }
  return (
    'This is an encrypted token (JWE): only the holder of the decryption key can read it, so the header is all ' +
    'that can be shown. A Cognito refresh token looks like this, and only the user pool can read it.'
  );
}

function decodeJwe(token: string, normalizations: Normalization[], parts: readonly string[]): DecodedJwe {
  const locations = locate(parts, JWE_PART_NAMES);
  const header = decodeJsonObject(at(parts, 0), at(locations, 0));
  const encryptedKey = decodeBytes(at(parts, 1), at(locations, 1));
  const iv = decodeBytes(at(parts, 2), at(locations, 2));
  if (at(parts, 3).length === 0) {
    throw new TokenError('ERR_TOKEN_PART_EMPTY', `${label(at(locations, 3))} is empty`, {
      details: { part: 4, partName: at(locations, 3).partName, offset: at(locations, 3).start }
    });
  }
  const ciphertext = decodeBytes(at(parts, 3), at(locations, 3));
  const tag = decodeBytes(at(parts, 4), at(locations, 4));
  const looksLikeCognitoRefreshToken =
    header.value.cty === COGNITO_REFRESH_HEADER.cty &&
    header.value.enc === COGNITO_REFRESH_HEADER.enc &&
    header.value.alg === COGNITO_REFRESH_HEADER.alg;
  return {
    kind: 'jwe',
    token,
    normalizations,
    segments: {
      protectedHeader: at(parts, 0),
      encryptedKey: at(parts, 1),
      iv: at(parts, 2),
      ciphertext: at(parts, 3),
      tag: at(parts, 4)
    },
    header: header.value,
    headerJson: header.text,
    byteLengths: {
      encryptedKey: encryptedKey.length,
      iv: iv.length,
      ciphertext: ciphertext.length,
      tag: tag.length
    },
    looksLikeCognitoRefreshToken,
    explanation: jweExplanation(looksLikeCognitoRefreshToken)
  };
}

/**
 * Split and decode a compact token without verifying anything. Surrounding whitespace, quotes
 * and a `Bearer ` prefix are removed first (and reported in `normalizations`).
 * Three parts give a signed JWT (`kind: 'jws'`), five an encrypted JWE (`kind: 'jwe'`);
 * anything else throws a {@link TokenError} saying what is wrong and where (`details.part`,
 * `details.offset`). For any input it returns or throws a `TokenError`, nothing else.
 *
 * @example
 * ```ts
 * const decoded = decodeToken(pasted);
 * if (decoded.kind === 'jws') show(decoded.header, decoded.payload, decoded.segments);
 * else show(decoded.header, decoded.explanation);
 * ```
 */
export function decodeToken(input: unknown, options: DecodeTokenOptions = {}): DecodedToken {
  if (typeof input !== 'string') {
    throw new TokenError(
      'ERR_TOKEN_NOT_STRING',
      `Expected the token as a string, got ${describeJsonType(input)}`,
      {
        details: { actualType: describeJsonType(input) }
      }
    );
  }
  const limit = options.maxLength ?? MAX_TOKEN_LENGTH;
  if (input.length > limit) {
    throw new TokenError(
      'ERR_TOKEN_TOO_LARGE',
      `The input is ${input.length} characters long; tokens over ${limit} are refused`,
      { details: { length: input.length, limit } }
    );
  }
  const { token, normalizations } = normalizeTokenInput(input);
  if (token.length === 0) throw new TokenError('ERR_TOKEN_EMPTY', 'The token is empty');
  const parts = token.split('.');
  if (parts.length === 3) return decodeJws(token, normalizations, parts);
  if (parts.length === 5) return decodeJwe(token, normalizations, parts);
  const count = parts.length;
  const message =
    count === 1
      ? 'No dots found: a JWT has 3 parts (or 5 when encrypted) separated by dots'
      : `Found ${count} parts; a signed JWT has 3 and an encrypted one (JWE) has 5`;
  throw new TokenError('ERR_TOKEN_PARTS', message, { details: { count } });
}
