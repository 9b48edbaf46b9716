// @ts-check
// Cognito's behaviour where cognito-local's differs, for operations it otherwise runs: user existence errors,
// who may reset a password, ListUsers paging and filters, AdminCreateUser's delivery check, and the exact error
// codes and messages a client sees. Each rule names the AWS source it follows. Also the operations of mfa.js and
// token-refresh.js that take a request body directly.
import { randomUUID } from 'node:crypto';
import { attributeValue } from 'cognito-local/lib/services/userPoolService.js';
import { assertSecretHash, requireClient } from './client-policy.js';
import { ServiceError, invalidParameter, notAuthorized } from './errors.js';
import { maskDestination } from './user-pool.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */
/** @typedef {Record<string, any>} Body */

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html (Username pattern)
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIST_USERS_MAX = 60;

const codeMismatch = () =>
  new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.');

/** @param {ClientRecord} client */
const hidesUsers = (client) => client.PreventUserExistenceErrors === 'ENABLED';

/**
 * What Cognito answers in place of "no such user" when existence errors are prevented: a code "sent" to a
 * simulated destination (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).
 * @param {string} username
 */
const simulatedDelivery = (username) => ({
  CodeDeliveryDetails: {
    AttributeName: 'email',
    DeliveryMedium: 'EMAIL',
    Destination: maskDestination(`${username.replace(/[^\w.-]/g, '') || 'user'}@example.com`)
  }
});

/** @param {unknown} value @param {string} member */
function assertUsername(value, member = 'username') {
  if (typeof value === 'string' && (value.length > 128 || !USERNAME_PATTERN.test(value))) {
    throw invalidParameter(
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`
    );
  }
}

/** Cognito checks the email attribute's format on every write. @param {unknown} attributes */
function assertEmailFormat(attributes) {
  if (!Array.isArray(attributes)) return;
  const email = attributes.find((entry) => entry?.Name === 'email');
  if (email && (typeof email.Value !== 'string' || !EMAIL_PATTERN.test(email.Value))) {
    throw invalidParameter('Invalid email address format.');
  }
}

/** @param {UserRecord} user @param {string} name */
const isTrue = (user, name) => attributeValue(name, user.Attributes) === 'true';

/**
 * One ListUsers filter: `attribute = "value"` or `attribute ^= "value"`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html).
 * @param {unknown} filter
 * @returns {(user: UserRecord) => boolean}
 */
function parseFilter(filter) {
  if (filter === undefined || filter === null || filter === '') return () => true;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(String(filter));
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, name = '', operator, value = ''] = match;
  /** @param {UserRecord} user */
  const read = (user) => {
    switch (name) {
      case 'username':
        return user.Username;
      case 'status':
        return user.Enabled === false ? 'Disabled' : 'Enabled';
      case 'cognito:user_status':
        return user.UserStatus;
      default:
        return attributeValue(name, user.Attributes);
    }
  };
  return (user) => {
    const actual = read(user);
    if (actual === undefined) return false;
    return operator === '=' ? actual === value : actual.startsWith(value);
  };
}

/** @param {UserRecord} user @param {string[] | undefined} only */
const userResponse = (user, only) => ({
  Username: user.Username,
  Attributes: only ? (user.Attributes ?? []).filter((entry) => only.includes(entry.Name)) : user.Attributes,
  UserCreateDate: user.UserCreateDate,
  UserLastModifiedDate: user.UserLastModifiedDate,
  Enabled: user.Enabled,
  UserStatus: user.UserStatus
});

/**
 * A RefreshTokenRotation request member, checked as the API reference constrains it.
 * @param {unknown} value
 * @returns {{Feature: string, RetryGracePeriodSeconds?: number} | undefined}
 */
function refreshTokenRotation(value) {
  if (value === undefined || value === null) return undefined;
  const rotation = /** @type {Record<string, unknown>} */ (value);
  if (typeof value !== 'object' || (rotation.Feature !== 'ENABLED' && rotation.Feature !== 'DISABLED')) {
    throw invalidParameter(
      "1 validation error detected: Value at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"
    );
  }
  const grace = rotation.RetryGracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || Number(grace) < 0 || Number(grace) > 60)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60"
    );
  }
  return {
    Feature: rotation.Feature,
    ...(grace !== undefined ? { RetryGracePeriodSeconds: Number(grace) } : {})
  };
}

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sessions: import('./sessions.js').Sessions,
 *   userPool: ReturnType<typeof import('./user-pool.js').createUserPool>,
 *   mfa: import('./mfa.js').Mfa,
 *   tokenRefresh: ReturnType<typeof import('./token-refresh.js').createTokenRefresh>,
 *   onCodeSent: (message: import('./cognito-local.js').CodeMessage) => void,
 *   confirmationCode: string
 * }} deps
 */
export function createUserRules({
  directory,
  sessions,
  userPool,
  mfa,
  tokenRefresh,
  onCodeSent,
  confirmationCode
}) {
  const verifyAccessToken = (/** @type {unknown} */ token) => sessions.verifyAccessToken(token);

  /**
   * Stores a client's rotation setting (or its absence) and adds it to the response.
   * @param {Body} result CreateUserPoolClient / UpdateUserPoolClient response
   * @param {{Feature: string, RetryGracePeriodSeconds?: number} | undefined} rotation
   */
  async function withRotation(result, rotation) {
    const clientId = result?.UserPoolClient?.ClientId;
    if (!clientId) return result;
    await directory.updateClient(clientId, (current) => {
      const { RefreshTokenRotation: _previous, ...rest } = current;
      return rotation ? { ...rest, RefreshTokenRotation: rotation } : rest;
    });
    return rotation
      ? { UserPoolClient: { ...result.UserPoolClient, RefreshTokenRotation: rotation } }
      : result;
  }

  /** The app client (its SECRET_HASH checked first, as for any user) and the user, if any. @param {Body} body */
  function clientOf(body) {
    const client = requireClient(directory, String(body.ClientId));
    assertSecretHash(client, body.SecretHash, [body.Username]);
    return { client, user: directory.user(client.UserPoolId, String(body.Username)) };
  }

  return {
    /**
     * ForgotPassword: only for users with a verified email or phone, never in FORCE_CHANGE_PASSWORD
     * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html; the
     * messages as the service sends them, aws/aws-sdk-js-v3#7101 and aws-amplify/amplify-js#1340).
     * @param {Body} body
     */
    async ForgotPassword(body) {
      const { client, user } = clientOf(body);
      if (!user) {
        if (hidesUsers(client)) return simulatedDelivery(String(body.Username));
        throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      }
      if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
        throw notAuthorized('User password cannot be reset in the current state.');
      }
      const email = isTrue(user, 'email_verified') && attributeValue('email', user.Attributes);
      const phone = isTrue(user, 'phone_number_verified') && attributeValue('phone_number', user.Attributes);
      if (!email && !phone) {
        throw invalidParameter(
          'Cannot reset password for the user as there is no registered/verified email or phone_number'
        );
      }
      if (email) return userPool.delegate('ForgotPassword', body);
      // Only a verified phone: cognito-local sends by email only, so the sandbox sends the SMS itself.
      await directory.updateUser(client.UserPoolId, user.Username, (current) => ({
        ...current,
        ConfirmationCode: confirmationCode
      }));
      onCodeSent({ username: user.Username, destination: String(phone), code: confirmationCode });
      return {
        CodeDeliveryDetails: {
          AttributeName: 'phone_number',
          DeliveryMedium: 'SMS',
          Destination: maskDestination(String(phone))
        }
      };
    },

    /** @param {Body} body */
    async ConfirmForgotPassword(body) {
      const { client, user } = clientOf(body);
      if (!user) {
        if (hidesUsers(client)) throw codeMismatch();
        throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      }
      return userPool.delegate('ConfirmForgotPassword', body);
    },

    /** @param {Body} body */
    async ResendConfirmationCode(body) {
      const { client, user } = clientOf(body);
      if (!user && hidesUsers(client)) return simulatedDelivery(String(body.Username));
      return userPool.ResendConfirmationCode(body);
    },

    /**
     * ConfirmSignUp: a confirmed user cannot be confirmed again (NotAuthorizedException, "User cannot be confirmed.
     * Current status is CONFIRMED"); an unknown user looks like a wrong code when existence errors are prevented.
     * @param {Body} body
     */
    async ConfirmSignUp(body) {
      const { client, user } = clientOf(body);
      if (!user) {
        if (hidesUsers(client)) throw codeMismatch();
        throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      }
      if (user.UserStatus !== 'UNCONFIRMED') {
        throw notAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
      }
      const result = await userPool.delegate('ConfirmSignUp', body);
      // The code went to the auto-verified attribute, so confirming proves it: Cognito marks it verified
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html).
      const autoVerified = directory.poolOptions(client.UserPoolId)?.AutoVerifiedAttributes ?? [];
      const verified = autoVerified
        .filter((name) => attributeValue(name, user.Attributes) !== undefined)
        .map((name) => ({ Name: `${name}_verified`, Value: 'true' }));
      if (verified.length > 0) {
        await directory.updateUser(client.UserPoolId, user.Username, (current) => ({
          ...current,
          Attributes: [
            ...(current.Attributes ?? []).filter(
              (entry) => !verified.some((flag) => flag.Name === entry.Name)
            ),
            ...verified
          ]
        }));
      }
      // A Session that signs the user in with USER_AUTH, the confirmation code standing for the first factor
      // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html).
      const { Session } = mfa.challenge('CONFIRM_SIGN_UP', { client, user }, {});
      return { ...result, Session };
    },

    /** @param {Body} body */
    async AdminConfirmSignUp(body) {
      if (
        !directory.user(String(body.UserPoolId), String(body.Username)) &&
        directory.poolOptions(String(body.UserPoolId))
      ) {
        throw new ServiceError('UserNotFoundException', 'User does not exist.');
      }
      return userPool.delegate('AdminConfirmSignUp', body);
    },

    /**
     * SignUp: the username pattern and email format are checked; a user with neither email nor phone is created
     * and told nothing was sent (no CodeDeliveryDetails), where cognito-local refuses because the pool
     * auto-verifies email (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html:
     * CodeDeliveryDetails is returned only when a code was sent).
     * @param {Body} body
     */
    async SignUp(body) {
      assertUsername(body.Username);
      assertEmailFormat(body.UserAttributes);
      try {
        return await userPool.delegate('SignUp', body);
      } catch (error) {
        const undeliverable =
          error instanceof ServiceError &&
          error.message === 'User has no attribute matching desired auto verified attributes';
        if (!undeliverable) throw error;
      }
      // cognito-local ran every check (client, SECRET_HASH, password policy, existing user) before it refused.
      const client = requireClient(directory, String(body.ClientId));
      const attributes = Array.isArray(body.UserAttributes) ? body.UserAttributes : [];
      const UserSub = randomUUID();
      const now = new Date();
      await directory.createUser(client.UserPoolId, {
        Username: String(body.Username),
        Password: String(body.Password),
        Attributes: [{ Name: 'sub', Value: UserSub }, ...attributes.filter((entry) => entry?.Name !== 'sub')],
        Enabled: true,
        UserStatus: 'UNCONFIRMED',
        RefreshTokens: [],
        UserCreateDate: now,
        UserLastModifiedDate: now
      });
      return { UserConfirmed: false, UserSub };
    },

    /**
     * AdminDeleteUserAttributes: an unknown user is UserNotFoundException; an attribute outside the pool's schema
     * is refused (the message is the sandbox's).
     * @param {Body} body
     */
    async AdminDeleteUserAttributes(body) {
      const poolId = String(body.UserPoolId);
      const options = /** @type {{SchemaAttributes?: {Name?: string}[]} | undefined} */ (
        directory.poolOptions(poolId)
      );
      if (options && !directory.user(poolId, String(body.Username))) {
        throw new ServiceError('UserNotFoundException', 'User does not exist.');
      }
      const names = Array.isArray(body.UserAttributeNames) ? body.UserAttributeNames : [];
      const schema = new Set((options?.SchemaAttributes ?? []).map((entry) => entry.Name));
      const unknown = names.filter((name) => !schema.has(name));
      if (options && unknown.length > 0) {
        throw invalidParameter(`Attributes are not in the user pool's schema: ${unknown.join(', ')}`);
      }
      return userPool.delegate('AdminDeleteUserAttributes', body);
    },

    /**
     * AdminCreateUser: the welcome message must be deliverable before the user exists, and an existing user is
     * "User account already exists".
     * @param {Body} body
     */
    async AdminCreateUser(body) {
      assertUsername(body.Username);
      assertEmailFormat(body.UserAttributes);
      const poolId = String(body.UserPoolId);
      if (directory.poolOptions(poolId) && directory.user(poolId, String(body.Username))) {
        throw new ServiceError('UsernameExistsException', 'User account already exists');
      }
      if (body.MessageAction !== 'SUPPRESS' && body.MessageAction !== 'RESEND') {
        const mediums = Array.isArray(body.DesiredDeliveryMediums) ? body.DesiredDeliveryMediums : ['SMS'];
        const attributes = Array.isArray(body.UserAttributes) ? body.UserAttributes : [];
        const has = (/** @type {string} */ name) =>
          attributes.some((entry) => entry?.Name === name && entry.Value);
        if (
          !(mediums.includes('SMS') && has('phone_number')) &&
          !(mediums.includes('EMAIL') && has('email'))
        ) {
          throw invalidParameter('User has no attribute matching desired delivery mediums');
        }
      }
      return userPool.delegate('AdminCreateUser', body);
    },

    /**
     * ListUsers with Limit (at most 60), PaginationToken, AttributesToGet and the documented filters, including
     * `status = "Disabled"` (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html).
     * @param {Body} body
     */
    async ListUsers(body) {
      const poolId = String(body.UserPoolId);
      if (!directory.poolOptions(poolId)) {
        throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
      }
      const limit = body.Limit ?? LIST_USERS_MAX;
      if (!Number.isInteger(limit) || limit < 0 || limit > LIST_USERS_MAX) {
        throw invalidParameter(
          `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${LIST_USERS_MAX}`
        );
      }
      if (body.AttributesToGet !== undefined && !Array.isArray(body.AttributesToGet)) {
        throw invalidParameter('AttributesToGet must be a list of attribute names.');
      }
      let start = 0;
      if (body.PaginationToken !== undefined) {
        start = Number.parseInt(Buffer.from(String(body.PaginationToken), 'base64url').toString('utf8'), 10);
        if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid pagination token.');
      }
      const matching = directory.users(poolId).filter(parseFilter(body.Filter));
      const page = matching.slice(start, start + limit);
      const next = start + page.length;
      return {
        Users: page.map((user) => userResponse(user, body.AttributesToGet)),
        ...(next < matching.length && limit > 0
          ? { PaginationToken: Buffer.from(String(next)).toString('base64url') }
          : {})
      };
    },

    // App clients: cognito-local drops RefreshTokenRotation; the sandbox keeps it and answers it back
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html).
    /** @param {Body} body */
    async CreateUserPoolClient(body) {
      const rotation = refreshTokenRotation(body.RefreshTokenRotation);
      const result = await userPool.delegate('CreateUserPoolClient', body);
      return withRotation(result, rotation);
    },
    /** @param {Body} body */
    async UpdateUserPoolClient(body) {
      const rotation = refreshTokenRotation(body.RefreshTokenRotation);
      const result = await userPool.delegate('UpdateUserPoolClient', body);
      // UpdateUserPoolClient resets what the request leaves out, as Cognito documents.
      return withRotation(result, rotation);
    },
    /** @param {Body} body */
    async DescribeUserPoolClient(body) {
      const result = await userPool.delegate('DescribeUserPoolClient', body);
      const rotation = directory.client(String(body.ClientId))?.RefreshTokenRotation;
      return rotation
        ? { UserPoolClient: { ...result.UserPoolClient, RefreshTokenRotation: rotation } }
        : result;
    },

    // MFA (mfa.js) and refresh (token-refresh.js)
    /** @param {Body} body */
    AssociateSoftwareToken: (body) => mfa.AssociateSoftwareToken(body, verifyAccessToken),
    /** @param {Body} body */
    VerifySoftwareToken: (body) => mfa.VerifySoftwareToken(body, verifyAccessToken),
    /** @param {Body} body */
    async SetUserMFAPreference(body) {
      const { poolId, user } = await verifyAccessToken(body.AccessToken);
      return mfa.setPreference(poolId, user, body);
    },
    /** @param {Body} body */
    async AdminSetUserMFAPreference(body) {
      const user = directory.user(String(body.UserPoolId), String(body.Username));
      if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
      return mfa.setPreference(String(body.UserPoolId), user, body);
    },
    GetTokensFromRefreshToken: tokenRefresh.GetTokensFromRefreshToken
  };
}
