// @ts-check
// Choice-based sign-in (AuthFlow USER_AUTH): the user pool offers the first factors its sign-in policy allows and
// the user can use (SELECT_CHALLENGE), or the client names one with PREFERRED_CHALLENGE. The sandbox offers
// PASSWORD, PASSWORD_SRP and EMAIL_OTP; passkeys and SMS_OTP are not part of it.
//   https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
import { ServiceError, invalidParameter } from './errors.js';

/** @typedef {import('./directory.js').ClientRecord} ClientRecord */
/** @typedef {import('./directory.js').UserRecord} UserRecord */
/** @typedef {Record<string, any>} Body */

const SUPPORTED = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'];

/**
 * @param {{
 *   directory: import('./directory.js').Directory,
 *   mfa: import('./mfa.js').Mfa,
 *   findUser: (client: ClientRecord, username: string) => UserRecord | undefined,
 *   passwordSignIn: (client: ClientRecord, params: Body) => Promise<object>,
 *   srpChallenge: (client: ClientRecord, params: Body) => object,
 *   signedIn: (client: ClientRecord, user: UserRecord) => Promise<object>
 * }} deps
 */
export function createChoiceAuth({ directory, mfa, findUser, passwordSignIn, srpChallenge, signedIn }) {
  /** The first factors of the pool's sign-in policy the sandbox can run. @param {string} poolId */
  function poolFactors(poolId) {
    const options = /** @type {{SignInPolicy?: {AllowedFirstAuthFactors?: string[]}}} */ (
      directory.poolOptions(poolId) ?? {}
    );
    const allowed = options.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
    return SUPPORTED.filter((factor) =>
      factor === 'PASSWORD_SRP' ? allowed.includes('PASSWORD') : allowed.includes(factor)
    );
  }

  /** What this user can use: EMAIL_OTP needs an email. @param {ClientRecord} client @param {UserRecord | undefined} user */
  function available(client, user) {
    const hasEmail = user?.Attributes?.some((entry) => entry.Name === 'email');
    // An unknown user is offered what the pool allows, so the answer reveals nothing.
    return poolFactors(client.UserPoolId).filter((factor) => factor !== 'EMAIL_OTP' || !user || hasEmail);
  }

  /**
   * Runs one first factor.
   * @param {ClientRecord} client
   * @param {UserRecord | undefined} user
   * @param {string} username
   * @param {string} factor
   * @param {Body} params PASSWORD, SRP_A, SECRET_HASH as sent
   */
  function start(client, user, username, factor, params) {
    if (factor === 'PASSWORD') {
      if (typeof params.PASSWORD !== 'string') throw invalidParameter('Missing required parameter PASSWORD');
      return passwordSignIn(client, { ...params, USERNAME: username });
    }
    if (factor === 'PASSWORD_SRP') return srpChallenge(client, { ...params, USERNAME: username });
    // EMAIL_OTP as the first factor.
    if (!user) throw new ServiceError('NotAuthorizedException', 'Incorrect username or password.');
    if (user.Enabled === false) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
    if (user.UserStatus === 'UNCONFIRMED') {
      throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
    }
    const delivery = mfa.sendCode(user, 'EMAIL_OTP', 'sign-in code');
    return mfa.challenge('EMAIL_OTP', { client, user }, delivery, { code: mfa.fixedCode, firstFactor: true });
  }

  return {
    /**
     * InitiateAuth with AuthFlow USER_AUTH.
     * @param {ClientRecord} client
     * @param {Body} params
     * @param {unknown} [sessionText] a ConfirmSignUp Session
     */
    initiate(client, params, sessionText) {
      const listed = client.ExplicitAuthFlows ?? [];
      if (!listed.includes('ALLOW_USER_AUTH'))
        throw invalidParameter('USER_AUTH flow not enabled for this client');
      const username = params.USERNAME;
      if (typeof username !== 'string' || username === '') {
        throw invalidParameter('Missing required parameter USERNAME');
      }
      if (sessionText !== undefined && sessionText !== null) {
        // The Session of a ConfirmSignUp: the code the user just confirmed is the first factor.
        const { state, user } = mfa.openSession('CONFIRM_SIGN_UP', client, sessionText, params);
        if (user.UserStatus !== 'CONFIRMED')
          throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
        // It stands in for a password: one sign-in per confirmation, a captured Session cannot sign in again.
        mfa.consumeSession(sessionText, state);
        return mfa.challengeAfterFirstFactor(client, user) ?? signedIn(client, user);
      }
      const user = findUser(client, username);
      const choices = available(client, user);
      const preferred = params.PREFERRED_CHALLENGE;
      if (typeof preferred === 'string' && choices.includes(preferred)) {
        return start(client, user, username, preferred, params);
      }
      const selection = user
        ? mfa.challenge('SELECT_CHALLENGE', { client, user }, {})
        : // An unknown user still gets a selection (it fails at the next step, as a wrong password does).
          mfa.challenge(
            'SELECT_CHALLENGE',
            { client, user: /** @type {UserRecord} */ ({ Username: username }) },
            {}
          );
      return { ...selection, AvailableChallenges: choices };
    },

    /**
     * RespondToAuthChallenge SELECT_CHALLENGE: ANSWER names the first factor (with PASSWORD or SRP_A as needed).
     * @param {ClientRecord} client
     * @param {Body} responses
     * @param {unknown} sessionText
     */
    async select(client, responses, sessionText) {
      const { state, user } = mfa.openSession('SELECT_CHALLENGE', client, sessionText, responses);
      const answer = responses.ANSWER;
      if (!available(client, user).includes(answer)) {
        throw invalidParameter(`The challenge ${answer} is not available for this user.`);
      }
      const next = await start(client, user, user.Username, answer, responses);
      // A wrong password may be retried with the same Session; an answer that went through ends it.
      mfa.consumeSession(sessionText, state);
      return next;
    },

    signedIn
  };
}
