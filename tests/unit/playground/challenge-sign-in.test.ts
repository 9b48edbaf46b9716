import { webcrypto } from 'node:crypto';
import * as cognitoJs from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import {
  ChallengeSignIn,
  CognitoServiceError,
  srpTimestamp,
  stepFrom,
  type ChallengeSignInDeps,
  type SrpHelper
} from '../../../src/lib/playground/challenge-sign-in';
import { explainError } from '../../../src/lib/errors';
// The sandbox's server side of SRP (independent BigInt maths): the claim the client computes must pass it.
import { isValidClaim, serverEphemeral, sessionKey, verifier } from '../../../sandbox/lib/srp.js';

// Request and answer shapes: InitiateAuth USER_AUTH -> SELECT_CHALLENGE with AvailableChallenges; the
// SELECT_CHALLENGE answers of ChallengeResponseType.
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
//   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html

const POOL_ID = 'us-east-1_Example1';
const POOL_NAME = 'Example1';
const CLIENT_ID = 'client123';
const PASSWORD = 'Grace-Passw0rd!';
const SALT = '5a1d2c3b4e5f60718293a4b5c6d7e8f9';
const NOW = Date.UTC(2026, 11, 1, 9, 5, 7);

type Body = Record<string, unknown> & { ChallengeResponses?: Record<string, string> };

// Exported by the library, missing from its type declarations.
const { AuthenticationHelper } = cognitoJs as unknown as {
  AuthenticationHelper: new (poolName: string) => SrpHelper;
};

const tokens = { IdToken: 'id.jwt', AccessToken: 'access.jwt', RefreshToken: 'refresh' };

/** A scripted user pool API: records each request, answers like Cognito for one user "grace". */
function fakePool() {
  const requests: Array<{ target: string; body: Body }> = [];
  let srp: { b: bigint; B: bigint; v: bigint; A?: bigint } | undefined;
  const json = (status: number, data: unknown) =>
    new Response(JSON.stringify(data), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' }
    });
  const fetch: typeof globalThis.fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    expect(String(url)).toBe('http://127.0.0.1:9229/');
    const headers = init?.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('application/x-amz-json-1.1');
    const target = headers['X-Amz-Target'] ?? '';
    const body = JSON.parse(String(init?.body)) as Body;
    requests.push({ target, body });
    expect(body.ClientId).toBe(CLIENT_ID);
    if (target.endsWith('.InitiateAuth')) {
      return json(200, {
        ChallengeName: 'SELECT_CHALLENGE',
        Session: 'select-session',
        ChallengeParameters: {},
        AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']
      });
    }
    const responses: Record<string, string> = body.ChallengeResponses ?? {};
    const field = (name: string) => responses[name] ?? '';
    if (body.ChallengeName === 'SELECT_CHALLENGE') {
      expect(body.Session).toBe('select-session');
      if (responses.ANSWER === 'PASSWORD') {
        return responses.PASSWORD === PASSWORD
          ? json(200, { AuthenticationResult: tokens, ChallengeParameters: {} })
          : json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      }
      if (responses.ANSWER === 'EMAIL_OTP') {
        return json(200, {
          ChallengeName: 'EMAIL_OTP',
          Session: 'otp-session',
          ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'g***@e***', USERNAME: 'grace' }
        });
      }
      if (responses.ANSWER === 'PASSWORD_SRP') {
        const v = verifier({ poolName: POOL_NAME, username: 'grace', password: PASSWORD, salt: SALT });
        const { b, B } = serverEphemeral(v);
        srp = { b, B, v, A: BigInt(`0x${responses.SRP_A}`) };
        return json(200, {
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: 'verifier-session',
          ChallengeParameters: {
            SALT,
            SRP_B: B.toString(16),
            SECRET_BLOCK: Buffer.from('secret-block').toString('base64'),
            USER_ID_FOR_SRP: 'grace',
            USERNAME: 'grace'
          }
        });
      }
    }
    if (body.ChallengeName === 'PASSWORD_VERIFIER' && srp?.A !== undefined) {
      expect(body.Session).toBe('verifier-session');
      const key = sessionKey({ A: srp.A, B: srp.B, b: srp.b, v: srp.v });
      const valid =
        key !== undefined &&
        isValidClaim({
          key,
          poolName: POOL_NAME,
          userId: field('USERNAME'),
          secretBlock: Buffer.from(field('PASSWORD_CLAIM_SECRET_BLOCK'), 'base64'),
          timestamp: field('TIMESTAMP'),
          signature: field('PASSWORD_CLAIM_SIGNATURE')
        });
      return valid
        ? json(200, { AuthenticationResult: tokens, ChallengeParameters: {} })
        : json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    if (body.ChallengeName === 'EMAIL_OTP') {
      expect(body.Session).toBe('otp-session');
      return responses.EMAIL_OTP_CODE === '123456'
        ? json(200, { AuthenticationResult: tokens, ChallengeParameters: {} })
        : json(400, {
            __type: 'CodeMismatchException',
            message: 'Invalid code or auth state for the user.'
          });
    }
    return json(400, { __type: 'InvalidParameterException', message: 'unexpected' });
  };
  return { fetch, requests };
}

function choiceWith(fetch: typeof globalThis.fetch) {
  const deps: ChallengeSignInDeps = {
    fetch,
    endpoint: 'http://127.0.0.1:9229/',
    userPoolId: POOL_ID,
    clientId: CLIENT_ID,
    now: () => NOW,
    subtle: webcrypto.subtle as SubtleCrypto,
    srpHelper: (poolName) => {
      expect(poolName).toBe(POOL_NAME);
      return new AuthenticationHelper(poolName);
    }
  };
  return new ChallengeSignIn(deps);
}

describe('ChallengeSignIn (USER_AUTH through the traced fetch)', () => {
  it('starts USER_AUTH without a preferred challenge and offers the choice Cognito returned', async () => {
    const pool = fakePool();
    const step = await choiceWith(pool.fetch).start('grace');
    expect(step).toEqual({
      kind: 'select-challenge',
      available: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
      session: 'select-session',
      username: 'grace'
    });
    expect(pool.requests[0]).toEqual({
      target: 'AWSCognitoIdentityProviderService.InitiateAuth',
      body: { AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'grace' } }
    });
  });

  it('completes with PASSWORD', async () => {
    const pool = fakePool();
    const choice = choiceWith(pool.fetch);
    const step = await choice.start('grace');
    if (step.kind !== 'select-challenge') throw new Error('no choice');
    const done = await choice.select(step, 'PASSWORD', PASSWORD);
    expect(done).toEqual({
      kind: 'signed-in',
      tokens: { idToken: 'id.jwt', accessToken: 'access.jwt', refreshToken: 'refresh' },
      username: 'grace'
    });
    expect(pool.requests[1]?.body.ChallengeResponses).toEqual({
      USERNAME: 'grace',
      ANSWER: 'PASSWORD',
      PASSWORD
    });
  });

  it('completes with PASSWORD_SRP: the password never travels, the claim passes the server-side check', async () => {
    const pool = fakePool();
    const choice = choiceWith(pool.fetch);
    const step = await choice.start('grace');
    if (step.kind !== 'select-challenge') throw new Error('no choice');
    const done = await choice.select(step, 'PASSWORD_SRP', PASSWORD);
    expect(done.kind).toBe('signed-in');
    const sent = JSON.stringify(pool.requests.map((r) => r.body));
    expect(sent).not.toContain(PASSWORD);
    expect(pool.requests.map((r) => r.body.ChallengeName ?? r.body.AuthFlow)).toEqual([
      'USER_AUTH',
      'SELECT_CHALLENGE',
      'PASSWORD_VERIFIER'
    ]);
    expect(pool.requests[2]?.body.ChallengeResponses?.TIMESTAMP).toBe('Tue Dec 1 09:05:07 UTC 2026');
  });

  it('refuses PASSWORD_SRP with a wrong password (the signature does not match)', async () => {
    const pool = fakePool();
    const choice = choiceWith(pool.fetch);
    const step = await choice.start('grace');
    if (step.kind !== 'select-challenge') throw new Error('no choice');
    await expect(choice.select(step, 'PASSWORD_SRP', 'wrong-password')).rejects.toMatchObject({
      name: 'NotAuthorizedException'
    });
  });

  it('completes with EMAIL_OTP: a code challenge, a wrong code explained, then the right code', async () => {
    const pool = fakePool();
    const choice = choiceWith(pool.fetch);
    const step = await choice.start('grace');
    if (step.kind !== 'select-challenge') throw new Error('no choice');
    const code = await choice.select(step, 'EMAIL_OTP');
    expect(code).toEqual({
      kind: 'code',
      challenge: 'EMAIL_OTP',
      session: 'otp-session',
      username: 'grace',
      destination: 'g***@e***'
    });
    if (code.kind !== 'code') throw new Error('no code step');
    const wrong = await choice.answerCode(code, '000000').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(CognitoServiceError);
    expect(explainError(wrong).title).toBe('Wrong code');
    const done = await choice.answerCode(code, ' 123456 ');
    expect(done.kind).toBe('signed-in');
    expect(pool.requests.at(-1)?.body.ChallengeResponses).toEqual({
      USERNAME: 'grace',
      EMAIL_OTP_CODE: '123456'
    });
  });
});

describe('stepFrom', () => {
  it('reads MFA code challenges and names the ones it cannot answer', () => {
    expect(stepFrom({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' }, 'frank')).toEqual({
      kind: 'code',
      challenge: 'SOFTWARE_TOKEN_MFA',
      session: 's',
      username: 'frank'
    });
    expect(stepFrom({ ChallengeName: 'WEB_AUTHN', Session: 's' }, 'frank')).toEqual({
      kind: 'unsupported-challenge',
      challenge: 'WEB_AUTHN'
    });
  });

  it('writes the SRP timestamp as the library does (day not padded, time padded)', () => {
    expect(srpTimestamp(Date.UTC(2026, 0, 5, 3, 4, 5))).toBe('Mon Jan 5 03:04:05 UTC 2026');
  });
});
