import { parseEndpoint } from './parse-endpoint';
import { parseRegion } from './parse-region';
import type { ServiceEndpointInput } from './derive-user-pool-endpoint';

/**
 * The identity pool API endpoint (GetId, GetCredentialsForIdentity...):
 * `https://cognito-identity.<region>.amazonaws.com/` (`.amazonaws.com.cn` in the China regions),
 * or the override followed by `/`.
 *
 * @example
 * ```ts
 * deriveIdentityPoolEndpoint({ region: 'eu-west-1' }); // 'https://cognito-identity.eu-west-1.amazonaws.com/'
 * ```
 */
export function deriveIdentityPoolEndpoint(input: ServiceEndpointInput): string {
  if (input.endpoint !== undefined) return `${parseEndpoint(input.endpoint)}/`;
  const region = parseRegion(input.region);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://cognito-identity.${region}.${suffix}/`;
}
