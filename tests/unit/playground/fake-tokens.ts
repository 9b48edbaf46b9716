import { encodeBase64Url } from '../../../src/lib/tokens/base64url';

function b64(json: unknown): string {
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify(json)));
}

/** A JWT-shaped string (not validly signed: the redaction only looks at its shape). */
export function fakeJwt(
  claims: Record<string, unknown> = { sub: 'eb77cae8', token_use: 'id' },
  signature = 'c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tbWF0dGVy'
): string {
  return `${b64({ kid: 'abc', alg: 'RS256' })}.${b64(claims)}.${signature}`;
}

/** A five-part JWE shaped like Cognito's refresh token. */
export function fakeJwe(): string {
  return `${b64({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })}.ZW5jcnlwdGVkLWtleS1ieXRlcw.aXYtYnl0ZXM.Y2lwaGVydGV4dC1ieXRlcy1ibGFo.dGFnLWJ5dGVz`;
}

/** Every string a test planted as a secret, so a test can assert none of them survived. */
export function expectNoneOf(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret));
}
