// The oracle: every token of the corpus goes through aws-jwt-verify's CognitoJwtVerifier and through our
// verifyToken. The verdicts must agree, and our first failing check must name the cause aws-jwt-verify's
// error class names.
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidGroupError,
  CognitoJwtInvalidTokenUseError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwkValidationError,
  JwtExpiredError,
  JwtInvalidIssuerError,
  JwtInvalidScopeError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError
} from 'aws-jwt-verify/error';
import type { JwtBaseError } from 'aws-jwt-verify/error';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deriveAcceptedIssuers } from '../../../src/lib/cognito';
import { CHECK_IDS, jwksSourceFromJwks, parseJwks, verifyToken } from '../../../src/lib/tokens';
import type { CheckId } from '../../../src/lib/tokens';
import { buildCorpus, JWKS, NOW_MS, USER_POOL_ID } from '../../fixtures/tokens/corpus';
import type { CorpusCase } from '../../fixtures/tokens/corpus';

type ErrorClass = abstract new (...args: never[]) => JwtBaseError;

/**
 * aws-jwt-verify error class -> the checklist item that names the same cause. Order matters: subclasses
 * before their parents (JwtExpiredError extends JwtInvalidClaimError...).
 */
const CAUSES: readonly (readonly [ErrorClass, CheckId | ((err: Error) => CheckId)])[] = [
  [JwtParseError, 'structure'],
  [JwtWithoutValidKidError, 'kid'],
  [KidNotFoundInJwksError, 'key'],
  [JwkInvalidKtyError, 'key-type'],
  [JwkInvalidUseError, 'key-type'],
  [JwkValidationError, 'key-type'],
  [JwtInvalidSignatureAlgorithmError, 'algorithm'],
  [JwtInvalidSignatureError, 'signature'],
  [JwtExpiredError, 'exp'],
  [JwtNotBeforeError, 'nbf'],
  [JwtInvalidIssuerError, 'issuer'],
  [CognitoJwtInvalidTokenUseError, 'token-use'],
  [CognitoJwtInvalidClientIdError, 'client-id'],
  [CognitoJwtInvalidGroupError, 'groups'],
  [JwtInvalidScopeError, 'scopes'],
  // CognitoJwtVerifier picks its config by the token's iss before anything else, so an unknown or
  // missing issuer surfaces as a parameter error rather than JwtInvalidIssuerError.
  [
    ParameterValidationError,
    (err) => {
      if (/^issuer (not configured|must be provided)/.test(err.message)) return 'issuer';
      throw new Error(`Unmapped ParameterValidationError: ${err.message}`);
    }
  ]
];

function causeOf(err: unknown): CheckId {
  for (const [errorClass, cause] of CAUSES) {
    if (err instanceof errorClass) return typeof cause === 'function' ? cause(err) : cause;
  }
  throw new Error(`aws-jwt-verify threw an unmapped error: ${String(err)}`);
}

/** aws-jwt-verify's verdict: null when valid, else the cause its error names. */
function oracle(testCase: CorpusCase): CheckId | null {
  const { tokenUse, clientId, groups, scopes, clockToleranceSeconds } = testCase.options;
  const verifier = CognitoJwtVerifier.create({
    userPoolId: USER_POOL_ID,
    tokenUse,
    clientId,
    groups,
    scope: scopes,
    graceSeconds: clockToleranceSeconds
  });
  verifier.cacheJwks(JWKS as unknown as Parameters<typeof verifier.cacheJwks>[0]);
  try {
    // verifySync uses only the cached JWKS: no network, ever.
    verifier.verifySync(testCase.token);
    return null;
  } catch (err) {
    return causeOf(err);
  }
}

const corpus = await buildCorpus();
const source = jwksSourceFromJwks(parseJwks(JSON.stringify(JWKS)));

describe('verifyToken agrees with aws-jwt-verify', () => {
  beforeAll(() => {
    // aws-jwt-verify reads Date.now(); freeze it at the corpus's instant.
    vi.useFakeTimers({ now: NOW_MS, toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('has a corpus of at least 30 tokens covering every checklist item', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const causes = new Set(corpus.map((testCase) => testCase.firstFailure));
    for (const id of [null, ...CHECK_IDS]) {
      expect(causes, `no corpus case for ${String(id)}`).toContain(id);
    }
  });

  it.each(corpus.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const expectedByOracle = oracle(testCase);
    const { clockToleranceSeconds, ...security } = testCase.options;
    const result = await verifyToken(
      testCase.token,
      { issuer: deriveAcceptedIssuers({ userPoolId: USER_POOL_ID }), ...security, clockToleranceSeconds },
      { now: () => NOW_MS, jwks: source }
    );
    // Same verdict, same cause, and the corpus says what both should be.
    expect(result.valid).toBe(expectedByOracle === null);
    expect(result.firstFailure?.id ?? null).toBe(expectedByOracle);
    expect(expectedByOracle).toBe(testCase.firstFailure);
    if (result.firstFailure !== undefined) {
      expect(result.firstFailure.error?.code).toMatch(/^ERR_/);
    }
  });
});
