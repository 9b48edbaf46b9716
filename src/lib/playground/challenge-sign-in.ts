// Sign-in steps amazon-cognito-identity-js 6.3.21 cannot take, spoken directly in AWS JSON 1.1 (InitiateAuth,
// RespondToAuthChallenge) through the playground's traced fetch:
// - choice-based sign-in, AuthFlow USER_AUTH: SELECT_CHALLENGE, then PASSWORD, PASSWORD_SRP or EMAIL_OTP (the
//   library only knows USER_SRP_AUTH, USER_PASSWORD_AUTH and CUSTOM_AUTH: CognitoUser.authenticateUser refuses
//   any other flow with "Authentication flow type is invalid.");
// - the EMAIL_OTP (and SMS_OTP) code challenges, which its authenticateUserInternal does not recognise: it takes
//   the challenge for a finished sign-in and fails reading the missing AuthenticationResult.
// The SRP arithmetic is the library's own AuthenticationHelper; only the request shapes are written here.
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html
//   https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html

import type { SessionTokens } from './user-pool-session';

/** The challenges whose answer is a code the user types. */
export type CodeChallenge = 'EMAIL_OTP' | 'SMS_OTP' | 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA';

const CODE_FIELDS: Readonly<Record<CodeChallenge, string>> = {
  EMAIL_OTP: 'EMAIL_OTP_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
  SMS_MFA: 'SMS_MFA_CODE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE'
};

const isCodeChallenge = (name: string): name is CodeChallenge => Object.hasOwn(CODE_FIELDS, name);

/** The first factors of choice-based sign-in this playground can complete. */
export const SUPPORTED_FIRST_FACTORS = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'] as const;
export type FirstFactor = (typeof SUPPORTED_FIRST_FACTORS)[number];

/** Where a raw challenge exchange stands after one request. */
export type ChallengeStep =
  | { kind: 'signed-in'; tokens: SessionTokens; username: string }
  | { kind: 'select-challenge'; available: string[]; session: string; username: string }
  | {
      kind: 'code';
      challenge: CodeChallenge;
      session: string;
      username: string;
      destination?: string;
    }
  | { kind: 'unsupported-challenge'; challenge: string };

/** The parts of an InitiateAuth / RespondToAuthChallenge answer this module reads. */
export interface AuthResponse {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string };
}

/** A big integer of the library's own kind (its BigInteger is not exported; its constructor is reachable). */
export interface LibraryBigInteger {
  toString(radix: number): string;
}

/** What is used of amazon-cognito-identity-js's AuthenticationHelper (exported, but absent from its types). */
export interface SrpHelper {
  N: LibraryBigInteger;
  getLargeAValue(callback: (error: unknown, value: LibraryBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: LibraryBigInteger,
    salt: LibraryBigInteger,
    callback: (error: unknown, key: Uint8Array) => void
  ): void;
}

export interface ChallengeSignInDeps {
  /** The playground's traced fetch, so every exchange shows in the trace. */
  fetch: typeof fetch;
  /** The user pool API endpoint (AWS or the sandbox), ending with a slash. */
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** Clock for the SRP TIMESTAMP, milliseconds. */
  now: () => number;
  /** For the HMAC of the SRP password claim. */
  subtle: SubtleCrypto;
  /** `new AuthenticationHelper(poolName)` of amazon-cognito-identity-js. */
  srpHelper: (poolName: string) => SrpHelper;
}

/** A service error, shaped like amazon-cognito-identity-js's (name and code: the exception type). */
export class CognitoServiceError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}

/**
 * One AWS JSON 1.1 call to the user pool API. Errors come back as {@link CognitoServiceError}.
 *
 * @example
 * await callUserPool(deps, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME } });
 */
export async function callUserPool(
  deps: Pick<ChallengeSignInDeps, 'fetch' | 'endpoint'>,
  operation: string,
  body: Record<string, unknown>
): Promise<AuthResponse> {
  const response = await deps.fetch(deps.endpoint, {
    method: 'POST',
    mode: 'cors',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      'Cache-Control': 'no-store'
    },
    body: JSON.stringify(body)
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return data as AuthResponse;
  const type = String(data.__type ?? data.code ?? response.headers.get('x-amzn-errortype') ?? 'UnknownError');
  const code = type.split('#').pop()?.split(':')[0] ?? type;
  throw new CognitoServiceError(code, String(data.message ?? data.Message ?? `HTTP ${response.status}`));
}

/**
 * Reads an InitiateAuth / RespondToAuthChallenge answer as the next step.
 *
 * @example
 * stepFrom({ ChallengeName: 'EMAIL_OTP', Session: 's', ChallengeParameters: {} }, 'grace');
 * // { kind: 'code', challenge: 'EMAIL_OTP', session: 's', username: 'grace' }
 */
export function stepFrom(response: AuthResponse, username: string): ChallengeStep {
  const result = response.AuthenticationResult;
  if (result?.IdToken && result.AccessToken) {
    return {
      kind: 'signed-in',
      tokens: {
        idToken: result.IdToken,
        accessToken: result.AccessToken,
        refreshToken: result.RefreshToken ?? ''
      },
      username
    };
  }
  const name = response.ChallengeName ?? '';
  const parameters = response.ChallengeParameters ?? {};
  const who = parameters.USERNAME ?? parameters.USER_ID_FOR_SRP ?? username;
  const session = response.Session ?? '';
  if (name === 'SELECT_CHALLENGE') {
    return {
      kind: 'select-challenge',
      available: response.AvailableChallenges ?? [],
      session,
      username: who
    };
  }
  if (isCodeChallenge(name)) {
    return {
      kind: 'code',
      challenge: name,
      session,
      username: who,
      ...(parameters.CODE_DELIVERY_DESTINATION ? { destination: parameters.CODE_DELIVERY_DESTINATION } : {})
    };
  }
  return { kind: 'unsupported-challenge', challenge: name || '(none)' };
}

/** The SRP TIMESTAMP, `ddd MMM D HH:mm:ss UTC YYYY`, as the library's DateHelper writes it. */
export function srpTimestamp(ms: number): string {
  const date = new Date(ms);
  const week = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    date.getUTCMonth()
  ];
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${week} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

const base64ToBytes = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const bytesToBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/**
 * Choice-based sign-in and code challenges through the traced fetch. Stateless: each step carries the Session
 * Cognito returned, and the caller passes it back.
 *
 * @example
 * const choice = new ChallengeSignIn(deps);
 * const step = await choice.start('grace'); // { kind: 'select-challenge', available: [...] }
 * const next = await choice.select(step, 'EMAIL_OTP'); // { kind: 'code', challenge: 'EMAIL_OTP' }
 * const done = await choice.answerCode(next, '123456'); // { kind: 'signed-in', tokens }
 */
export class ChallengeSignIn {
  #deps: ChallengeSignInDeps;

  constructor(deps: ChallengeSignInDeps) {
    this.#deps = deps;
  }

  get #poolName(): string {
    return this.#deps.userPoolId.split('_')[1] ?? '';
  }

  /** InitiateAuth with USER_AUTH and no preferred challenge: Cognito answers with the choice it offers. */
  async start(username: string): Promise<ChallengeStep> {
    const response = await callUserPool(this.#deps, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: this.#deps.clientId,
      AuthParameters: { USERNAME: username }
    });
    return stepFrom(response, username);
  }

  /**
   * Answers SELECT_CHALLENGE. PASSWORD sends the password (inside TLS); PASSWORD_SRP proves it with SRP and
   * then answers PASSWORD_VERIFIER; EMAIL_OTP makes Cognito send a code (answer it with {@link answerCode}).
   */
  async select(
    step: Extract<ChallengeStep, { kind: 'select-challenge' }>,
    answer: FirstFactor,
    password = ''
  ): Promise<ChallengeStep> {
    const responses: Record<string, string> = { USERNAME: step.username, ANSWER: answer };
    let helper: SrpHelper | undefined;
    if (answer === 'PASSWORD') responses.PASSWORD = password;
    if (answer === 'PASSWORD_SRP') {
      helper = this.#deps.srpHelper(this.#poolName);
      const largeA = await new Promise<LibraryBigInteger>((resolve, reject) =>
        helper!.getLargeAValue((error, value) => (error ? reject(error) : resolve(value)))
      );
      responses.SRP_A = largeA.toString(16);
    }
    const response = await this.#respond('SELECT_CHALLENGE', step.session, responses);
    if (answer === 'PASSWORD_SRP' && response.ChallengeName === 'PASSWORD_VERIFIER' && helper) {
      return this.#passwordVerifier(helper, response, step.username, password);
    }
    return stepFrom(response, step.username);
  }

  /** Answers a code challenge (EMAIL_OTP, SMS_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA) with the code the user typed. */
  async answerCode(step: Extract<ChallengeStep, { kind: 'code' }>, code: string): Promise<ChallengeStep> {
    const response = await this.#respond(step.challenge, step.session, {
      USERNAME: step.username,
      [CODE_FIELDS[step.challenge]]: code.trim()
    });
    return stepFrom(response, step.username);
  }

  async #passwordVerifier(
    helper: SrpHelper,
    challenge: AuthResponse,
    username: string,
    password: string
  ): Promise<ChallengeStep> {
    const parameters = challenge.ChallengeParameters ?? {};
    const userId = parameters.USER_ID_FOR_SRP ?? username;
    const secretBlock = parameters.SECRET_BLOCK ?? '';
    // The library's BigInteger is not exported; its constructor is the one of the helper's own N.
    const BigInteger = helper.N.constructor as new (value: string, radix: number) => LibraryBigInteger;
    const key = await new Promise<Uint8Array>((resolve, reject) => {
      try {
        helper.getPasswordAuthenticationKey(
          userId,
          password,
          new BigInteger(parameters.SRP_B ?? '0', 16),
          new BigInteger(parameters.SALT ?? '0', 16),
          (error, value) => (error ? reject(error) : resolve(value))
        );
      } catch (error) {
        reject(error);
      }
    });
    const timestamp = srpTimestamp(this.#deps.now());
    const encoder = new TextEncoder();
    const message = new Uint8Array([
      ...encoder.encode(this.#poolName),
      ...encoder.encode(userId),
      ...base64ToBytes(secretBlock),
      ...encoder.encode(timestamp)
    ]);
    const hmacKey = await this.#deps.subtle.importKey(
      'raw',
      new Uint8Array(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign']
    );
    const signature = new Uint8Array(await this.#deps.subtle.sign('HMAC', hmacKey, message));
    const response = await this.#respond('PASSWORD_VERIFIER', challenge.Session ?? '', {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
      PASSWORD_CLAIM_SIGNATURE: bytesToBase64(signature),
      TIMESTAMP: timestamp
    });
    return stepFrom(response, userId);
  }

  #respond(challengeName: string, session: string, responses: Record<string, string>): Promise<AuthResponse> {
    return callUserPool(this.#deps, 'RespondToAuthChallenge', {
      ChallengeName: challengeName,
      ClientId: this.#deps.clientId,
      Session: session,
      ChallengeResponses: responses
    });
  }
}
