import { CognitoInputError } from '../errors/lens-error';

/**
 * The JWKS URL of an issuer: `{issuer}/.well-known/jwks.json`, which is where Cognito user pools
 * (and the sandbox) publish their signing keys.
 *
 * @example
 * ```ts
 * deriveJwksUri('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz');
 * // 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json'
 * ```
 */
export function deriveJwksUri(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new CognitoInputError('ERR_ISSUER_INVALID', `The issuer ${JSON.stringify(issuer)} is not a URL`, {
      details: { field: 'issuer' }
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CognitoInputError(
      'ERR_ISSUER_INVALID',
      `The issuer must be an http(s) URL, not ${url.protocol}`,
      {
        details: { field: 'issuer' }
      }
    );
  }
  return `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
}
