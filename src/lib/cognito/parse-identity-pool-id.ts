import { CognitoInputError } from '../errors/lens-error';
import { cleanInput } from './clean-input';
import {
  GUID_ANY_CASE,
  IDENTITY_POOL_ID,
  LOOKS_LIKE_USER_POOL_ID,
  REGION,
  SANDBOX_USER_POOL_ID
} from './patterns';

/**
 * A validated identity pool id and the region it lives in (its prefix).
 *
 * @example
 * ```ts
 * const { identityPoolId, region }: IdentityPoolId = parseIdentityPoolId(text);
 * ```
 */
export interface IdentityPoolId {
  readonly identityPoolId: string;
  readonly region: string;
}

/**
 * Options of {@link parseIdentityPoolId}.
 *
 * @example
 * ```ts
 * parseIdentityPoolId(text, { region: 'eu-west-1' });
 * ```
 */
export interface ParseIdentityPoolIdOptions {
  /** The region configured next to it; when given, the id's prefix must match it. */
  readonly region?: string;
}

const ARN = /^arn:aws[\w-]*:cognito-identity:[\w-]+:\d{12}:identitypool\/(?<id>\S+)$/;

function invalid(message: string, suggestion?: string): CognitoInputError {
  return new CognitoInputError('ERR_IDENTITY_POOL_ID_INVALID', message, {
    details: suggestion === undefined ? { field: 'identityPoolId' } : { field: 'identityPoolId', suggestion }
  });
}

/**
 * Validate an identity pool id (`<region>:<guid>`, e.g. `eu-west-1:1a2b3c4d-1111-2222-3333-444455556666`)
 * with specific messages: a user pool id pasted instead (the classic mix-up), a bare GUID without its
 * region, an ARN pasted whole, upper-case hex, or a prefix that disagrees with the configured region.
 *
 * @example
 * ```ts
 * parseIdentityPoolId('eu-west-1:1a2b3c4d-1111-2222-3333-444455556666').region; // 'eu-west-1'
 * parseIdentityPoolId('eu-west-1_AbC123xyz'); // throws ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID
 * ```
 */
export function parseIdentityPoolId(
  input: unknown,
  options: ParseIdentityPoolIdOptions = {}
): IdentityPoolId {
  const value = cleanInput(input, 'identityPoolId', 'The identity pool id');
  const region = IDENTITY_POOL_ID.exec(value)?.groups?.region;
  if (region !== undefined) {
    if (options.region !== undefined && options.region !== region) {
      throw new CognitoInputError(
        'ERR_IDENTITY_POOL_ID_REGION_MISMATCH',
        `The identity pool id is in ${region}, but the region is set to ${options.region}`,
        {
          details: { field: 'identityPoolId', poolRegion: region, region: options.region, suggestion: region }
        }
      );
    }
    return { identityPoolId: value, region };
  }
  if (LOOKS_LIKE_USER_POOL_ID.test(value) || SANDBOX_USER_POOL_ID.test(value)) {
    throw new CognitoInputError(
      'ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID',
      `${value} is a user pool id (region_letters), not an identity pool id (region:GUID)`,
      { details: { field: 'identityPoolId' } }
    );
  }
  const fromArn = ARN.exec(value)?.groups?.id;
  if (fromArn !== undefined && IDENTITY_POOL_ID.test(fromArn)) {
    throw invalid(`That is the identity pool ARN; the id is ${fromArn}`, fromArn);
  }
  if (GUID_ANY_CASE.test(value)) {
    const guid = value.toLowerCase();
    const suggestion = options.region === undefined ? undefined : `${options.region}:${guid}`;
    throw invalid(
      `The id is missing its region: it looks like ${options.region ?? '<region>'}:${guid}`,
      suggestion
    );
  }
  const colon = value.indexOf(':');
  if (colon === -1)
    throw invalid('An identity pool id is a region, a colon and a GUID, like eu-west-1:1a2b3c4d-...');
  const prefix = value.slice(0, colon);
  const guid = value.slice(colon + 1);
  if (!REGION.test(prefix)) throw invalid(`The part before the colon, "${prefix}", is not a region code`);
  if (GUID_ANY_CASE.test(guid)) {
    const lower = `${prefix}:${guid.toLowerCase()}`;
    throw invalid(`Identity pool ids are written in lower case: ${lower}`, lower);
  }
  throw invalid(`The part after the colon, "${guid}", is not a GUID (8-4-4-4-12 hexadecimal digits)`);
}
