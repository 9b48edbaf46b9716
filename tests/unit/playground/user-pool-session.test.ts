import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../../src/lib/playground/memory-storage';
import {
  UserPoolSession,
  type CognitoLibrary,
  type SessionTokens,
  type UserPoolTarget
} from '../../../src/lib/playground/user-pool-session';
import { fakeJwe, fakeJwt } from './fake-tokens';

// A hand-written stand-in for amazon-cognito-identity-js. Each fake class does what the real one does with
// the responses of the user pool API (node_modules/amazon-cognito-identity-js/src/CognitoUser.js), minus the SRP
// arithmetic: requests go to a scripted FakeUserPoolApi that records them and answers asynchronously, as the
// network does, and the callbacks are invoked with the same arguments the library passes.

type ApiResponse = Record<string, unknown>;
type AuthResult = { IdToken: string; AccessToken: string; RefreshToken?: string };
type ApiCallback = (error: unknown, data: ApiResponse | null) => void;
/** The callbacks amazon-cognito-identity-js calls during sign-in, with the arguments it passes. */
interface AuthCallbacks {
  onSuccess(session: unknown): void;
  onFailure(error: unknown): void;
  newPasswordRequired(userAttributes: unknown, requiredAttributes: string[]): void;
  mfaRequired(challengeName: string, parameters: unknown): void;
  totpRequired(challengeName: string, parameters: unknown): void;
  selectMFAType(challengeName: string, parameters: unknown): void;
  mfaSetup(challengeName: string, parameters: unknown): void;
  customChallenge(parameters: unknown): void;
}
type Storage = Pick<MemoryStorage, 'setItem' | 'getItem' | 'removeItem' | 'clear'>;

/** The user pool API as the fake library sees it: records every request and answers from a script. */
class FakeUserPoolApi {
  requests: Array<{ operation: string; body: Record<string, unknown> }> = [];
  #replies = new Map<string, Array<{ error?: unknown; data?: ApiResponse }>>();

  reply(operation: string, data: ApiResponse): void {
    this.#queue(operation).push({ data });
  }

  fail(operation: string, error: unknown): void {
    this.#queue(operation).push({ error });
  }

  request(operation: string, body: Record<string, unknown>, callback: ApiCallback): void {
    this.requests.push({ operation, body });
    let next = this.#queue(operation).shift();
    if (!next && operation === 'InitiateAuth' && body.AuthFlow === 'USER_SRP_AUTH') {
      // The first SRP step, answered like Cognito: the canonical user name and the server's SRP values.
      const username = String((body.AuthParameters as Record<string, string>).USERNAME);
      next = {
        data: {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { USER_ID_FOR_SRP: username, SRP_B: 'ab', SALT: 'cd', SECRET_BLOCK: 'ZWY=' },
          Session: 'srp-session'
        }
      };
    }
    const reply = next ?? { error: new Error(`FakeUserPoolApi: no reply scripted for ${operation}`) };
    setTimeout(() => (reply.error ? callback(reply.error, null) : callback(null, reply.data ?? {})), 0);
  }

  requestWithRetry(operation: string, body: Record<string, unknown>, callback: ApiCallback): void {
    this.request(operation, body, callback);
  }

  #queue(operation: string): Array<{ error?: unknown; data?: ApiResponse }> {
    if (!this.#replies.has(operation)) this.#replies.set(operation, []);
    return this.#replies.get(operation)!;
  }

  operations(): string[] {
    return this.requests.map((request) => request.operation);
  }

  last(operation: string): Record<string, unknown> {
    const found = this.requests.filter((request) => request.operation === operation).at(-1);
    if (!found) throw new Error(`no ${operation} request`);
    return found.body;
  }
}

function decodePayload(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

function fakeLibrary() {
  const api = new FakeUserPoolApi();
  const pools: FakeCognitoUserPool[] = [];
  const users: FakeCognitoUser[] = [];
  const attributes: FakeCognitoUserAttribute[] = [];

  class FakeCognitoJwtToken {
    jwtToken: string;
    payload: Record<string, unknown>;
    constructor(token: string) {
      this.jwtToken = token || '';
      this.payload = decodePayload(this.jwtToken);
    }
    getJwtToken(): string {
      return this.jwtToken;
    }
    getExpiration(): number {
      return Number(this.payload.exp ?? 0);
    }
    getIssuedAt(): number {
      return Number(this.payload.iat ?? 0);
    }
    decodePayload(): Record<string, unknown> {
      return this.payload;
    }
  }

  class FakeCognitoIdToken extends FakeCognitoJwtToken {
    constructor({ IdToken }: { IdToken: string }) {
      super(IdToken);
    }
  }

  class FakeCognitoAccessToken extends FakeCognitoJwtToken {
    constructor({ AccessToken }: { AccessToken: string }) {
      super(AccessToken);
    }
  }

  class FakeCognitoRefreshToken {
    token: string;
    constructor({ RefreshToken }: { RefreshToken?: string } = {}) {
      this.token = RefreshToken || '';
    }
    getToken(): string {
      return this.token;
    }
  }

  class FakeCognitoUserSession {
    idToken: FakeCognitoIdToken;
    accessToken: FakeCognitoAccessToken;
    refreshToken: FakeCognitoRefreshToken | undefined;
    clockDrift: number;
    constructor({
      IdToken,
      AccessToken,
      RefreshToken,
      ClockDrift
    }: {
      IdToken: FakeCognitoIdToken;
      AccessToken: FakeCognitoAccessToken;
      RefreshToken?: FakeCognitoRefreshToken;
      ClockDrift?: number;
    }) {
      if (AccessToken == null || IdToken == null)
        throw new Error('Id token and Access Token must be present.');
      this.idToken = IdToken;
      this.accessToken = AccessToken;
      this.refreshToken = RefreshToken;
      this.clockDrift = ClockDrift ?? 0;
    }
    getIdToken(): FakeCognitoIdToken {
      return this.idToken;
    }
    getAccessToken(): FakeCognitoAccessToken {
      return this.accessToken;
    }
    getRefreshToken(): FakeCognitoRefreshToken | undefined {
      return this.refreshToken;
    }
    getClockDrift(): number {
      return this.clockDrift;
    }
    isValid(): boolean {
      const now = Math.floor(Date.now() / 1000);
      return now < this.accessToken.getExpiration() && now < this.idToken.getExpiration();
    }
  }

  class FakeCognitoUserAttribute {
    Name: string;
    Value: string;
    constructor({ Name, Value }: { Name: string; Value: string }) {
      this.Name = Name;
      this.Value = Value;
      attributes.push(this);
    }
  }

  class FakeAuthenticationDetails {
    username: string;
    password: string;
    constructor({ Username, Password }: { Username: string; Password: string }) {
      this.username = Username;
      this.password = Password;
    }
    getUsername(): string {
      return this.username;
    }
    getPassword(): string {
      return this.password;
    }
  }

  class FakeCognitoUserPool {
    data: Record<string, unknown>;
    storage: Storage;
    client = api;
    constructor(data: { UserPoolId: string; ClientId: string; endpoint?: string; Storage?: Storage }) {
      if (!data.UserPoolId || !data.ClientId) throw new Error('Both UserPoolId and ClientId are required.');
      this.data = data;
      // The real pool falls back to window.localStorage here; the fake records whether it had to.
      this.storage = data.Storage ?? (globalThis as { localStorage?: Storage }).localStorage!;
      pools.push(this);
    }
    getClientId(): string {
      return String(this.data.ClientId);
    }
    getUserPoolId(): string {
      return String(this.data.UserPoolId);
    }
    getUserPoolName(): string {
      return this.getUserPoolId().split('_')[1] ?? '';
    }
    signUp(
      username: string,
      password: string,
      userAttributes: FakeCognitoUserAttribute[],
      validationData: unknown[],
      callback: (error: unknown, result: unknown) => void
    ): void {
      const body = {
        ClientId: this.getClientId(),
        Username: username,
        Password: password,
        UserAttributes: userAttributes
      };
      api.request('SignUp', { ...body, ValidationData: validationData }, (error, data) => {
        if (error) return callback(error, null);
        callback(null, {
          user: new FakeCognitoUser({ Username: username, Pool: this, Storage: this.storage }),
          userConfirmed: data?.UserConfirmed,
          userSub: data?.UserSub,
          codeDeliveryDetails: data?.CodeDeliveryDetails
        });
      });
    }
  }

  class FakeCognitoUser {
    username: string;
    pool: FakeCognitoUserPool;
    storage: Storage;
    Session: string | null = null;
    signInUserSession: FakeCognitoUserSession | null = null;
    authenticationFlowType = 'USER_SRP_AUTH';
    calls: Array<{ method: string; args: unknown[] }> = [];
    keyPrefix: string;

    constructor(data: { Username: string; Pool: FakeCognitoUserPool; Storage?: Storage }) {
      if (data == null || data.Username == null || data.Pool == null) {
        throw new Error('Username and Pool information are required.');
      }
      this.username = data.Username;
      this.pool = data.Pool;
      this.storage = data.Storage ?? (globalThis as { localStorage?: Storage }).localStorage!;
      this.keyPrefix = `CognitoIdentityServiceProvider.${this.pool.getClientId()}`;
      users.push(this);
    }

    #record(method: string, ...args: unknown[]): void {
      this.calls.push({ method, args });
    }

    getUsername(): string {
      return this.username;
    }

    setAuthenticationFlowType(flow: string): void {
      this.#record('setAuthenticationFlowType', flow);
      this.authenticationFlowType = flow;
    }

    setSignInUserSession(session: FakeCognitoUserSession): void {
      this.#record('setSignInUserSession', session);
      this.signInUserSession = session;
      this.cacheTokens();
    }

    getSignInUserSession(): FakeCognitoUserSession | null {
      return this.signInUserSession;
    }

    authenticateUser(details: FakeAuthenticationDetails, callback: AuthCallbacks): void {
      this.#record('authenticateUser', details, callback);
      const answer = (error: unknown, data: ApiResponse | null) =>
        error ? callback.onFailure(error) : this.authenticateUserInternal(data!, callback);
      if (this.authenticationFlowType === 'USER_PASSWORD_AUTH') {
        if (!details.getPassword()) return callback.onFailure(new Error('PASSWORD parameter is required'));
        const AuthParameters = { USERNAME: this.username, PASSWORD: details.getPassword() };
        const body = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: this.pool.getClientId(), AuthParameters };
        return api.request('InitiateAuth', body, answer);
      }
      if (this.authenticationFlowType !== 'USER_SRP_AUTH') {
        return callback.onFailure(new Error('Authentication flow type is invalid.'));
      }
      const AuthParameters = { USERNAME: this.username, SRP_A: 'srp-a' };
      const body = { AuthFlow: 'USER_SRP_AUTH', ClientId: this.pool.getClientId(), AuthParameters };
      api.request('InitiateAuth', body, (error, data) => {
        if (error) return callback.onFailure(error);
        const parameters = data!.ChallengeParameters as Record<string, string>;
        this.username = String(parameters.USER_ID_FOR_SRP);
        const ChallengeResponses = {
          USERNAME: this.username,
          PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
          // Derived from the password with SRP; the password itself is never sent.
          PASSWORD_CLAIM_SIGNATURE: 'signature'
        };
        api.request(
          'RespondToAuthChallenge',
          {
            ChallengeName: 'PASSWORD_VERIFIER',
            ClientId: this.pool.getClientId(),
            ChallengeResponses,
            Session: data!.Session
          },
          answer
        );
      });
    }

    /** As the library's authenticateUserInternal: one callback per challenge, with the same arguments. */
    authenticateUserInternal(data: ApiResponse, callback: AuthCallbacks): void {
      const challengeName = data.ChallengeName as string | undefined;
      const parameters = data.ChallengeParameters as Record<string, string> | undefined;
      if (challengeName) this.Session = data.Session as string;
      if (challengeName === 'SMS_MFA') return callback.mfaRequired(challengeName, parameters);
      if (challengeName === 'SELECT_MFA_TYPE') return callback.selectMFAType(challengeName, parameters);
      if (challengeName === 'MFA_SETUP') return callback.mfaSetup(challengeName, parameters);
      if (challengeName === 'SOFTWARE_TOKEN_MFA') return callback.totpRequired(challengeName, parameters);
      if (challengeName === 'CUSTOM_CHALLENGE') return callback.customChallenge(parameters);
      if (challengeName === 'NEW_PASSWORD_REQUIRED') {
        const userAttributes = parameters ? JSON.parse(parameters.userAttributes ?? 'null') : null;
        const raw: string[] = parameters ? JSON.parse(parameters.requiredAttributes ?? '[]') : [];
        const required = raw.map((name) => name.substring('userAttributes.'.length));
        return callback.newPasswordRequired(userAttributes, required);
      }
      this.signInUserSession = this.getCognitoUserSession(data.AuthenticationResult as AuthResult);
      this.cacheTokens();
      return callback.onSuccess(this.signInUserSession);
    }

    completeNewPasswordChallenge(
      newPassword: string,
      requiredAttributeData: Record<string, string>,
      callback: AuthCallbacks
    ): void {
      this.#record('completeNewPasswordChallenge', newPassword, requiredAttributeData, callback);
      if (!newPassword) return callback.onFailure(new Error('New password is required.'));
      const ChallengeResponses: Record<string, string> = {};
      for (const [key, value] of Object.entries(requiredAttributeData ?? {})) {
        ChallengeResponses[`userAttributes.${key}`] = value;
      }
      ChallengeResponses.NEW_PASSWORD = newPassword;
      ChallengeResponses.USERNAME = this.username;
      api.request(
        'RespondToAuthChallenge',
        {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: this.pool.getClientId(),
          ChallengeResponses,
          Session: this.Session
        },
        (error, data) => (error ? callback.onFailure(error) : this.authenticateUserInternal(data!, callback))
      );
    }

    sendMFACode(code: string, callback: AuthCallbacks, mfaType?: string): void {
      this.#record('sendMFACode', code, callback, mfaType);
      const ChallengeResponses: Record<string, string> = { USERNAME: this.username, SMS_MFA_CODE: code };
      const ChallengeName = mfaType || 'SMS_MFA';
      if (ChallengeName === 'SOFTWARE_TOKEN_MFA') ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE = code;
      api.request(
        'RespondToAuthChallenge',
        { ChallengeName, ClientId: this.pool.getClientId(), ChallengeResponses, Session: this.Session },
        (error, data) => {
          if (error) return callback.onFailure(error);
          this.signInUserSession = this.getCognitoUserSession(data!.AuthenticationResult as AuthResult);
          this.cacheTokens();
          return callback.onSuccess(this.signInUserSession);
        }
      );
    }

    refreshSession(
      refreshToken: FakeCognitoRefreshToken,
      callback: (error: unknown, session: FakeCognitoUserSession | null) => void
    ): void {
      this.#record('refreshSession', refreshToken, callback);
      const lastUser = this.storage.getItem(`${this.keyPrefix}.LastAuthUser`);
      if (lastUser) this.username = lastUser;
      const body = {
        ClientId: this.pool.getClientId(),
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken.getToken() }
      };
      api.requestWithRetry('InitiateAuth', body, (error, data) => {
        if (error) {
          if ((error as { code?: string }).code === 'NotAuthorizedException') this.clearCachedUser();
          return callback(error, null);
        }
        const result = { ...(data!.AuthenticationResult as AuthResult) };
        if (!('RefreshToken' in result)) result.RefreshToken = refreshToken.getToken();
        this.signInUserSession = this.getCognitoUserSession(result);
        this.cacheTokens();
        return callback(null, this.signInUserSession);
      });
    }

    globalSignOut(callback: {
      onSuccess: (message: string) => void;
      onFailure: (error: unknown) => void;
    }): void {
      this.#record('globalSignOut', callback);
      if (this.signInUserSession == null || !this.signInUserSession.isValid()) {
        return callback.onFailure(new Error('User is not authenticated'));
      }
      api.request(
        'GlobalSignOut',
        { AccessToken: this.signInUserSession.getAccessToken().getJwtToken() },
        (error) => {
          if (error) return callback.onFailure(error);
          this.clearCachedUser();
          return callback.onSuccess('SUCCESS');
        }
      );
    }

    revokeToken({ token, callback }: { token: string; callback: (error?: unknown) => void }): void {
      this.#record('revokeToken', { token, callback });
      api.requestWithRetry('RevokeToken', { Token: token, ClientId: this.pool.getClientId() }, (error) =>
        error ? callback(error) : callback()
      );
    }

    signOut(revokeTokenCallback?: unknown): void {
      this.#record('signOut', revokeTokenCallback);
      // Without a callback the library only forgets the session locally (cleanClientData).
      this.signInUserSession = null;
      this.clearCachedUser();
    }

    confirmRegistration(
      code: string,
      forceAliasCreation: boolean,
      callback: (error: unknown, result: unknown) => void
    ): void {
      this.#record('confirmRegistration', code, forceAliasCreation);
      const body = { ClientId: this.pool.getClientId(), ConfirmationCode: code, Username: this.username };
      api.request('ConfirmSignUp', { ...body, ForceAliasCreation: forceAliasCreation }, (error) =>
        error ? callback(error, null) : callback(null, 'SUCCESS')
      );
    }

    resendConfirmationCode(callback: (error: unknown, result: unknown) => void): void {
      this.#record('resendConfirmationCode');
      api.request(
        'ResendConfirmationCode',
        { ClientId: this.pool.getClientId(), Username: this.username },
        (error, data) => (error ? callback(error, null) : callback(null, data))
      );
    }

    getCognitoUserSession(result: AuthResult): FakeCognitoUserSession {
      return new FakeCognitoUserSession({
        IdToken: new FakeCognitoIdToken({ IdToken: result.IdToken }),
        AccessToken: new FakeCognitoAccessToken({ AccessToken: result.AccessToken }),
        RefreshToken: new FakeCognitoRefreshToken({ RefreshToken: result.RefreshToken })
      });
    }

    cacheTokens(): void {
      const session = this.signInUserSession!;
      const prefix = `${this.keyPrefix}.${this.username}`;
      this.storage.setItem(`${prefix}.idToken`, session.getIdToken().getJwtToken());
      this.storage.setItem(`${prefix}.accessToken`, session.getAccessToken().getJwtToken());
      this.storage.setItem(`${prefix}.refreshToken`, session.getRefreshToken()?.getToken() ?? '');
      this.storage.setItem(`${prefix}.clockDrift`, `${session.getClockDrift()}`);
      this.storage.setItem(`${this.keyPrefix}.LastAuthUser`, this.username);
    }

    clearCachedUser(): void {
      const prefix = `${this.keyPrefix}.${this.username}`;
      for (const key of ['idToken', 'accessToken', 'refreshToken', 'clockDrift', 'userData']) {
        this.storage.removeItem(`${prefix}.${key}`);
      }
      this.storage.removeItem(`${this.keyPrefix}.LastAuthUser`);
    }
  }

  const lib = {
    CognitoUserPool: FakeCognitoUserPool,
    CognitoUser: FakeCognitoUser,
    AuthenticationDetails: FakeAuthenticationDetails,
    CognitoUserAttribute: FakeCognitoUserAttribute,
    CognitoRefreshToken: FakeCognitoRefreshToken,
    CognitoIdToken: FakeCognitoIdToken,
    CognitoAccessToken: FakeCognitoAccessToken,
    CognitoUserSession: FakeCognitoUserSession
  } as unknown as CognitoLibrary;
  return { lib, api, pools, users, attributes, FakeCognitoUserSession };
}

const TARGET: UserPoolTarget = {
  userPoolId: 'us-east-1_67v371xWw',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
  endpoint: 'http://127.0.0.1:9229'
};
const PASSWORD = 'Alice-Passw0rd!';

function issuedTokens(generation = 1): SessionTokens {
  const now = Math.floor(Date.now() / 1000);
  const common = { sub: 'eb77cae8', iat: now, exp: now + 3600, auth_time: now, origin_jti: 'origin-1' };
  return {
    idToken: fakeJwt({ ...common, token_use: 'id', jti: `id-${generation}` }),
    accessToken: fakeJwt({ ...common, token_use: 'access', jti: `access-${generation}` }),
    refreshToken: fakeJwe()
  };
}

function authenticationResult(tokens: SessionTokens, withRefreshToken = true): ApiResponse {
  return {
    AuthenticationResult: {
      IdToken: tokens.idToken,
      AccessToken: tokens.accessToken,
      ...(withRefreshToken ? { RefreshToken: tokens.refreshToken } : {}),
      ExpiresIn: 3600,
      TokenType: 'Bearer'
    }
  };
}

function setup() {
  const fake = fakeLibrary();
  const session = new UserPoolSession(fake.lib, TARGET);
  const storage = () => fake.pools[0]!.storage as MemoryStorage;
  return { ...fake, session, storage };
}

async function signedIn(username = 'alice') {
  const context = setup();
  const tokens = issuedTokens();
  context.api.reply('RespondToAuthChallenge', authenticationResult(tokens));
  await context.session.signIn(username, PASSWORD, 'USER_SRP_AUTH');
  return { ...context, tokens };
}

/** Every value a storage holds (the MemoryStorage keeps its map private, so the test keeps its own index). */
function spyOnStorage(storage: MemoryStorage) {
  const keys = new Set<string>();
  const setItem = storage.setItem.bind(storage);
  storage.setItem = (key, value) => {
    keys.add(key);
    setItem(key, value);
  };
  return () => [...keys].map((key) => storage.getItem(key)).filter((value) => value !== null);
}

describe('UserPoolSession: the pool', () => {
  const localStorageCalls: string[] = [];

  beforeEach(() => {
    localStorageCalls.length = 0;
    // A localStorage that records any use: the session must never fall back to it.
    const trap = Object.fromEntries(
      ['getItem', 'setItem', 'removeItem', 'clear', 'key'].map((method) => [
        method,
        (...args: unknown[]) => void localStorageCalls.push(`${method}(${args.join(', ')})`)
      ])
    );
    vi.stubGlobal('localStorage', trap);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is created with the given ids and endpoint and a memory storage, never localStorage', () => {
    const { pools } = setup();
    expect(pools).toHaveLength(1);
    const data = pools[0]!.data;
    expect(data).toMatchObject({
      UserPoolId: TARGET.userPoolId,
      ClientId: TARGET.clientId,
      endpoint: TARGET.endpoint
    });
    expect(data.Storage).toBeInstanceOf(MemoryStorage);
    expect(data.Storage).not.toBe(globalThis.localStorage);
  });

  it('gives every user the same memory storage, keeps the tokens there and nowhere else', async () => {
    const { session, api, pools, users, storage } = setup();
    const values = spyOnStorage(storage());
    const tokens = issuedTokens();
    api.reply('RespondToAuthChallenge', authenticationResult(tokens));
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');

    expect(users).toHaveLength(1);
    expect(users[0]!.storage).toBe(pools[0]!.data.Storage);
    expect(values()).toEqual(
      expect.arrayContaining([tokens.idToken, tokens.accessToken, tokens.refreshToken])
    );
    expect(localStorageCalls).toEqual([]);

    session.signOutLocally();
    expect(values()).toEqual([]);
    expect(localStorageCalls).toEqual([]);
  });
});

describe('UserPoolSession.signIn', () => {
  it('sets the flow type on the user before authenticating, for SRP and for USER_PASSWORD_AUTH', async () => {
    for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
      const { session, api, users } = setup();
      const tokens = issuedTokens();
      api.reply(
        flow === 'USER_SRP_AUTH' ? 'RespondToAuthChallenge' : 'InitiateAuth',
        authenticationResult(tokens)
      );
      await session.signIn('alice', PASSWORD, flow);

      const methods = users[0]!.calls.map((call) => call.method);
      expect(methods.slice(0, 2)).toEqual(['setAuthenticationFlowType', 'authenticateUser']);
      expect(users[0]!.calls[0]!.args).toEqual([flow]);
      expect(api.last('InitiateAuth').AuthFlow).toBe(flow);
    }
  });

  it('passes the username and password to AuthenticationDetails; with SRP the password is never sent', async () => {
    const { session, api, users } = setup();
    api.reply('RespondToAuthChallenge', authenticationResult(issuedTokens()));
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');

    const details = users[0]!.calls.find((call) => call.method === 'authenticateUser')!.args[0] as {
      getUsername(): string;
      getPassword(): string;
    };
    expect(details.getUsername()).toBe('alice');
    expect(details.getPassword()).toBe(PASSWORD);
    expect(api.operations()).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(JSON.stringify(api.requests)).not.toContain(PASSWORD);
  });

  it('onSuccess: signed in, with the three tokens, also kept as session.tokens', async () => {
    const { session, api } = setup();
    const tokens = issuedTokens();
    api.reply('RespondToAuthChallenge', authenticationResult(tokens));

    await expect(session.signIn('alice', PASSWORD, 'USER_SRP_AUTH')).resolves.toEqual({
      kind: 'signed-in',
      tokens
    });
    expect(session.tokens).toEqual(tokens);
    expect(session.username).toBe('alice');
  });

  it('newPasswordRequired: the required attributes, and the user attributes without the *_verified ones', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'challenge-session',
      ChallengeParameters: {
        USER_ID_FOR_SRP: 'bob',
        userAttributes: JSON.stringify({
          email: 'bob@example.com',
          email_verified: 'true',
          phone_number: '+15555550100',
          phone_number_verified: 'false',
          name: 'Bob'
        }),
        requiredAttributes: JSON.stringify(['userAttributes.name', 'userAttributes.family_name'])
      }
    });

    await expect(session.signIn('bob', 'Temp-Passw0rd!', 'USER_SRP_AUTH')).resolves.toEqual({
      kind: 'new-password-required',
      userAttributes: { email: 'bob@example.com', phone_number: '+15555550100', name: 'Bob' },
      requiredAttributes: ['name', 'family_name']
    });
    expect(session.tokens).toBeUndefined();
  });

  it('newPasswordRequired without challenge parameters: empty attributes, nothing required', async () => {
    const { session, api } = setup();
    api.reply('InitiateAuth', { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' });

    await expect(session.signIn('bob', 'Temp-Passw0rd!', 'USER_PASSWORD_AUTH')).resolves.toEqual({
      kind: 'new-password-required',
      userAttributes: {},
      requiredAttributes: []
    });
  });

  it('mfaRequired: SMS_MFA with the code delivery destination', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'SMS_MFA',
      Session: 'mfa-session',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0100' }
    });

    await expect(session.signIn('alice', PASSWORD, 'USER_SRP_AUTH')).resolves.toEqual({
      kind: 'mfa-required',
      challenge: 'SMS_MFA',
      destination: '+*******0100'
    });
  });

  it('totpRequired: SOFTWARE_TOKEN_MFA', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's',
      ChallengeParameters: {}
    });

    await expect(session.signIn('alice', PASSWORD, 'USER_SRP_AUTH')).resolves.toEqual({
      kind: 'mfa-required',
      challenge: 'SOFTWARE_TOKEN_MFA'
    });
  });

  it.each(['EMAIL_OTP', 'SMS_OTP'])(
    '%s, which the library does not know: the raw answer is handed back, not mistaken for tokens',
    async (challenge) => {
      const { session, api } = setup();
      const response = {
        ChallengeName: challenge,
        Session: 'otp-session',
        ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'g***@e***' }
      };
      api.reply('RespondToAuthChallenge', response);

      await expect(session.signIn('grace', PASSWORD, 'USER_SRP_AUTH')).resolves.toEqual({
        kind: 'challenge',
        response,
        username: 'grace'
      });
      expect(session.tokens).toBeUndefined();
    }
  );

  it.each([
    ['CUSTOM_CHALLENGE', { USERNAME: 'alice' }],
    ['SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }],
    ['MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }]
  ])('%s: an unsupported challenge, with its name', async (challenge, parameters) => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: challenge,
      Session: 's',
      ChallengeParameters: parameters
    });

    await expect(session.signIn('alice', PASSWORD, 'USER_SRP_AUTH')).resolves.toEqual({
      kind: 'unsupported-challenge',
      challenge
    });
    expect(session.tokens).toBeUndefined();
  });

  it('onFailure: rejects with the very error object the library gave', async () => {
    const { session, api } = setup();
    const error = Object.assign(new Error('Incorrect username or password.'), {
      code: 'NotAuthorizedException',
      name: 'NotAuthorizedException'
    });
    api.fail('RespondToAuthChallenge', error);

    const rejection = await session
      .signIn('alice', 'wrong', 'USER_SRP_AUTH')
      .catch((caught: unknown) => caught);
    expect(rejection).toBe(error);
    expect(session.tokens).toBeUndefined();
  });

  it('onFailure raised by the library itself (no request) also rejects', async () => {
    const { session, api } = setup();
    await expect(session.signIn('alice', '', 'USER_PASSWORD_AUTH')).rejects.toThrow(
      'PASSWORD parameter is required'
    );
    expect(api.requests).toEqual([]);
  });

  it('reuses the user for the same username and makes a new one for another', async () => {
    const { session, api, users } = setup();
    api.fail('RespondToAuthChallenge', new Error('Incorrect username or password.'));
    api.reply('RespondToAuthChallenge', authenticationResult(issuedTokens()));
    api.reply('RespondToAuthChallenge', authenticationResult(issuedTokens(2)));
    await session.signIn('alice', 'wrong', 'USER_SRP_AUTH').catch(() => undefined);
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');
    expect(users).toHaveLength(1);

    await session.signIn('erin', 'Erin-Passw0rd!', 'USER_SRP_AUTH');
    expect(users).toHaveLength(2);
    expect(users[1]!.pool).toBe(users[0]!.pool);
    expect(session.username).toBe('erin');
  });
});

describe('UserPoolSession: answering challenges', () => {
  it('completeNewPassword answers on the same user, with the attributes, and ends signed in', async () => {
    const { session, api, users } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'challenge-session',
      ChallengeParameters: {
        USER_ID_FOR_SRP: 'bob',
        userAttributes: JSON.stringify({ email: 'bob@example.com', email_verified: 'true' }),
        requiredAttributes: JSON.stringify(['userAttributes.name'])
      }
    });
    await session.signIn('bob', 'Temp-Passw0rd!', 'USER_SRP_AUTH');
    const tokens = issuedTokens();
    api.reply('RespondToAuthChallenge', authenticationResult(tokens));

    await expect(session.completeNewPassword('New-Passw0rd!', { name: 'Bob' })).resolves.toEqual({
      kind: 'signed-in',
      tokens
    });
    expect(users).toHaveLength(1);
    const call = users[0]!.calls.find((entry) => entry.method === 'completeNewPasswordChallenge')!;
    expect(call.args.slice(0, 2)).toEqual(['New-Passw0rd!', { name: 'Bob' }]);
    expect(api.last('RespondToAuthChallenge')).toMatchObject({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'challenge-session',
      ChallengeResponses: { NEW_PASSWORD: 'New-Passw0rd!', USERNAME: 'bob', 'userAttributes.name': 'Bob' }
    });
    expect(session.tokens).toEqual(tokens);
  });

  it('completeNewPassword can lead to another challenge', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 's1',
      ChallengeParameters: { userAttributes: '{}', requiredAttributes: '[]' }
    });
    await session.signIn('bob', 'Temp-Passw0rd!', 'USER_SRP_AUTH');
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's2',
      ChallengeParameters: {}
    });

    await expect(session.completeNewPassword('New-Passw0rd!', {})).resolves.toEqual({
      kind: 'mfa-required',
      challenge: 'SOFTWARE_TOKEN_MFA'
    });
  });

  it.each(['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] as const)(
    'sendMfaCode answers %s on the same user, passing the MFA type',
    async (challenge) => {
      const { session, api, users } = setup();
      api.reply('RespondToAuthChallenge', {
        ChallengeName: challenge,
        Session: 'mfa-session',
        ChallengeParameters: {}
      });
      await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');
      const tokens = issuedTokens();
      api.reply('RespondToAuthChallenge', authenticationResult(tokens));

      await expect(session.sendMfaCode('123456', challenge)).resolves.toEqual({ kind: 'signed-in', tokens });
      expect(users).toHaveLength(1);
      const call = users[0]!.calls.find((entry) => entry.method === 'sendMFACode')!;
      expect(call.args[0]).toBe('123456');
      expect(call.args[2]).toBe(challenge);
      expect(api.last('RespondToAuthChallenge')).toMatchObject({
        ChallengeName: challenge,
        Session: 'mfa-session'
      });
      expect(session.tokens).toEqual(tokens);
    }
  );

  it('a wrong MFA code rejects with the library error and keeps no tokens', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's',
      ChallengeParameters: {}
    });
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');
    const error = Object.assign(new Error('Invalid code received for user'), {
      code: 'CodeMismatchException'
    });
    api.fail('RespondToAuthChallenge', error);

    await expect(session.sendMfaCode('000000', 'SOFTWARE_TOKEN_MFA')).rejects.toBe(error);
    expect(session.tokens).toBeUndefined();
  });

  it('answering before any sign-in fails with a clear message', async () => {
    const { session } = setup();
    await expect(async () => session.completeNewPassword('New-Passw0rd!', {})).rejects.toThrow(
      'Sign in first'
    );
    await expect(async () => session.sendMfaCode('123456', 'SMS_MFA')).rejects.toThrow('Sign in first');
  });
});

describe('UserPoolSession.refresh', () => {
  it('sends the refresh token, keeps it, and replaces the id and access tokens', async () => {
    const { session, api, users, tokens } = await signedIn();
    const next = issuedTokens(2);
    // REFRESH_TOKEN_AUTH answers without a refresh token.
    api.reply('InitiateAuth', authenticationResult(next, false));

    const refreshed = await session.refresh();
    expect(refreshed).toEqual({
      idToken: next.idToken,
      accessToken: next.accessToken,
      refreshToken: tokens.refreshToken
    });
    expect(session.tokens).toEqual(refreshed);
    expect(api.last('InitiateAuth')).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: TARGET.clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.refreshToken }
    });
    const call = users[0]!.calls.find((entry) => entry.method === 'refreshSession')!;
    expect((call.args[0] as { getToken(): string }).getToken()).toBe(tokens.refreshToken);
  });

  it('rejects with the library error and leaves the tokens as they were', async () => {
    const { session, api, tokens } = await signedIn();
    const error = Object.assign(new Error('Refresh Token has been revoked'), {
      code: 'NotAuthorizedException'
    });
    api.fail('InitiateAuth', error);

    await expect(session.refresh()).rejects.toBe(error);
    expect(session.tokens).toEqual(tokens);
  });

  it('before any sign-in fails with a clear message', async () => {
    const { session, api } = setup();
    await expect(async () => session.refresh()).rejects.toThrow(/^Sign in first/);
    expect(api.requests).toEqual([]);
  });

  it('after a sign-in that ended in a challenge fails with a clear message (no tokens yet)', async () => {
    const { session, api } = setup();
    api.reply('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's',
      ChallengeParameters: {}
    });
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');
    await expect(async () => session.refresh()).rejects.toThrow('Sign in first: there are no tokens.');
  });

  // refresh() (like the other methods that need a user or tokens) must return a rejected promise, not throw,
  // so `session.refresh().catch(...)` catches it.
  it('before any sign-in returns a rejected promise rather than throwing', async () => {
    const { session: other } = setup();
    for (const call of [
      () => other.completeNewPassword('x', {}),
      () => other.sendMfaCode('1', 'SMS_MFA'),
      () => other.globalSignOut(),
      () => other.revokeRefreshToken()
    ]) {
      let pending: Promise<unknown> | undefined;
      expect(() => {
        pending = call();
      }).not.toThrow();
      await expect(pending).rejects.toThrow('Sign in first');
    }
    const { session } = setup();
    let returned: Promise<unknown> | undefined;
    expect(() => {
      returned = session.refresh();
    }).not.toThrow();
    await expect(returned).rejects.toThrow('Sign in first');
  });
});

describe('UserPoolSession: signing out', () => {
  it('globalSignOut calls GlobalSignOut with the access token, then clears the tokens', async () => {
    const { session, api, users, tokens, storage } = await signedIn();
    api.reply('GlobalSignOut', {});

    await session.globalSignOut();
    expect(users[0]!.calls.map((call) => call.method)).toContain('globalSignOut');
    expect(api.last('GlobalSignOut')).toEqual({ AccessToken: tokens.accessToken });
    expect(session.tokens).toBeUndefined();
    expect(users[0]!.signInUserSession).toBeNull();
    expect(
      storage().getItem(`CognitoIdentityServiceProvider.${TARGET.clientId}.alice.refreshToken`)
    ).toBeNull();
  });

  it('a failed globalSignOut rejects with the error and keeps the tokens', async () => {
    const { session, api, tokens } = await signedIn();
    const error = Object.assign(new Error('Access Token has been revoked'), {
      code: 'NotAuthorizedException'
    });
    api.fail('GlobalSignOut', error);

    await expect(session.globalSignOut()).rejects.toBe(error);
    expect(session.tokens).toEqual(tokens);
  });

  it('revokeRefreshToken calls revokeToken with the refresh token (RevokeToken)', async () => {
    const { session, api, users, tokens } = await signedIn();
    api.reply('RevokeToken', {});

    await session.revokeRefreshToken();
    const call = users[0]!.calls.find((entry) => entry.method === 'revokeToken')!;
    expect((call.args[0] as { token: string }).token).toBe(tokens.refreshToken);
    expect(api.last('RevokeToken')).toEqual({ Token: tokens.refreshToken, ClientId: TARGET.clientId });
  });

  it('a failed revokeRefreshToken rejects with the error', async () => {
    const { session, api } = await signedIn();
    const error = Object.assign(new Error('Unsupported token type'), {
      code: 'UnsupportedTokenTypeException'
    });
    api.fail('RevokeToken', error);
    await expect(session.revokeRefreshToken()).rejects.toBe(error);
  });

  it('signOutLocally forgets the tokens without calling Cognito', async () => {
    const { session, api, users } = await signedIn();
    const before = api.requests.length;

    session.signOutLocally();
    expect(session.tokens).toBeUndefined();
    expect(users[0]!.calls.map((call) => call.method)).toContain('signOut');
    expect(users[0]!.calls.find((call) => call.method === 'signOut')!.args[0]).toBeUndefined();
    expect(api.requests).toHaveLength(before);
    await expect(async () => session.refresh()).rejects.toThrow('Sign in first');
  });

  it('signOutLocally empties the memory storage, also of an earlier user in the same tab', async () => {
    const { session, api, storage } = setup();
    const values = spyOnStorage(storage());
    api.reply('RespondToAuthChallenge', authenticationResult(issuedTokens()));
    api.reply('RespondToAuthChallenge', authenticationResult(issuedTokens(2)));
    await session.signIn('alice', PASSWORD, 'USER_SRP_AUTH');
    await session.signIn('erin', 'Erin-Passw0rd!', 'USER_SRP_AUTH');
    expect(values().length).toBeGreaterThan(0);

    session.signOutLocally();
    expect(values()).toEqual([]);
  });

  it('signOutLocally before any sign-in does nothing', () => {
    const { session } = setup();
    expect(() => session.signOutLocally()).not.toThrow();
    expect(session.tokens).toBeUndefined();
  });

  it('globalSignOut and revokeRefreshToken before any sign-in fail with a clear message', async () => {
    const { session } = setup();
    await expect(async () => session.globalSignOut()).rejects.toThrow('Sign in first');
    await expect(async () => session.revokeRefreshToken()).rejects.toThrow('Sign in first');
  });
});

describe('UserPoolSession.adopt', () => {
  it('sets on the user a session built from the three tokens', () => {
    const { session, users, FakeCognitoUserSession } = setup();
    const tokens = issuedTokens();

    session.adopt(tokens, 'alice');
    expect(users).toHaveLength(1);
    expect(users[0]!.username).toBe('alice');
    const call = users[0]!.calls.find((entry) => entry.method === 'setSignInUserSession')!;
    const adopted = call.args[0] as InstanceType<typeof FakeCognitoUserSession>;
    expect(adopted).toBeInstanceOf(FakeCognitoUserSession);
    expect(adopted.getIdToken().getJwtToken()).toBe(tokens.idToken);
    expect(adopted.getAccessToken().getJwtToken()).toBe(tokens.accessToken);
    expect(adopted.getRefreshToken()!.getToken()).toBe(tokens.refreshToken);
    expect(session.tokens).toEqual(tokens);
    expect(session.username).toBe('alice');
  });

  it('adopted tokens refresh and sign out like tokens from a sign-in', async () => {
    const { session, api } = setup();
    const tokens = issuedTokens();
    session.adopt(tokens, 'google_1234');
    const next = issuedTokens(2);
    api.reply('InitiateAuth', authenticationResult(next, false));

    await expect(session.refresh()).resolves.toEqual({ ...next, refreshToken: tokens.refreshToken });
    expect(api.last('InitiateAuth').AuthParameters).toEqual({ REFRESH_TOKEN: tokens.refreshToken });

    api.reply('GlobalSignOut', {});
    await session.globalSignOut();
    expect(api.last('GlobalSignOut')).toEqual({ AccessToken: next.accessToken });
    expect(session.tokens).toBeUndefined();
  });
});

describe('UserPoolSession: sign-up', () => {
  it('signUp sends the non-empty attributes and returns the confirmation state and code destination', async () => {
    const { session, api, attributes } = setup();
    api.reply('SignUp', {
      UserConfirmed: false,
      UserSub: 'f0a1',
      CodeDeliveryDetails: { Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    });

    await expect(
      session.signUp('newbie', 'Fresh-Passw0rd!', { email: 'newbie@example.com', name: '' })
    ).resolves.toEqual({ userConfirmed: false, destination: 'n***@e***', medium: 'EMAIL' });
    expect(attributes.map(({ Name, Value }) => ({ Name, Value }))).toEqual([
      { Name: 'email', Value: 'newbie@example.com' }
    ]);
    expect(api.last('SignUp')).toMatchObject({ Username: 'newbie', ClientId: TARGET.clientId });
  });

  it('signUp rejects with the library error', async () => {
    const { session, api } = setup();
    const error = Object.assign(new Error('User already exists'), { code: 'UsernameExistsException' });
    api.fail('SignUp', error);
    await expect(session.signUp('alice', PASSWORD, {})).rejects.toBe(error);
  });

  it('confirmSignUp and resendCode act on the named user', async () => {
    const { session, api } = setup();
    api.reply('ConfirmSignUp', {});
    await session.confirmSignUp('newbie', '123456');
    expect(api.last('ConfirmSignUp')).toMatchObject({
      Username: 'newbie',
      ConfirmationCode: '123456',
      ForceAliasCreation: true
    });

    api.reply('ResendConfirmationCode', {
      CodeDeliveryDetails: { Destination: 'n***@e***', DeliveryMedium: 'EMAIL' }
    });
    await expect(session.resendCode('newbie')).resolves.toEqual({ destination: 'n***@e***' });
    expect(api.last('ResendConfirmationCode')).toMatchObject({ Username: 'newbie' });
  });

  it('confirmSignUp rejects with the library error', async () => {
    const { session, api } = setup();
    const error = Object.assign(new Error('Invalid verification code provided'), {
      code: 'CodeMismatchException'
    });
    api.fail('ConfirmSignUp', error);
    await expect(session.confirmSignUp('newbie', '000000')).rejects.toBe(error);
  });
});

describe('UserPoolSession with the real library: requests go through the given fetch', () => {
  it('sends InitiateAuth through it (no global fetch) and maps a refusal to the library error', async () => {
    const real = (await import('amazon-cognito-identity-js')) as unknown as CognitoLibrary;
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const global = vi.fn();
    vi.stubGlobal('fetch', global);
    try {
      const session = new UserPoolSession(real, {
        ...TARGET,
        endpoint: 'http://127.0.0.1:9229/',
        fetch: (async (url: string, init?: RequestInit) => {
          calls.push({ url, init });
          return new Response(
            JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
            { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } }
          );
        }) as typeof fetch
      });
      const failure = await session.signIn('alice', 'wrong', 'USER_PASSWORD_AUTH').catch((error) => error);
      expect(failure).toMatchObject({
        code: 'NotAuthorizedException',
        message: 'Incorrect username or password.'
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe('http://127.0.0.1:9229/');
      const headers = calls[0]?.init?.headers as Record<string, string>;
      expect(headers['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
      expect(JSON.parse(String(calls[0]?.init?.body))).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH' });
      expect(global).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reports a fetch that cannot reach the host as the library NetworkError', async () => {
    const real = (await import('amazon-cognito-identity-js')) as unknown as CognitoLibrary;
    const session = new UserPoolSession(real, {
      ...TARGET,
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch
    });
    await expect(session.signIn('alice', 'x', 'USER_PASSWORD_AUTH')).rejects.toMatchObject({
      code: 'NetworkError'
    });
  });
});
