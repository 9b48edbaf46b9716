import type * as CognitoIdentityJs from 'amazon-cognito-identity-js';
import type { AuthResponse } from './challenge-sign-in';
import { MemoryStorage } from './memory-storage';
import type { SessionTokens } from './types';

/** The amazon-cognito-identity-js module, passed in so the page can load it lazily (and tests can fake it). */
export type CognitoLibrary = Pick<
  typeof CognitoIdentityJs,
  | 'CognitoUserPool'
  | 'CognitoUser'
  | 'AuthenticationDetails'
  | 'CognitoUserAttribute'
  | 'CognitoRefreshToken'
  | 'CognitoIdToken'
  | 'CognitoAccessToken'
  | 'CognitoUserSession'
>;

export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export type { SessionTokens };

/** What a sign-in step led to: tokens, or the challenge Cognito asks the user to answer next. */
export type SignInOutcome =
  | { kind: 'signed-in'; tokens: SessionTokens }
  | { kind: 'new-password-required'; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: 'mfa-required'; challenge: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA'; destination?: string }
  | { kind: 'unsupported-challenge'; challenge: string }
  /** A challenge the library does not know (EMAIL_OTP, SMS_OTP...): the raw answer, for challenge-sign-in.ts. */
  | { kind: 'challenge'; response: AuthResponse; username: string };

// The challenges amazon-cognito-identity-js 6.3.21 handles (CognitoUser.authenticateUserInternal and the SRP
// steps). Any other one it mistakes for a finished sign-in and fails on the missing AuthenticationResult.
const LIBRARY_CHALLENGES: ReadonlySet<string> = new Set([
  'PASSWORD_VERIFIER',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'SMS_MFA',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'CUSTOM_CHALLENGE',
  'NEW_PASSWORD_REQUIRED'
]);
type ClientRequest = (
  operation: string,
  params: unknown,
  callback: (error: unknown, data?: AuthResponse) => void
) => void;

export interface SignUpResult {
  userConfirmed: boolean;
  destination?: string;
  medium?: string;
}

export interface UserPoolTarget {
  userPoolId: string;
  clientId: string;
  /** The user pool API endpoint, e.g. https://cognito-idp.us-east-1.amazonaws.com/ or the local sandbox. */
  endpoint: string;
  /**
   * The fetch every request goes through (the runner's traced fetch), so the page's `fetch` is never replaced.
   * Left out only by tests that fake the library itself.
   */
  fetch?: typeof fetch;
}

type Callback = (error: unknown, data?: unknown) => void;
interface LibraryError extends Error {
  code?: string;
  statusCode?: number;
}

/**
 * The library's request (amazon-cognito-identity-js Client#request, same headers and error mapping), through
 * the given fetch instead of the global one.
 */
function requestThrough(fetchFn: typeof fetch, endpoint: string) {
  return (operation: string, params: unknown, callback: Callback): void => {
    const failure = (message: string, code: string, status?: number): LibraryError =>
      Object.assign(new Error(message), { name: code, code, statusCode: status });
    void (async () => {
      let response: Response;
      try {
        response = await fetchFn(endpoint, {
          method: 'POST',
          mode: 'cors',
          headers: {
            'Content-Type': 'application/x-amz-json-1.1',
            'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
            // The library's own user agent (getAmplifyUserAgent), so Cognito sees what it always saw.
            'X-Amz-User-Agent': 'aws-amplify/5.0.4',
            'Cache-Control': 'no-store'
          },
          body: JSON.stringify(params)
        });
      } catch (error) {
        // The library reports a TypeError from fetch (offline, CORS) as a NetworkError.
        return callback(error instanceof TypeError ? failure('Network error', 'NetworkError') : error);
      }
      const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.ok) return callback(null, data);
      const type = String(data.__type ?? data.code ?? response.headers.get('x-amzn-errortype') ?? '');
      const code = type.split('#').pop()?.split(':')[0] || `HTTP ${response.status}`;
      const message = String(data.message ?? data.Message ?? response.status);
      callback(failure(message, code, response.status));
    })();
  };
}

type Session = CognitoIdentityJs.CognitoUserSession;
type Callbacks = Parameters<CognitoIdentityJs.CognitoUser['authenticateUser']>[1];

const tokensOf = (session: Session): SessionTokens => ({
  idToken: session.getIdToken().getJwtToken(),
  accessToken: session.getAccessToken().getJwtToken(),
  refreshToken: session.getRefreshToken().getToken()
});

/**
 * One user's conversation with a user pool through amazon-cognito-identity-js, as promises. Tokens stay in this
 * object (memory storage), never in localStorage.
 *
 * @example
 * const session = new UserPoolSession(await import('amazon-cognito-identity-js'), target);
 * const outcome = await session.signIn('alice', password, 'USER_SRP_AUTH');
 */
export class UserPoolSession {
  #lib: CognitoLibrary;
  #pool: CognitoIdentityJs.CognitoUserPool;
  #storage = new MemoryStorage();
  #user: CognitoIdentityJs.CognitoUser | undefined;
  #tokens: SessionTokens | undefined;
  #onOtherChallenge: ((response: AuthResponse) => void) | undefined;

  constructor(lib: CognitoLibrary, target: UserPoolTarget) {
    this.#lib = lib;
    this.#pool = new lib.CognitoUserPool({
      UserPoolId: target.userPoolId,
      ClientId: target.clientId,
      endpoint: target.endpoint,
      Storage: this.#storage
    });
    // Every CognitoUser of this pool shares its client: its requests now go through the given fetch.
    if (target.fetch) {
      const client = (this.#pool as unknown as { client: { request: unknown } }).client;
      client.request = requestThrough(target.fetch, target.endpoint);
    }
    this.#catchOtherChallenges();
  }

  /**
   * Every CognitoUser of the pool sends its requests through the pool's `client`. Answers naming a challenge
   * the library does not know are handed to the pending sign-in as `{ kind: 'challenge' }` instead of to the
   * library, which would fail on them.
   */
  #catchOtherChallenges(): void {
    const client = (this.#pool as unknown as { client?: { request?: ClientRequest } }).client;
    const original = client?.request;
    if (!client || typeof original !== 'function') return;
    client.request = (operation, params, callback) =>
      original.call(client, operation, params, (error, data) => {
        const name = data?.ChallengeName;
        const handler = this.#onOtherChallenge;
        if (!error && data && typeof name === 'string' && !LIBRARY_CHALLENGES.has(name) && handler) {
          this.#onOtherChallenge = undefined;
          handler(data);
          return;
        }
        callback(error, data);
      });
  }

  get tokens(): SessionTokens | undefined {
    return this.#tokens;
  }

  get username(): string | undefined {
    return this.#user?.getUsername();
  }

  /**
   * Takes over tokens obtained elsewhere (the managed login's code exchange), so refresh and sign-out work on
   * them like on tokens from a direct sign-in.
   */
  adopt(tokens: SessionTokens, username: string): void {
    const user = this.#userFor(username);
    user.setSignInUserSession(
      new this.#lib.CognitoUserSession({
        IdToken: new this.#lib.CognitoIdToken({ IdToken: tokens.idToken }),
        AccessToken: new this.#lib.CognitoAccessToken({ AccessToken: tokens.accessToken }),
        RefreshToken: new this.#lib.CognitoRefreshToken({ RefreshToken: tokens.refreshToken })
      })
    );
    this.#tokens = tokens;
  }

  signUp(username: string, password: string, attributes: Record<string, string>): Promise<SignUpResult> {
    const list = Object.entries(attributes)
      .filter(([, value]) => value !== '')
      .map(([Name, Value]) => new this.#lib.CognitoUserAttribute({ Name, Value }));
    return new Promise((resolve, reject) =>
      this.#pool.signUp(username, password, list, [], (error, result) => {
        if (error || !result) return reject(error ?? new Error('Sign-up returned nothing'));
        const details = result.codeDeliveryDetails as
          { Destination?: string; DeliveryMedium?: string } | undefined;
        resolve({
          userConfirmed: result.userConfirmed,
          destination: details?.Destination,
          medium: details?.DeliveryMedium
        });
      })
    );
  }

  confirmSignUp(username: string, code: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#userFor(username).confirmRegistration(code, true, (error) => (error ? reject(error) : resolve()))
    );
  }

  resendCode(username: string): Promise<{ destination?: string }> {
    return new Promise((resolve, reject) =>
      this.#userFor(username).resendConfirmationCode((error, result) =>
        error ? reject(error) : resolve({ destination: result?.CodeDeliveryDetails?.Destination })
      )
    );
  }

  /** Starts sign-in. With SRP the password never leaves the browser: only SRP values derived from it do. */
  signIn(username: string, password: string, flow: AuthFlow): Promise<SignInOutcome> {
    const user = this.#userFor(username);
    user.setAuthenticationFlowType(flow);
    const details = new this.#lib.AuthenticationDetails({ Username: username, Password: password });
    return new Promise((resolve, reject) => user.authenticateUser(details, this.#callbacks(resolve, reject)));
  }

  /** Answers NEW_PASSWORD_REQUIRED (an admin-created user's first sign-in). */
  async completeNewPassword(newPassword: string, attributes: Record<string, string>): Promise<SignInOutcome> {
    const user = this.#requireUser();
    return new Promise((resolve, reject) =>
      user.completeNewPasswordChallenge(newPassword, attributes, this.#callbacks(resolve, reject))
    );
  }

  /** Answers SMS_MFA or SOFTWARE_TOKEN_MFA with the code the user received or reads from their app. */
  async sendMfaCode(code: string, challenge: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA'): Promise<SignInOutcome> {
    const user = this.#requireUser();
    return new Promise((resolve, reject) =>
      user.sendMFACode(code, this.#callbacks(resolve, reject), challenge)
    );
  }

  /** REFRESH_TOKEN_AUTH: new id and access tokens; the refresh token stays the same. */
  async refresh(): Promise<SessionTokens> {
    const user = this.#requireUser();
    const current = this.#requireTokens();
    const refreshToken = new this.#lib.CognitoRefreshToken({ RefreshToken: current.refreshToken });
    return new Promise((resolve, reject) =>
      user.refreshSession(refreshToken, (error: unknown, session: Session) => {
        if (error) return reject(error);
        const tokens = { ...tokensOf(session), refreshToken: current.refreshToken };
        this.#tokens = tokens;
        resolve(tokens);
      })
    );
  }

  /**
   * GlobalSignOut: revokes the user's tokens on every device for Cognito's APIs and refresh (not for local JWT
   * verification, not the managed login cookie). Local tokens are dropped too.
   */
  async globalSignOut(): Promise<void> {
    const user = this.#requireUser();
    return new Promise((resolve, reject) =>
      user.globalSignOut({
        onSuccess: () => {
          this.signOutLocally();
          resolve();
        },
        onFailure: reject
      })
    );
  }

  /**
   * RevokeToken: Cognito refuses this refresh token and the tokens issued from it from now on; local JWT
   * verification still accepts the access token until exp.
   */
  async revokeRefreshToken(): Promise<void> {
    const user = this.#requireUser();
    const { refreshToken } = this.#requireTokens();
    // revokeToken exists in the library but is missing from its type declarations.
    const revocable = user as unknown as {
      revokeToken(options: { token: string; callback: (error?: unknown) => void }): void;
    };
    return new Promise((resolve, reject) =>
      revocable.revokeToken({ token: refreshToken, callback: (error) => (error ? reject(error) : resolve()) })
    );
  }

  /** Forgets the tokens in this tab. Cognito is not told: the refresh token stays valid until it expires. */
  signOutLocally(): void {
    this.#user?.signOut();
    this.#storage.clear();
    this.#tokens = undefined;
  }

  #userFor(username: string): CognitoIdentityJs.CognitoUser {
    if (this.#user?.getUsername() !== username) {
      this.#user = new this.#lib.CognitoUser({
        Username: username,
        Pool: this.#pool,
        Storage: this.#storage
      });
    }
    return this.#user;
  }

  #requireUser(): CognitoIdentityJs.CognitoUser {
    if (!this.#user) throw new Error('Sign in first.');
    return this.#user;
  }

  #requireTokens(): SessionTokens {
    if (!this.#tokens) throw new Error('Sign in first: there are no tokens.');
    return this.#tokens;
  }

  #callbacks(resolve: (outcome: SignInOutcome) => void, reject: (error: unknown) => void): Callbacks {
    this.#onOtherChallenge = (response) =>
      resolve({ kind: 'challenge', response, username: this.#user?.getUsername() ?? '' });
    return {
      onSuccess: (session: Session) => {
        this.#tokens = tokensOf(session);
        resolve({ kind: 'signed-in', tokens: this.#tokens });
      },
      onFailure: reject,
      newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) => {
        // Cognito sends back attributes the user cannot write; the library wants them left out of the answer.
        const { email_verified: _e, phone_number_verified: _p, ...writable } = userAttributes ?? {};
        resolve({
          kind: 'new-password-required',
          userAttributes: writable,
          requiredAttributes: requiredAttributes ?? []
        });
      },
      mfaRequired: (_challenge: string, parameters: Record<string, string>) =>
        resolve({
          kind: 'mfa-required',
          challenge: 'SMS_MFA',
          destination: parameters?.CODE_DELIVERY_DESTINATION
        }),
      totpRequired: () => resolve({ kind: 'mfa-required', challenge: 'SOFTWARE_TOKEN_MFA' }),
      customChallenge: () => resolve({ kind: 'unsupported-challenge', challenge: 'CUSTOM_CHALLENGE' }),
      selectMFAType: () => resolve({ kind: 'unsupported-challenge', challenge: 'SELECT_MFA_TYPE' }),
      mfaSetup: (challenge: string) =>
        resolve({ kind: 'unsupported-challenge', challenge: challenge || 'MFA_SETUP' })
    } as Callbacks;
  }
}
