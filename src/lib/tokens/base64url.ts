// The one base64url module (RFC 4648 section 5, no padding, as RFC 7515 requires): a strict decoder and its encoder.
// Hand-written rather than `atob`, so that it reports *where* and *why* a segment is invalid and
// behaves the same in Node and every browser.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

/**
 * Why a segment is not base64url, and where (0-based index into the segment).
 *
 * @example
 * ```ts
 * const r = decodeBase64Url('ab+c');
 * if (!r.ok) console.log(r.index, r.reason); // 2, '"+", which is standard base64...'
 * ```
 */
export interface Base64UrlFailure {
  readonly ok: false;
  readonly index: number;
  readonly character: string;
  readonly reason: string;
}

/**
 * Decoded bytes, or where decoding failed.
 *
 * @example
 * ```ts
 * const r: Base64UrlResult = decodeBase64Url('eyJhIjoxfQ');
 * ```
 */
export type Base64UrlResult =
  { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> } | Base64UrlFailure;

function describeCharacter(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\t') return 'a tab';
  if (char === '=') return '"=" padding, which JWTs never use';
  if (char === '+' || char === '/') return `"${char}", which is standard base64, not base64url`;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `"${char}", which is not a base64url character`;
}

/**
 * Decode one base64url segment strictly: only `A-Z a-z 0-9 - _`, no padding, no whitespace.
 *
 * @example
 * ```ts
 * decodeBase64Url('eyJhIjoxfQ'); // { ok: true, bytes: Uint8Array [123, 34, 97, ...] }
 * decodeBase64Url('ab+c'); // { ok: false, index: 2, character: '+', reason: '...' }
 * ```
 */
export function decodeBase64Url(segment: string): Base64UrlResult {
  let index = 0;
  for (const char of segment) {
    if (!VALUES.has(char)) return { ok: false, index, character: char, reason: describeCharacter(char) };
    index += char.length;
  }
  // 4 characters carry 3 bytes; a remainder of 1 character carries only 6 bits: not a whole byte.
  if (segment.length % 4 === 1) {
    return {
      ok: false,
      index: segment.length - 1,
      character: segment.slice(-1),
      reason: 'its length is impossible for base64url (one character too many, or some missing)'
    };
  }
  const bytes = new Uint8Array(Math.floor((segment.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < segment.length; i += 1) {
    // Every character was checked above, so the lookup cannot miss.
    // At most 13 bits are pending at any time, so a 14-bit mask keeps `buffer` small.
    buffer = ((buffer << 6) | (VALUES.get(segment.charAt(i)) ?? 0)) & 0x3fff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out] = (buffer >> bits) & 0xff;
      out += 1;
    }
  }
  return { ok: true, bytes };
}

/**
 * Bytes as base64url without padding (RFC 4648 section 5), as JWTs and PKCE use it: the one encoder, next to
 * the one decoder.
 *
 * @example
 * ```ts
 * encodeBase64Url(new TextEncoder().encode('hello')); // 'aGVsbG8'
 * ```
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63);
    if (b !== undefined) out += ALPHABET.charAt((n >> 6) & 63);
    if (c !== undefined) out += ALPHABET.charAt(n & 63);
  }
  return out;
}
