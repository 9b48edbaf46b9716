// @ts-check
// The sandbox's fixed signing and encryption keys, committed under seed/ so tokens issued before a restart still
// verify after it. They protect nothing real: anyone with the repository can mint tokens for the sandbox.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * @typedef {object} RsaKey
 * @property {string} kid
 * @property {string} alg
 * @property {import('node:crypto').KeyObject} privateKey
 * @property {import('node:crypto').KeyObject} publicKey
 * @property {Record<string, string>} publicJwk What a JWKS publishes for this key.
 */

/**
 * @typedef {object} SandboxKeys
 * @property {RsaKey} idToken Signs user pool id tokens.
 * @property {RsaKey} accessToken Signs user pool access tokens (a different kid, as in Cognito).
 * @property {RsaKey} refreshToken Encrypts refresh tokens (RSA-OAEP), so only the sandbox can read them.
 * @property {RsaKey} identityToken Signs the identity pool's OpenID tokens (GetOpenIdToken).
 * @property {Buffer} sealing AES-256 key for opaque blobs: SRP secret blocks, challenge sessions, session tokens.
 * @property {{kid: string, alg: string, use: string} & import('node:crypto').JsonWebKey} idp the local identity
 *   provider's signing key (a private JWK, as oidc-provider takes it)
 * @property {string} idpCookie the local identity provider's cookie signing key
 */

/** @param {URL | string} file @returns {SandboxKeys} */
export function loadKeys(file) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  return {
    idToken: rsaKey(raw.idToken),
    accessToken: rsaKey(raw.accessToken),
    refreshToken: rsaKey(raw.refreshToken),
    identityToken: rsaKey(raw.identityToken),
    sealing: Buffer.from(raw.sealing, 'base64'),
    idp: raw.idp,
    idpCookie: raw.idpCookie
  };
}

/** @param {{kid: string, alg: string, use: string} & import('node:crypto').JsonWebKey} jwk @returns {RsaKey} */
function rsaKey(jwk) {
  const { kid, alg, use, ...material } = jwk;
  const privateKey = createPrivateKey({ key: material, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const { n = '', e = '' } = publicKey.export({ format: 'jwk' });
  return { kid, alg, privateKey, publicKey, publicJwk: { alg, e, kid, kty: 'RSA', n, use } };
}
