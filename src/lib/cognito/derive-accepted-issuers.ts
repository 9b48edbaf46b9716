import { deriveIssuer } from './derive-issuer';
import type { IssuerInput } from './derive-issuer';

/**
 * Every issuer a pool's tokens may carry, for `verifyToken`'s `issuer` option: both AWS forms (a pool
 * can switch between them, and aws-jwt-verify accepts both), or only `<endpoint>/<poolId>` with an
 * endpoint override.
 *
 * @example
 * ```ts
 * deriveAcceptedIssuers({ userPoolId: 'eu-west-1_AbC123xyz' });
 * // ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
 * //  'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz']
 * ```
 */
export function deriveAcceptedIssuers(input: IssuerInput): string[] {
  if (input.endpoint !== undefined) return [deriveIssuer(input)];
  return [deriveIssuer(input, 'original'), deriveIssuer(input, 'updated')];
}
