import { deriveJwksUri } from './derive-jwks-uri';
import { REGION_SOURCE } from './patterns';

/**
 * What a token's `iss` says about where it comes from.
 * - `cognito`: a user pool's issuer in an AWS form (`original` or `updated`).
 * - `sandbox`: `http://127.0.0.1:<port>/<poolId>` or `http://localhost:<port>/<poolId>`.
 * - `other`: any other issuer; its keys may live elsewhere, so ask before fetching anything.
 *
 * @example
 * ```ts
 * const info: IssuerInfo = classifyIssuer(payload.iss);
 * if (info.kind !== 'other') fetchKeys(info.jwksUri);
 * ```
 */
export type IssuerInfo =
  | {
      readonly kind: 'cognito';
      readonly issuer: string;
      readonly form: 'original' | 'updated';
      readonly region: string;
      readonly userPoolId: string;
      readonly jwksUri: string;
    }
  | {
      readonly kind: 'sandbox';
      readonly issuer: string;
      readonly origin: string;
      readonly userPoolId: string;
      readonly jwksUri: string;
    }
  | { readonly kind: 'other'; readonly issuer: string };

const COGNITO_ISSUER = new RegExp(
  `^https://(?<host>cognito-idp|issuer-cognito-idp)\\.(?<region>${REGION_SOURCE})\\.amazonaws\\.com/(?<pool>(?<poolRegion>${REGION_SOURCE})_[A-Za-z0-9]+)$`
);
const SANDBOX_ISSUER =
  /^(?<origin>http:\/\/(?:127\.0\.0\.1|localhost):\d{1,5})\/(?<pool>[A-Za-z0-9-]+_[A-Za-z0-9]+)$/;

/**
 * Tell whether a token's `iss` is a Cognito user pool (AWS form), the local sandbox, or another
 * issuer, and extract the region, pool id and JWKS URL. Exact shapes only: a trailing slash, another
 * host or a pool id whose region differs from the host's is `other`. Never throws.
 *
 * @example
 * ```ts
 * classifyIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz');
 * // { kind: 'cognito', form: 'original', region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123xyz', jwksUri: '...' }
 * classifyIssuer('http://127.0.0.1:9229/local_AbC123').kind; // 'sandbox'
 * classifyIssuer('https://accounts.google.com').kind; // 'other'
 * ```
 */
export function classifyIssuer(iss: unknown): IssuerInfo {
  const issuer = typeof iss === 'string' ? iss : String(iss);
  const cognito = COGNITO_ISSUER.exec(issuer)?.groups;
  if (
    cognito?.host !== undefined &&
    cognito.region !== undefined &&
    cognito.pool !== undefined &&
    cognito.region === cognito.poolRegion
  ) {
    return {
      kind: 'cognito',
      issuer,
      form: cognito.host === 'issuer-cognito-idp' ? 'updated' : 'original',
      region: cognito.region,
      userPoolId: cognito.pool,
      jwksUri: deriveJwksUri(issuer)
    };
  }
  const sandbox = SANDBOX_ISSUER.exec(issuer)?.groups;
  if (sandbox?.origin !== undefined && sandbox.pool !== undefined) {
    return {
      kind: 'sandbox',
      issuer,
      origin: sandbox.origin,
      userPoolId: sandbox.pool,
      jwksUri: deriveJwksUri(issuer)
    };
  }
  return { kind: 'other', issuer };
}
