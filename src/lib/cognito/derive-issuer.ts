import { parseEndpoint } from './parse-endpoint';
import { parseUserPoolId } from './parse-user-pool-id';

/**
 * The two issuer URL forms of a Cognito user pool (see the IssuerConfiguration of CreateUserPool).
 *
 * @example
 * ```ts
 * deriveIssuer({ userPoolId }, 'updated');
 * ```
 */
export type IssuerForm = 'original' | 'updated';

/**
 * Input of {@link deriveIssuer} and `deriveAcceptedIssuers`.
 *
 * @example
 * ```ts
 * const input: IssuerInput = { userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229' };
 * ```
 */
export interface IssuerInput {
  readonly userPoolId: string;
  /** An endpoint override, e.g. the local sandbox `http://127.0.0.1:9229`; its issuer is `<endpoint>/<poolId>`. */
  readonly endpoint?: string;
}

/**
 * The issuer (`iss`) of a user pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<poolId>`
 * (`original`, the default), `https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>` (`updated`),
 * or `<endpoint>/<poolId>` with an endpoint override. The region is the pool id's prefix.
 *
 * @example
 * ```ts
 * deriveIssuer({ userPoolId: 'eu-west-1_AbC123xyz' });
 * // 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz'
 * deriveIssuer({ userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229' });
 * // 'http://127.0.0.1:9229/local_AbC123'
 * ```
 */
export function deriveIssuer(input: IssuerInput, form: IssuerForm = 'original'): string {
  if (input.endpoint !== undefined) {
    const { userPoolId } = parseUserPoolId(input.userPoolId, { sandbox: true });
    return `${parseEndpoint(input.endpoint)}/${userPoolId}`;
  }
  const { userPoolId, region } = parseUserPoolId(input.userPoolId);
  const host = form === 'updated' ? 'issuer-cognito-idp' : 'cognito-idp';
  return `https://${host}.${region}.amazonaws.com/${userPoolId}`;
}
