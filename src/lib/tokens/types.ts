/**
 * Any JSON value, as `JSON.parse` returns it.
 *
 * @example
 * ```ts
 * const value: JsonValue = { groups: ['admin'], verified: true };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON object: a JWT header or claim set.
 *
 * @example
 * ```ts
 * const payload: JsonObject = decoded.payload;
 * ```
 */
export type JsonObject = { [key: string]: JsonValue };

/**
 * The normalisations applied to pasted text before decoding, so the page can say what it changed.
 *
 * @example
 * ```ts
 * if (decoded.normalizations.includes('removed-bearer-prefix')) note('Removed "Bearer "');
 * ```
 */
export type Normalization = 'trimmed-whitespace' | 'removed-bearer-prefix' | 'removed-quotes';

/**
 * A signed token (JWS compact serialisation, RFC 7515): `header.payload.signature`.
 *
 * @example
 * ```ts
 * const t = decodeToken(idToken);
 * if (t.kind === 'jws') console.log(t.header.kid, t.payload.sub, t.signature.length);
 * ```
 */
export interface DecodedJws {
  readonly kind: 'jws';
  /** The token as decoded, after {@link Normalization}s. */
  readonly token: string;
  readonly normalizations: readonly Normalization[];
  /** The three base64url segments, verbatim, for colour-coding. */
  readonly segments: { readonly header: string; readonly payload: string; readonly signature: string };
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The decoded header and payload text exactly as in the token (key order, spacing). */
  readonly headerJson: string;
  readonly payloadJson: string;
  /** The signature bytes (empty for an unsecured `alg: none` token). */
  readonly signature: Uint8Array<ArrayBuffer>;
  /** True when the signature segment is empty: an unsecured JWT that anyone could have written. */
  readonly unsecured: boolean;
}

/**
 * An encrypted token (JWE compact serialisation, RFC 7516): five segments, of which only the
 * protected header is readable without the key. Cognito refresh tokens have this shape.
 *
 * @example
 * ```ts
 * const t = decodeToken(refreshToken);
 * if (t.kind === 'jwe') console.log(t.header.enc, t.looksLikeCognitoRefreshToken, t.explanation);
 * ```
 */
export interface DecodedJwe {
  readonly kind: 'jwe';
  readonly token: string;
  readonly normalizations: readonly Normalization[];
  readonly segments: {
    readonly protectedHeader: string;
    readonly encryptedKey: string;
    readonly iv: string;
    readonly ciphertext: string;
    readonly tag: string;
  };
  readonly header: JsonObject;
  readonly headerJson: string;
  /** Sizes of the opaque parts, in bytes: all that can be said about them. */
  readonly byteLengths: {
    readonly encryptedKey: number;
    readonly iv: number;
    readonly ciphertext: number;
    readonly tag: number;
  };
  /** The header is Cognito's refresh token header: `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`. */
  readonly looksLikeCognitoRefreshToken: boolean;
  /** Plain-language note for the page: why nothing more can be shown. */
  readonly explanation: string;
}

/**
 * The result of {@link decodeToken}: a signed or an encrypted token.
 *
 * @example
 * ```ts
 * const decoded: DecodedToken = decodeToken(text);
 * ```
 */
export type DecodedToken = DecodedJws | DecodedJwe;

/**
 * A JSON Web Key as found in a JWKS. Only the members the verifier reads are typed; others are kept.
 *
 * @example
 * ```ts
 * const jwk: Jwk = { kty: 'RSA', kid: 'abc=', use: 'sig', alg: 'RS256', n: '...', e: 'AQAB' };
 * ```
 */
export interface Jwk {
  readonly kty: string;
  readonly kid?: string;
  readonly use?: string;
  readonly alg?: string;
  readonly n?: string;
  readonly e?: string;
  readonly [member: string]: unknown;
}

/**
 * A JSON Web Key Set (RFC 7517 section 5), as served at `{issuer}/.well-known/jwks.json`.
 *
 * @example
 * ```ts
 * const jwks: Jwks = { keys: [jwk] };
 * ```
 */
export interface Jwks {
  readonly keys: readonly Jwk[];
}

/**
 * Where the verifier gets the key for a `kid`: a cached remote JWKS (see `createJwksCache`) or a
 * JWKS pasted by hand (see `jwksSourceFromJwks`). `getJwk` rejects with a `JwksError`.
 *
 * @example
 * ```ts
 * const source: JwksSource = cache.source('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/jwks.json');
 * const jwk = await source.getJwk(kid);
 * ```
 */
export interface JwksSource {
  /** Where the keys come from, for the checklist: a URL, or "pasted JWKS". */
  readonly label: string;
  getJwk(kid: string): Promise<Jwk>;
}
