// @ts-check
// User pool operations other than sign-in. cognito-local runs most of them; this layer checks first what
// cognito-local skips (SECRET_HASH, password policy, a real access token check) and answers the operations it lacks
// (GlobalSignOut, AdminUserGlobalSignOut, RevokeToken, ResendConfirmationCode).
import { assertSecretHash, requireClient } from './client-policy.js';
import { ServiceError, invalidParameter } from './errors.js';
import { assertPasswordPolicy } from './password-policy.js';
import { assertWritableAttributes, schemaOf } from './schema.js';

/** @typedef {Record<string, any>} Body */

// Public operations that name a client and a user: a client with a secret needs SecretHash on each.
const NEEDS_SECRET_HASH = new Set(['SignUp', 'ConfirmSignUp', 'ForgotPassword', 'ConfirmForgotPassword']);

// Operations that write user attributes: whether they create a user, and whether an app client (not an
// administrator) writes them.
/** @type {Record<string, {mode: 'create' | 'update', byClient: boolean}>} */
const ATTRIBUTE_WRITES = {
  SignUp: { mode: 'create', byClient: true },
  AdminCreateUser: { mode: 'create', byClient: false },
  UpdateUserAttributes: { mode: 'update', byClient: true },
  AdminUpdateUserAttributes: { mode: 'update', byClient: false }
};

// Operations that set a password, and the field that carries it.
/** @type {Record<string, string>} */
const PASSWORD_FIELDS = {
  SignUp: 'Password',
  ConfirmForgotPassword: 'Password',
  ChangePassword: 'ProposedPassword',
  AdminSetUserPassword: 'Password',
  AdminCreateUser: 'TemporaryPassword'
};

/**
 * Cognito shows where a code went without giving the address away: a***@e***, +*******0100.
 * @param {string} destination
 */
export function maskDestination(destination) {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination[0]}***@${destination[at + 1] ?? ''}***`;
  return destination.slice(0, 1) + '*'.repeat(Math.max(0, destination.length - 5)) + destination.slice(-4);
}

/** @param {Body} result */
function maskDelivery(result) {
  const details = result?.CodeDeliveryDetails;
  if (!details?.Destination) return result;
  return {
    ...result,
    CodeDeliveryDetails: { ...details, Destination: maskDestination(details.Destination) }
  };
}

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sessions: import('./sessions.js').Sessions,
 *   cognitoLocal: import('./cognito-local.js').CognitoLocal
 * }} deps
 */
export function createUserPool({ directory, sessions, cognitoLocal }) {
  /**
   * The checks that must pass before cognito-local runs an operation.
   * @param {string} operation
   * @param {Body} body
   */
  async function guard(operation, body) {
    let poolId = typeof body.UserPoolId === 'string' ? body.UserPoolId : undefined;
    /** @type {import('./directory.js').ClientRecord | undefined} */
    let client;
    if (body.AccessToken !== undefined) {
      const verified = await sessions.verifyAccessToken(body.AccessToken);
      poolId = verified.poolId;
      client = directory.client(String(verified.claims.client_id));
    } else if (typeof body.ClientId === 'string' && NEEDS_SECRET_HASH.has(operation)) {
      client = requireClient(directory, body.ClientId);
      assertSecretHash(client, body.SecretHash, [body.Username]);
      poolId = client.UserPoolId;
    }
    const write = ATTRIBUTE_WRITES[operation];
    if (write && poolId && Array.isArray(body.UserAttributes)) {
      assertWritableAttributes({
        schema: schemaOf(directory.poolOptions(poolId)),
        attributes: body.UserAttributes,
        mode: write.mode,
        client: write.byClient ? (client ?? {}) : undefined
      });
    }
    const passwordField = PASSWORD_FIELDS[operation];
    if (passwordField && typeof body[passwordField] === 'string' && poolId) {
      assertPasswordPolicy(body[passwordField], directory.poolOptions(poolId)?.Policies?.PasswordPolicy);
    }
  }

  return {
    /**
     * Runs a cognito-local operation behind the sandbox's checks.
     * @param {string} operation
     * @param {Body} body
     */
    async delegate(operation, body) {
      await guard(operation, body);
      return maskDelivery(await cognitoLocal.call(operation, body));
    },

    /** @param {Body} body */
    async GlobalSignOut(body) {
      const { poolId, user } = await sessions.verifyAccessToken(body.AccessToken);
      await sessions.signOutEverywhere(poolId, user.Username);
      return {};
    },

    /** @param {Body} body */
    async AdminUserGlobalSignOut(body) {
      const user = directory.user(body.UserPoolId, body.Username);
      if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
      await sessions.signOutEverywhere(body.UserPoolId, user.Username);
      return {};
    },

    /** @param {Body} body */
    async RevokeToken(body) {
      const client = requireClient(directory, body.ClientId);
      await sessions.revokeToken({ client, token: body.Token, clientSecret: body.ClientSecret });
      return {};
    },

    /** @param {Body} body */
    async ResendConfirmationCode(body) {
      const client = requireClient(directory, body.ClientId);
      assertSecretHash(client, body.SecretHash, [body.Username]);
      const user = directory.user(client.UserPoolId, body.Username);
      if (!user) throw new ServiceError('UserNotFoundException', 'Username/client id combination not found.');
      if (user.UserStatus !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
      await directory.updateUser(client.UserPoolId, user.Username, (current) => ({
        ...current,
        ConfirmationCode: cognitoLocal.confirmationCode
      }));
      const details = await cognitoLocal.sendConfirmationCode({
        poolId: client.UserPoolId,
        clientId: client.ClientId,
        user,
        autoVerified: directory.poolOptions(client.UserPoolId)?.AutoVerifiedAttributes ?? []
      });
      if (!details) throw invalidParameter('User has no attribute matching desired auto verified attributes');
      return maskDelivery({ CodeDeliveryDetails: details });
    }
  };
}
