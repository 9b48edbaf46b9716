import { CognitoInputError } from '../errors/lens-error';
import { cleanInput } from './clean-input';
import { CLIENT_ID_API, LOOKS_LIKE_IDENTITY_POOL_ID, LOOKS_LIKE_USER_POOL_ID } from './patterns';

function invalid(message: string): CognitoInputError {
  return new CognitoInputError('ERR_CLIENT_ID_INVALID', message, { details: { field: 'clientId' } });
}

/**
 * Validate an app client id. Real Cognito ids are 26 lowercase letters and digits; the API accepts
 * 1 to 128 characters of letters, digits, `_` and `+`, and so does this function (the local sandbox
 * makes shorter ids). Specific errors: a user or identity pool id pasted instead, the client secret
 * pasted instead, and which character is not allowed.
 *
 * @example
 * ```ts
 * parseAppClientId('3n4b5urk1ft4fl3mg5e62d9ado'); // '3n4b5urk1ft4fl3mg5e62d9ado'
 * parseAppClientId('eu-west-1_AbC123xyz'); // throws ERR_CLIENT_ID_IS_POOL_ID
 * ```
 */
export function parseAppClientId(input: unknown): string {
  const value = cleanInput(input, 'clientId', 'The app client id');
  // Sandbox pool ids (local_AbC123) are valid client id characters, so only the known prefix is caught.
  if (LOOKS_LIKE_USER_POOL_ID.test(value) || /^local_[A-Za-z0-9]+$/.test(value)) {
    throw new CognitoInputError(
      'ERR_CLIENT_ID_IS_POOL_ID',
      `${value} is a user pool id, not an app client id`,
      {
        details: { field: 'clientId', kind: 'userPool' }
      }
    );
  }
  if (LOOKS_LIKE_IDENTITY_POOL_ID.test(value)) {
    throw new CognitoInputError(
      'ERR_CLIENT_ID_IS_POOL_ID',
      `${value} is an identity pool id, not an app client id`,
      {
        details: { field: 'clientId', kind: 'identityPool' }
      }
    );
  }
  // Client secrets are about 50 lowercase letters and digits; ids are 26.
  if (/^[a-z0-9]{40,}$/.test(value)) {
    throw new CognitoInputError(
      'ERR_CLIENT_ID_LOOKS_LIKE_SECRET',
      `This is ${value.length} characters long, like an app client secret; app client ids are 26`,
      { details: { field: 'clientId', length: value.length } }
    );
  }
  if (CLIENT_ID_API.test(value)) return value;
  if (value.length > 128) {
    throw invalid(`App client ids are at most 128 characters (real ones are 26); this is ${value.length}`);
  }
  const index = [...value].findIndex((char) => !/[\w+]/.test(char));
  const char = [...value][index] ?? '';
  throw invalid(
    `Character ${index + 1} ("${char}") is not allowed: app client ids are 26 lowercase letters and digits in real Cognito (the API accepts letters, digits, "_" and "+")`
  );
}
