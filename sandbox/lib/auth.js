// @ts-check
// Sign-in: InitiateAuth, RespondToAuthChallenge and their Admin twins. cognito-local has no USER_SRP_AUTH and lets
// disabled users, wrong client flows and missing SECRET_HASH through; this module owns every sign-in so those rules
// hold whichever flow a client uses. The SRP secret block and the challenge Session are sealed blobs (sealed.js),
// so a sign-in needs no server memory between its two calls.
import { randomUUID } from 'node:crypto';
import { attributesAppend } from 'cognito-local/lib/services/userPoolService.js';
import { assertFlowAllowed, assertSecretHash, requireClient } from './client-policy.js';
import {
  ServiceError,
  incorrectCredentials,
  invalidParameter,
  notAuthorized,
  unknownClient
} from './errors.js';
import { createChoiceAuth } from './choice-auth.js';
import { createMfa } from './mfa.js';
import { assertPasswordPolicy } from './password-policy.js';
import { assertWritableAttributes, schemaOf } from './schema.js';
import { seal, unseal } from './sealed.js';
import { subOf } from './sessions.js';
import { SingleUse } from './single-use.js';
import * as srp from './srp.js';
import { assertNoRotation } from './token-refresh.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */
/** @typedef {Record<string, unknown>} Body */

// Cognito's default authentication session lifetime (AuthSessionValidity): 3 minutes.
const CHALLENGE_SECONDS = 180;

/**
 * @param {Record<string, unknown>} params
 * @param {string} name
 */
function requireParam(params, name) {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sessions: import('./sessions.js').Sessions,
 *   sealingKey: Buffer,
 *   mfa?: import('./mfa.js').Mfa,
 *   now?: () => number
 * }} deps
 */
export function createAuth({
  directory,
  sessions,
  sealingKey,
  now = () => Math.floor(Date.now() / 1000),
  mfa = createMfa({ directory, sealingKey, code: '', onCodeSent: () => {}, now })
}) {
  // Every sealed challenge (SRP secret block, NEW_PASSWORD_REQUIRED session) is answered at most once. The blob
  // itself is the key (each has a fresh random IV), so no extra randomness is drawn (the recorded sample run
  // replays the sandbox's random stream byte for byte).
  const answered = new SingleUse(now);

  /** @param {ClientRecord} client */
  const poolName = (client) => client.UserPoolId.split('_')[1] ?? '';

  /**
   * With PreventUserExistenceErrors an unknown user looks like a wrong password; without it Cognito says so.
   * @param {ClientRecord} client
   * @param {string} username
   */
  function findUser(client, username) {
    const user = directory.user(client.UserPoolId, username);
    if (!user && client.PreventUserExistenceErrors !== 'ENABLED') {
      throw new ServiceError('UserNotFoundException', 'User does not exist.');
    }
    return user;
  }

  /**
   * Everything Cognito decides once the password is proven.
   * @param {ClientRecord} client
   * @param {UserRecord} user
   */
  async function afterPassword(client, user) {
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    if (user.UserStatus === 'UNCONFIRMED') {
      throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
    }
    if (user.UserStatus === 'RESET_REQUIRED') {
      throw new ServiceError('PasswordResetRequiredException', 'Password reset required for the user');
    }
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') return newPasswordChallenge(client, user);
    return mfa.challengeAfterFirstFactor(client, user) ?? signedIn(client, user);
  }

  /** Tokens for a sign-in that has proven every factor. @param {ClientRecord} client @param {UserRecord} user */
  async function signedIn(client, user) {
    return { ChallengeParameters: {}, AuthenticationResult: await sessions.start({ client, user }) };
  }

  /** @param {ClientRecord} client @param {UserRecord} user */
  function newPasswordChallenge(client, user) {
    const state = {
      pool: client.UserPoolId,
      client: client.ClientId,
      user: user.Username,
      exp: now() + CHALLENGE_SECONDS
    };
    const attributes = Object.fromEntries(
      (user.Attributes ?? []).filter(({ Name }) => Name !== 'sub').map(({ Name, Value }) => [Name, Value])
    );
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: seal(sealingKey, 'NEW_PASSWORD_REQUIRED', state).toString('base64'),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.Username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(attributes)
      }
    };
  }

  /** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH. @param {ClientRecord} client @param {Body} params */
  function passwordSignIn(client, params) {
    const username = requireParam(params, 'USERNAME');
    const password = requireParam(params, 'PASSWORD');
    assertSecretHash(client, params.SECRET_HASH, [username]);
    const user = findUser(client, username);
    if (!user) throw incorrectCredentials();
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    // A federated user (EXTERNAL_PROVIDER) has no password, and AdminDisableProviderForUser with ProviderName
    // Cognito takes a native user's password sign-in away.
    if (!user.Password || user.PasswordSignInDisabled || user.Password !== password)
      throw incorrectCredentials();
    return afterPassword(client, user);
  }

  /** @param {ClientRecord} client @param {Body} params */
  async function refresh(client, params) {
    const token = requireParam(params, 'REFRESH_TOKEN');
    const AuthenticationResult = await sessions.refresh({
      client,
      token,
      // A refresh's SECRET_HASH may be computed with the username or the sub.
      authenticateClient: (user) => assertSecretHash(client, params.SECRET_HASH, [user.Username, subOf(user)])
    });
    return { ChallengeParameters: {}, AuthenticationResult };
  }

  /**
   * USER_SRP_AUTH step 1: answer SRP_A with the PASSWORD_VERIFIER challenge. An unknown user (when existence errors
   * are prevented) gets a challenge that looks the same and fails at step 2, as in Cognito.
   * @param {ClientRecord} client
   * @param {Body} params
   */
  function srpChallenge(client, params) {
    const username = requireParam(params, 'USERNAME');
    const srpA = requireParam(params, 'SRP_A');
    assertSecretHash(client, params.SECRET_HASH, [username]);
    if (!/^[0-9a-f]+$/i.test(srpA) || !srp.isValidClientPublic(BigInt(`0x${srpA}`))) {
      throw invalidParameter('SRP_A is not a valid SRP public value.');
    }
    const user = findUser(client, username);
    if (user?.Enabled === false) throw notAuthorized('User is disabled.');
    const userId = user?.Username ?? username;
    const password = user?.Password && !user.PasswordSignInDisabled ? user.Password : randomUUID();
    const salt = srp.saltFor(sealingKey, client.UserPoolId, userId, user ? password : '');
    const v = srp.verifier({ poolName: poolName(client), username: userId, password, salt });
    const { b, B } = srp.serverEphemeral(v);
    const state = {
      pool: client.UserPoolId,
      client: client.ClientId,
      user: user ? userId : null,
      A: srpA,
      b: b.toString(16),
      B: B.toString(16),
      v: v.toString(16),
      exp: now() + CHALLENGE_SECONDS
    };
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: salt,
        SECRET_BLOCK: seal(sealingKey, 'PASSWORD_VERIFIER', state).toString('base64'),
        SRP_B: state.B,
        USERNAME: userId,
        USER_ID_FOR_SRP: userId
      }
    };
  }

  /** USER_SRP_AUTH step 2. @param {ClientRecord} client @param {Body} responses */
  function verifyPasswordClaim(client, responses) {
    const username = requireParam(responses, 'USERNAME');
    const blockText = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireParam(responses, 'TIMESTAMP');
    assertSecretHash(client, responses.SECRET_HASH, [username]);
    const secretBlock = Buffer.from(blockText, 'base64');
    const state = unseal(sealingKey, 'PASSWORD_VERIFIER', secretBlock);
    if (!state || state.client !== client.ClientId || state.exp < now()) throw incorrectCredentials();
    // Right or wrong, an answer uses the challenge up: a captured answer cannot be replayed.
    answered.consume(secretBlock, state.exp);
    if (!state.user) throw incorrectCredentials();
    const user = directory.user(state.pool, state.user);
    if (!user) throw incorrectCredentials();
    const key = srp.sessionKey({
      A: BigInt(`0x${state.A}`),
      B: BigInt(`0x${state.B}`),
      b: BigInt(`0x${state.b}`),
      v: BigInt(`0x${state.v}`)
    });
    const valid =
      key &&
      srp.isValidClaim({
        key,
        poolName: poolName(client),
        userId: state.user,
        secretBlock,
        timestamp,
        signature
      });
    if (!valid) throw incorrectCredentials();
    return afterPassword(client, user);
  }

  /**
   * NEW_PASSWORD_REQUIRED: set the new password (and any userAttributes.*), then sign in.
   * @param {ClientRecord} client
   * @param {Body} responses
   * @param {unknown} sessionText
   */
  async function setNewPassword(client, responses, sessionText) {
    const state =
      typeof sessionText === 'string'
        ? unseal(sealingKey, 'NEW_PASSWORD_REQUIRED', Buffer.from(sessionText, 'base64'))
        : undefined;
    const user = state && directory.user(state.pool, state.user);
    if (!state || state.client !== client.ClientId || user?.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
      throw notAuthorized('Invalid session for the user.');
    }
    if (state.exp < now()) throw notAuthorized('Invalid session for the user, session is expired.');
    const username = requireParam(responses, 'USERNAME');
    if (username !== user.Username && username !== subOf(user)) {
      throw notAuthorized('Invalid session for the user.');
    }
    assertSecretHash(client, responses.SECRET_HASH, [username]);
    const password = requireParam(responses, 'NEW_PASSWORD');
    assertPasswordPolicy(password, directory.poolOptions(client.UserPoolId)?.Policies?.PasswordPolicy);
    const prefix = 'userAttributes.';
    const updates = Object.entries(responses)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => ({ Name: name.slice(prefix.length), Value: String(value) }));
    // The app client writes these attributes: the schema and the client's write attributes apply.
    assertWritableAttributes({
      schema: schemaOf(directory.poolOptions(client.UserPoolId)),
      attributes: updates,
      mode: 'update',
      client
    });
    answered.consume(Buffer.from(String(sessionText), 'base64'), state.exp);
    await directory.updateUser(client.UserPoolId, user.Username, (current) => ({
      ...current,
      Password: password,
      UserStatus: 'CONFIRMED',
      Attributes: attributesAppend(current.Attributes, ...updates),
      UserLastModifiedDate: new Date()
    }));
    return afterPassword(
      client,
      /** @type {UserRecord} */ (directory.user(client.UserPoolId, user.Username))
    );
  }

  const choice = createChoiceAuth({ directory, mfa, findUser, passwordSignIn, srpChallenge, signedIn });

  /** @param {Body} body */
  async function respond(body) {
    const client = requireClient(directory, String(body.ClientId));
    const responses = /** @type {Body} */ (body.ChallengeResponses ?? {});
    if (body.ChallengeName === 'PASSWORD_VERIFIER') return verifyPasswordClaim(client, responses);
    if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      return setNewPassword(client, responses, body.Session);
    }
    if (body.ChallengeName === 'SELECT_CHALLENGE') return choice.select(client, responses, body.Session);
    if (
      ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP', 'SELECT_MFA_TYPE'].includes(String(body.ChallengeName))
    ) {
      const next = await mfa.respond(client, String(body.ChallengeName), responses, body.Session);
      return 'challenge' in next ? next.challenge : signedIn(client, next.user);
    }
    throw invalidParameter(`The sandbox does not support the ${body.ChallengeName} challenge.`);
  }

  /** @param {Body} body */
  function adminClient(body) {
    const client = requireClient(directory, String(body.ClientId));
    if (client.UserPoolId !== body.UserPoolId) throw unknownClient(client.ClientId);
    return client;
  }

  return {
    /** @param {Body} body */
    InitiateAuth(body) {
      const client = requireClient(directory, String(body.ClientId));
      const params = /** @type {Body} */ (body.AuthParameters ?? {});
      switch (body.AuthFlow) {
        case 'USER_SRP_AUTH':
          assertFlowAllowed(client, 'USER_SRP_AUTH');
          return srpChallenge(client, params);
        case 'USER_PASSWORD_AUTH':
          assertFlowAllowed(client, 'USER_PASSWORD_AUTH');
          return passwordSignIn(client, params);
        case 'USER_AUTH':
          return choice.initiate(client, params, body.Session);
        case 'REFRESH_TOKEN_AUTH':
        case 'REFRESH_TOKEN':
          assertFlowAllowed(client, 'REFRESH_TOKEN_AUTH');
          assertNoRotation(client);
          return refresh(client, params);
        default:
          throw invalidParameter(`The sandbox does not support AuthFlow ${body.AuthFlow} in InitiateAuth.`);
      }
    },

    /** @param {Body} body */
    AdminInitiateAuth(body) {
      const client = adminClient(body);
      const params = /** @type {Body} */ (body.AuthParameters ?? {});
      switch (body.AuthFlow) {
        case 'ADMIN_USER_PASSWORD_AUTH':
        case 'ADMIN_NO_SRP_AUTH':
          assertFlowAllowed(client, 'ADMIN_USER_PASSWORD_AUTH');
          return passwordSignIn(client, params);
        case 'USER_AUTH':
          return choice.initiate(client, params, body.Session);
        case 'REFRESH_TOKEN_AUTH':
        case 'REFRESH_TOKEN':
          assertFlowAllowed(client, 'REFRESH_TOKEN_AUTH');
          assertNoRotation(client);
          return refresh(client, params);
        default:
          throw invalidParameter(
            `The sandbox does not support AuthFlow ${body.AuthFlow} in AdminInitiateAuth.`
          );
      }
    },

    RespondToAuthChallenge: respond,
    mfa,

    /** @param {Body} body */
    AdminRespondToAuthChallenge(body) {
      adminClient(body);
      return respond(body);
    }
  };
}
