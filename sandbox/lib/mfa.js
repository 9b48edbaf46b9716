// @ts-check
// Multi-factor authentication, which cognito-local stores but never challenges: TOTP (AssociateSoftwareToken,
// VerifySoftwareToken), SMS and email codes, the user's MFA preference, and the challenges a sign-in meets after
// its first factor (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE). TOTP codes are RFC 6238 (SHA-1,
// 30 s, 6 digits) checked with otplib, one step of clock drift either way, as authenticator apps expect. SMS and
// email codes are the seed's confirmation code, printed on the console like every code the sandbox "sends".
//   https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html
import { generateSecret, verify } from 'otplib';
import { ServiceError, invalidParameter, notAuthorized } from './errors.js';
import { seal, unseal } from './sealed.js';
import { SingleUse } from './single-use.js';
import { maskDestination } from './user-pool.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */
/** @typedef {Record<string, any>} Body */
/** @typedef {'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'} Factor */

// Cognito's authentication session lifetime (AuthSessionValidity default): 3 minutes.
const CHALLENGE_SECONDS = 180;
const FACTORS = /** @type {const} */ (['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);
// The request member of SetUserMFAPreference that carries each factor.
/** @type {Record<Factor, string>} */
const SETTINGS = {
  SOFTWARE_TOKEN_MFA: 'SoftwareTokenMfaSettings',
  SMS_MFA: 'SMSMfaSettings',
  EMAIL_OTP: 'EmailMfaSettings'
};
// The ChallengeResponses member that carries each factor's code.
/** @type {Record<Factor, string>} */
const CODE_FIELDS = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE'
};

// Cognito's words, as recorded in public bug reports against the real service:
// aws-amplify/amplify-js#3066 and #11069 (a wrong MFA code), aws-samples/aws-amplify-auth-starters#15 (a wrong code
// in VerifySoftwareToken), aws-amplify/amplify-js#944 (TOTP preferred before it was set up).
export const wrongCode = () =>
  new ServiceError('CodeMismatchException', 'Invalid code or auth state for the user.');

/** @param {UserRecord} user @param {string} name */
const attribute = (user, name) => user.Attributes?.find((entry) => entry.Name === name)?.Value;

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   sealingKey: Buffer,
 *   code: string,
 *   onCodeSent: (message: import('./cognito-local.js').CodeMessage) => void,
 *   now?: () => number
 * }} deps
 */
export function createMfa({
  directory,
  sealingKey,
  code,
  onCodeSent,
  now = () => Math.floor(Date.now() / 1000)
}) {
  const answered = new SingleUse(now);
  /** @param {string} poolId */
  const mfaConfiguration = (poolId) =>
    /** @type {{MfaConfiguration?: string}} */ (directory.poolOptions(poolId) ?? {}).MfaConfiguration ??
    'OFF';

  /**
   * Where a factor's code goes: the user's phone for SMS, email for email; undefined when the user has none.
   * @param {UserRecord} user
   * @param {Factor} factor
   */
  function destinationOf(user, factor) {
    if (factor === 'SMS_MFA') {
      const phone = attribute(user, 'phone_number');
      return phone ? { medium: 'SMS', attribute: 'phone_number', address: phone } : undefined;
    }
    if (factor === 'EMAIL_OTP') {
      const email = attribute(user, 'email');
      return email ? { medium: 'EMAIL', attribute: 'email', address: email } : undefined;
    }
    return undefined;
  }

  /**
   * Sends a one-time code (prints it) and returns the challenge parameters that say where it went.
   * @param {UserRecord} user
   * @param {Factor} factor
   * @param {string} purpose words for the console line
   */
  function sendCode(user, factor, purpose) {
    const destination = destinationOf(user, factor);
    if (!destination)
      throw invalidParameter(`The user has no ${factor === 'SMS_MFA' ? 'phone number' : 'email'}.`);
    onCodeSent({ username: user.Username, destination: destination.address, code, purpose });
    return {
      CODE_DELIVERY_DELIVERY_MEDIUM: destination.medium,
      CODE_DELIVERY_DESTINATION: maskDestination(destination.address)
    };
  }

  /**
   * A challenge whose state travels in its sealed Session.
   * @param {string} ChallengeName
   * @param {{client: ClientRecord, user: UserRecord}} who
   * @param {Record<string, string>} ChallengeParameters
   * @param {Record<string, unknown>} [extra] more sealed state
   */
  function challenge(ChallengeName, { client, user }, ChallengeParameters, extra = {}) {
    const state = {
      pool: client.UserPoolId,
      client: client.ClientId,
      user: user.Username,
      exp: now() + CHALLENGE_SECONDS,
      ...extra
    };
    return {
      ChallengeName,
      Session: seal(sealingKey, ChallengeName, state).toString('base64'),
      ChallengeParameters: { USER_ID_FOR_SRP: user.Username, ...ChallengeParameters }
    };
  }

  /**
   * The state sealed in a challenge Session, checked against the client, the user and the clock.
   * @param {string} challengeName
   * @param {ClientRecord} client
   * @param {unknown} sessionText
   * @param {Body} responses
   * @returns {{state: Record<string, any>, user: UserRecord}}
   */
  function openSession(challengeName, client, sessionText, responses) {
    const state =
      typeof sessionText === 'string'
        ? unseal(sealingKey, challengeName, Buffer.from(sessionText, 'base64'))
        : undefined;
    const user = state && directory.user(state.pool, state.user);
    if (!state || !user || state.client !== client.ClientId)
      throw notAuthorized('Invalid session for the user.');
    if (state.exp < now()) throw notAuthorized('Invalid session for the user, session is expired.');
    const username = responses.USERNAME;
    if (username !== undefined && username !== user.Username && username !== attribute(user, 'sub')) {
      throw notAuthorized('Invalid session for the user.');
    }
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    return { state, user };
  }

  /** @param {UserRecord} user @param {unknown} given */
  async function totpMatches(user, given) {
    const secret = user.SoftwareToken?.secret;
    if (!secret || typeof given !== 'string' || !/^\d{6}$/.test(given)) return false;
    const result = await verify({ secret, token: given, epochTolerance: 30 }).catch(() => ({ valid: false }));
    return result.valid;
  }

  /**
   * The challenge for one factor.
   * @param {ClientRecord} client
   * @param {UserRecord} user
   * @param {Factor} factor
   */
  function factorChallenge(client, user, factor) {
    if (factor === 'SOFTWARE_TOKEN_MFA') {
      return challenge(
        factor,
        { client, user },
        { FRIENDLY_DEVICE_NAME: user.SoftwareToken?.name ?? 'TOTP device' }
      );
    }
    return challenge(factor, { client, user }, sendCode(user, factor, 'MFA code'), { code });
  }

  /**
   * MFA preference of SetUserMFAPreference / AdminSetUserMFAPreference.
   * @param {string} poolId
   * @param {UserRecord} user
   * @param {Body} body
   */
  async function setPreference(poolId, user, body) {
    const enabled = new Set(user.UserMFASettingList ?? []);
    let preferred = user.PreferredMfaSetting;
    for (const factor of FACTORS) {
      const settings = body[SETTINGS[factor]];
      if (settings === undefined || settings === null) continue;
      if (typeof settings !== 'object') throw invalidParameter(`${SETTINGS[factor]} must be an object.`);
      if (settings.Enabled === true) {
        if (factor === 'SOFTWARE_TOKEN_MFA' && !user.SoftwareToken?.verified) {
          throw invalidParameter('User has not set up software token mfa');
        }
        if (factor !== 'SOFTWARE_TOKEN_MFA' && !destinationOf(user, factor)) {
          throw invalidParameter(`User does not have delivery config set to turn on ${factor}`);
        }
        enabled.add(factor);
        if (settings.PreferredMfa === true) preferred = factor;
        else if (preferred === factor && settings.PreferredMfa === false) preferred = undefined;
      } else if (settings.Enabled === false) {
        enabled.delete(factor);
        if (preferred === factor) preferred = undefined;
      } else if (settings.PreferredMfa === true) {
        if (!enabled.has(factor)) throw invalidParameter(`${factor} must be enabled to be preferred.`);
        preferred = factor;
      }
    }
    await directory.updateUser(poolId, user.Username, (current) => ({
      ...current,
      UserMFASettingList: FACTORS.filter((factor) => enabled.has(factor)),
      PreferredMfaSetting: preferred,
      UserLastModifiedDate: new Date()
    }));
    return {};
  }

  return {
    fixedCode: code,
    sendCode,
    challenge,
    openSession,

    /**
     * Ends a challenge Session once it has been answered successfully: a captured answer (or a ConfirmSignUp
     * Session that signs in without a password) cannot be replayed.
     * @param {unknown} sessionText
     * @param {Record<string, any>} state the Session's opened state (its `exp`: epoch seconds)
     */
    consumeSession(sessionText, state) {
      answered.consume(Buffer.from(String(sessionText), 'base64'), state.exp);
    },

    /**
     * What a sign-in meets once the first factor is proven: nothing (undefined), one factor's challenge, or
     * SELECT_MFA_TYPE when several are enabled and none is preferred.
     * @param {ClientRecord} client
     * @param {UserRecord} user
     */
    challengeAfterFirstFactor(client, user) {
      if (mfaConfiguration(client.UserPoolId) === 'OFF') return undefined;
      const enabled = /** @type {Factor[]} */ (user.UserMFASettingList ?? []).filter((factor) =>
        FACTORS.includes(factor)
      );
      if (enabled.length === 0) return undefined;
      const preferred = /** @type {Factor | undefined} */ (user.PreferredMfaSetting);
      if (preferred && enabled.includes(preferred)) return factorChallenge(client, user, preferred);
      if (enabled.length === 1) return factorChallenge(client, user, /** @type {Factor} */ (enabled[0]));
      return challenge('SELECT_MFA_TYPE', { client, user }, { MFAS_CAN_CHOOSE: JSON.stringify(enabled) });
    },

    /**
     * RespondToAuthChallenge for SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP (as MFA or as first factor) and
     * SELECT_MFA_TYPE. Resolves to the next challenge, or to the user once the code is right.
     * @param {ClientRecord} client
     * @param {string} challengeName
     * @param {Body} responses
     * @param {unknown} sessionText
     * @returns {Promise<{challenge: object} | {user: UserRecord}>}
     */
    async respond(client, challengeName, responses, sessionText) {
      const { state, user } = openSession(challengeName, client, sessionText, responses);
      if (challengeName === 'SELECT_MFA_TYPE') {
        const answer = responses.ANSWER;
        if (!FACTORS.includes(answer) || !(user.UserMFASettingList ?? []).includes(answer)) {
          throw invalidParameter('Invalid MFA type chosen.');
        }
        answered.consume(Buffer.from(String(sessionText), 'base64'), state.exp);
        return { challenge: factorChallenge(client, user, answer) };
      }
      const factor = /** @type {Factor} */ (challengeName);
      const given = responses[CODE_FIELDS[factor]];
      const valid =
        factor === 'SOFTWARE_TOKEN_MFA'
          ? await totpMatches(user, given)
          : given === state.code && given !== undefined;
      if (!valid) throw wrongCode();
      // A wrong code may be retried with the same Session; a right one ends it (a captured answer cannot replay).
      answered.consume(Buffer.from(String(sessionText), 'base64'), state.exp);
      return { user };
    },

    /** @param {Body} body @param {(token: unknown) => Promise<{poolId: string, user: UserRecord}>} verifyAccessToken */
    async AssociateSoftwareToken(body, verifyAccessToken) {
      if (body.AccessToken === undefined) {
        // MFA_SETUP (a pool with MFA required) is not part of the sandbox: its pool makes MFA optional.
        throw invalidParameter('The sandbox associates software tokens with an AccessToken only.');
      }
      const { poolId, user } = await verifyAccessToken(body.AccessToken);
      const secret = generateSecret();
      await directory.updateUser(poolId, user.Username, (current) => ({
        ...current,
        // A new association replaces any earlier one; it counts once verified.
        SoftwareToken: { secret, verified: false },
        UserMFASettingList: (current.UserMFASettingList ?? []).filter(
          (factor) => factor !== 'SOFTWARE_TOKEN_MFA'
        ),
        PreferredMfaSetting:
          current.PreferredMfaSetting === 'SOFTWARE_TOKEN_MFA' ? undefined : current.PreferredMfaSetting
      }));
      return { SecretCode: secret };
    },

    /** @param {Body} body @param {(token: unknown) => Promise<{poolId: string, user: UserRecord}>} verifyAccessToken */
    async VerifySoftwareToken(body, verifyAccessToken) {
      if (body.AccessToken === undefined) {
        throw invalidParameter('The sandbox verifies software tokens with an AccessToken only.');
      }
      const { poolId, user } = await verifyAccessToken(body.AccessToken);
      if (!user.SoftwareToken) {
        throw new ServiceError(
          'SoftwareTokenMFANotFoundException',
          'Software Token MFA does not exist for the user.'
        );
      }
      if (!(await totpMatches(user, body.UserCode))) {
        throw new ServiceError(
          'EnableSoftwareTokenMFAException',
          'Code mismatch and fail enable Software Token MFA'
        );
      }
      await directory.updateUser(poolId, user.Username, (current) => ({
        ...current,
        SoftwareToken: {
          secret: current.SoftwareToken?.secret ?? '',
          verified: true,
          name: typeof body.FriendlyDeviceName === 'string' ? body.FriendlyDeviceName : undefined
        }
      }));
      return { Status: 'SUCCESS' };
    },

    setPreference
  };
}

/** @typedef {ReturnType<typeof createMfa>} Mfa */
