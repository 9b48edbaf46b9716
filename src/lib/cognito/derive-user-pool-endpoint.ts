import { parseEndpoint } from './parse-endpoint';
import { parseRegion } from './parse-region';

/**
 * Input of {@link deriveUserPoolEndpoint} and `deriveIdentityPoolEndpoint`.
 *
 * @example
 * ```ts
 * const input: ServiceEndpointInput = { region: 'eu-west-1' };
 * ```
 */
export interface ServiceEndpointInput {
  readonly region: string;
  /** An endpoint override, e.g. the local sandbox `http://127.0.0.1:9229`. */
  readonly endpoint?: string;
}

/**
 * The user pool API endpoint (InitiateAuth, SignUp...): `https://cognito-idp.<region>.amazonaws.com/`,
 * or the override followed by `/`.
 *
 * @example
 * ```ts
 * deriveUserPoolEndpoint({ region: 'eu-west-1' }); // 'https://cognito-idp.eu-west-1.amazonaws.com/'
 * deriveUserPoolEndpoint({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9229' }); // 'http://127.0.0.1:9229/'
 * ```
 */
export function deriveUserPoolEndpoint(input: ServiceEndpointInput): string {
  if (input.endpoint !== undefined) return `${parseEndpoint(input.endpoint)}/`;
  return `https://cognito-idp.${parseRegion(input.region)}.amazonaws.com/`;
}
