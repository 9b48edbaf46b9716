import { CognitoInputError } from '../errors/lens-error';
import { cleanInput } from './clean-input';
import {
  CLIENT_ID_REAL,
  LOOKS_LIKE_IDENTITY_POOL_ID,
  REGION,
  REGION_SOURCE,
  SANDBOX_USER_POOL_ID,
  USER_POOL_ID
} from './patterns';

/**
 * A validated user pool id and the region it lives in (its prefix).
 *
 * @example
 * ```ts
 * const { userPoolId, region }: UserPoolId = parseUserPoolId(text);
 * ```
 */
export interface UserPoolId {
  readonly userPoolId: string;
  readonly region: string;
}

/**
 * Options of {@link parseUserPoolId}.
 *
 * @example
 * ```ts
 * parseUserPoolId(text, { region: 'eu-west-1' });
 * parseUserPoolId('local_AbC123', { sandbox: true });
 * ```
 */
export interface ParseUserPoolIdOptions {
  /** The region configured next to it; when given, the pool id's prefix must match it. */
  readonly region?: string;
  /** Accept the local sandbox's ids, whose prefix is a pseudo-region such as `local` (`local_AbC123`). */
  readonly sandbox?: boolean;
}

const ISSUER_URL = new RegExp(
  `^https?://(?:issuer-)?cognito-idp\\.${REGION_SOURCE}\\.amazonaws\\.com(?:\\.cn)?/(?<id>[^/?#\\s]+)/?`
);
const ARN = /^arn:aws[\w-]*:cognito-idp:[\w-]+:\d{12}:userpool\/(?<id>[^/\s]+)$/;

function invalid(message: string, suggestion?: string): CognitoInputError {
  return new CognitoInputError('ERR_USER_POOL_ID_INVALID', message, {
    details: suggestion === undefined ? { field: 'userPoolId' } : { field: 'userPoolId', suggestion }
  });
}

/**
 * Validate a user pool id (`<region>_<letters and digits>`, e.g. `eu-west-1_AbC123xyz`) with specific
 * messages: an identity pool id pasted instead (the classic mix-up), an issuer URL or ARN pasted whole,
 * an app client id, a missing region prefix, or a prefix that disagrees with the configured region.
 *
 * @example
 * ```ts
 * parseUserPoolId('eu-west-1_AbC123xyz'); // { userPoolId: 'eu-west-1_AbC123xyz', region: 'eu-west-1' }
 * parseUserPoolId('eu-west-1_AbC123xyz', { region: 'us-east-1' }); // throws ERR_USER_POOL_ID_REGION_MISMATCH
 * parseUserPoolId('eu-west-1:1a2b3c4d-1111-2222-3333-444455556666'); // throws ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID
 * ```
 */
export function parseUserPoolId(input: unknown, options: ParseUserPoolIdOptions = {}): UserPoolId {
  const value = cleanInput(input, 'userPoolId', 'The user pool id');
  const match =
    USER_POOL_ID.exec(value) ?? (options.sandbox === true ? SANDBOX_USER_POOL_ID.exec(value) : null);
  const region = match?.groups?.region;
  if (region !== undefined) {
    if (options.region !== undefined && options.region !== region) {
      throw new CognitoInputError(
        'ERR_USER_POOL_ID_REGION_MISMATCH',
        `The user pool id is in ${region}, but the region is set to ${options.region}`,
        { details: { field: 'userPoolId', poolRegion: region, region: options.region, suggestion: region } }
      );
    }
    return { userPoolId: value, region };
  }
  if (LOOKS_LIKE_IDENTITY_POOL_ID.test(value)) {
    throw new CognitoInputError(
      'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID',
      `${value} is an identity pool id (region:GUID), not a user pool id (region_letters)`,
      { details: { field: 'userPoolId' } }
    );
  }
  const fromUrl = ISSUER_URL.exec(value)?.groups?.id ?? ARN.exec(value)?.groups?.id;
  if (fromUrl !== undefined && USER_POOL_ID.test(fromUrl)) {
    throw invalid(
      `That is ${value.startsWith('arn:') ? 'the pool ARN' : 'a URL'}; the user pool id is ${fromUrl}`,
      fromUrl
    );
  }
  if (CLIENT_ID_REAL.test(value)) {
    throw invalid(`${value} looks like an app client id; a user pool id looks like eu-west-1_AbC123xyz`);
  }
  const underscore = value.indexOf('_');
  if (underscore === -1) {
    const suggestion =
      options.region !== undefined && /^[A-Za-z0-9]+$/.test(value) ? `${options.region}_${value}` : undefined;
    throw invalid(
      `A user pool id starts with its region and an underscore, like eu-west-1_AbC123xyz${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`,
      suggestion
    );
  }
  const prefix = value.slice(0, underscore);
  if (!REGION.test(prefix)) {
    const sandboxHint =
      options.sandbox === true ? '' : ' (sandbox ids such as local_AbC123 need the sandbox endpoint)';
    throw invalid(`The part before the underscore, "${prefix}", is not a region code${sandboxHint}`);
  }
  throw invalid('After the region and underscore, a user pool id has only letters and digits');
}
