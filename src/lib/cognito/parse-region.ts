import { CognitoInputError } from '../errors/lens-error';
import { cleanInput } from './clean-input';
import { IDENTITY_POOL_ID, REGION, REGION_SOURCE, USER_POOL_ID } from './patterns';

const EMBEDDED_REGION = new RegExp(`(?:^|[^a-z])(${REGION_SOURCE})(?=$|[^a-z0-9])`);

function invalid(message: string, suggestion?: string): CognitoInputError {
  return new CognitoInputError('ERR_REGION_INVALID', message, {
    details: suggestion === undefined ? { field: 'region' } : { field: 'region', suggestion }
  });
}

/**
 * Validate a region code such as `us-east-1`, `eu-central-2`, `us-gov-west-1` or `cn-north-1`
 * (shape only: new regions keep working). Errors are specific: an Availability Zone (`us-east-1a`),
 * upper case, a pool id or endpoint pasted instead, a display name ("US East (N. Virginia)").
 *
 * @example
 * ```ts
 * parseRegion('eu-west-1'); // 'eu-west-1'
 * parseRegion('eu-west-1a'); // throws ERR_REGION_INVALID, details.suggestion 'eu-west-1'
 * ```
 */
export function parseRegion(input: unknown): string {
  const value = cleanInput(input, 'region', 'The region');
  if (REGION.test(value)) return value;
  const lower = value.toLowerCase();
  if (lower !== value && REGION.test(lower)) {
    throw invalid(`Region codes are lower case: ${lower}`, lower);
  }
  const zone = /^(.+-\d{1,2})[a-z]$/.exec(lower);
  if (zone?.[1] !== undefined && REGION.test(zone[1])) {
    throw invalid(`${value} is an Availability Zone; its region is ${zone[1]}`, zone[1]);
  }
  const userPool = USER_POOL_ID.exec(value)?.groups?.region;
  if (userPool !== undefined)
    throw invalid(`${value} is a user pool id; its region is ${userPool}`, userPool);
  const identityPool = IDENTITY_POOL_ID.exec(lower)?.groups?.region;
  if (identityPool !== undefined) {
    throw invalid(`${value} is an identity pool id; its region is ${identityPool}`, identityPool);
  }
  const embedded = EMBEDDED_REGION.exec(lower)?.[1];
  if (embedded !== undefined) throw invalid(`Give only the region code: ${embedded}`, embedded);
  if (/[\s()]/.test(value)) {
    throw invalid(`"${value}" looks like a region's display name; give its code, such as us-east-1`);
  }
  throw invalid(`"${value}" is not a region code (such as us-east-1 or eu-central-2)`);
}
