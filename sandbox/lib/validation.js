// @ts-check
// Request validation as AWS's JSON services do it before any operation runs: the body must be a JSON object, and
// required members must be present, reported in AWS's own words:
//   1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null
import { ServiceError } from './errors.js';
import { requiredMembers, shapeMismatch } from './shapes.js';

/** @type {Record<string, string[]>} required members per operation */
const REQUIRED = {
  // User pools
  InitiateAuth: ['AuthFlow', 'ClientId'],
  RespondToAuthChallenge: ['ClientId', 'ChallengeName'],
  AdminInitiateAuth: ['UserPoolId', 'ClientId', 'AuthFlow'],
  AdminRespondToAuthChallenge: ['UserPoolId', 'ClientId', 'ChallengeName'],
  SignUp: ['ClientId', 'Username', 'Password'],
  ConfirmSignUp: ['ClientId', 'Username', 'ConfirmationCode'],
  ResendConfirmationCode: ['ClientId', 'Username'],
  ForgotPassword: ['ClientId', 'Username'],
  ConfirmForgotPassword: ['ClientId', 'Username', 'ConfirmationCode', 'Password'],
  GlobalSignOut: ['AccessToken'],
  RevokeToken: ['Token', 'ClientId'],
  GetUser: ['AccessToken'],
  DeleteUser: ['AccessToken'],
  UpdateUserAttributes: ['UserAttributes', 'AccessToken'],
  DeleteUserAttributes: ['UserAttributeNames', 'AccessToken'],
  ChangePassword: ['PreviousPassword', 'ProposedPassword', 'AccessToken'],
  VerifyUserAttribute: ['AccessToken', 'AttributeName', 'Code'],
  GetUserAttributeVerificationCode: ['AccessToken', 'AttributeName'],
  AdminCreateUser: ['UserPoolId', 'Username'],
  AdminGetUser: ['UserPoolId', 'Username'],
  AdminDeleteUser: ['UserPoolId', 'Username'],
  AdminConfirmSignUp: ['UserPoolId', 'Username'],
  AdminDisableUser: ['UserPoolId', 'Username'],
  AdminEnableUser: ['UserPoolId', 'Username'],
  AdminSetUserPassword: ['UserPoolId', 'Username', 'Password'],
  AdminUpdateUserAttributes: ['UserPoolId', 'Username', 'UserAttributes'],
  AdminUserGlobalSignOut: ['UserPoolId', 'Username'],
  AdminAddUserToGroup: ['UserPoolId', 'Username', 'GroupName'],
  AdminRemoveUserFromGroup: ['UserPoolId', 'Username', 'GroupName'],
  AdminListGroupsForUser: ['Username', 'UserPoolId'],
  DescribeUserPool: ['UserPoolId'],
  DescribeUserPoolClient: ['UserPoolId', 'ClientId'],
  ListUsers: ['UserPoolId'],
  ListGroups: ['UserPoolId'],
  ListUserPoolClients: ['UserPoolId'],
  ListUsersInGroup: ['UserPoolId', 'GroupName'],
  GetGroup: ['GroupName', 'UserPoolId'],
  CreateGroup: ['GroupName', 'UserPoolId'],
  GetTokensFromRefreshToken: ['RefreshToken', 'ClientId'],
  VerifySoftwareToken: ['UserCode'],
  SetUserMFAPreference: ['AccessToken'],
  AdminSetUserMFAPreference: ['Username', 'UserPoolId'],
  // Identity pools
  GetId: ['IdentityPoolId'],
  GetCredentialsForIdentity: ['IdentityId'],
  GetOpenIdToken: ['IdentityId']
};

// Enumerations checked before any operation runs, in AWS's validation words.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html#CognitoUserPools-InitiateAuth-request-AuthFlow
const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH'
];
/** @type {Record<string, Record<string, string[]>>} */
const ENUMS = {
  InitiateAuth: { AuthFlow: AUTH_FLOWS },
  AdminInitiateAuth: { AuthFlow: AUTH_FLOWS }
};

/**
 * @param {string} operation
 * @param {unknown} body parsed JSON
 * @param {string} [service] the X-Amz-Target service: the AWS model of its operations gives the required members
 *   of operations not listed above, and the type of every member (shapes.js)
 * @returns {Record<string, unknown>} the body, known to be an object with its required members
 */
export function validateRequest(operation, body, service = '') {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  const record = /** @type {Record<string, unknown>} */ (body);
  const required = Object.hasOwn(REQUIRED, operation)
    ? (REQUIRED[operation] ?? [])
    : requiredMembers(service, operation);
  const missing = required.filter((name) => record[name] === undefined || record[name] === null);
  if (missing.length > 0) {
    const details = missing.map(
      (name) =>
        `Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`
    );
    const count = missing.length === 1 ? '1 validation error' : `${missing.length} validation errors`;
    throw new ServiceError('InvalidParameterException', `${count} detected: ${details.join('; ')}`);
  }
  const mismatch = shapeMismatch(service, operation, record);
  if (mismatch) throw new ServiceError('SerializationException', `Unexpected value: ${mismatch}.`);
  for (const [name, allowed] of Object.entries(ENUMS[operation] ?? {})) {
    const value = record[name];
    if (typeof value === 'string' && !allowed.includes(value)) {
      throw new ServiceError(
        'InvalidParameterException',
        `1 validation error detected: Value '${value}' at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`
      );
    }
  }
  return record;
}
