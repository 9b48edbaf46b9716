import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COGNITO_INPUT_ERROR_CODES,
  EXPLANATIONS,
  explainError,
  JWKS_ERROR_CODES,
  LENS_ERROR_CODES,
  OAUTH_ERROR_CODES,
  oauthError,
  LensError,
  TOKEN_ERROR_CODES,
  VERIFY_ERROR_CODES
} from '../../../src/lib/errors';
import type { Explanation } from '../../../src/lib/errors';

function expectComplete(explanation: Explanation): void {
  expect(explanation.title.trim()).not.toBe('');
  expect(explanation.cause.trim()).not.toBe('');
  expect(explanation.fix.trim()).not.toBe('');
  // Sentences end once: messages carry no final stop and the table adds one.
  expect(explanation.cause).not.toMatch(/\.\.$/);
  expect(explanation.fix).not.toMatch(/\.\.$/);
}

describe('explainError for our codes', () => {
  it('lists every code exactly once across the groups', () => {
    const all = [
      ...TOKEN_ERROR_CODES,
      ...JWKS_ERROR_CODES,
      ...VERIFY_ERROR_CODES,
      ...COGNITO_INPUT_ERROR_CODES,
      ...OAUTH_ERROR_CODES
    ];
    expect(new Set(all).size).toBe(all.length);
    expect(LENS_ERROR_CODES).toEqual(all);
  });

  it.each(LENS_ERROR_CODES.map((code) => [code]))('has its own explanation for %s', (code) => {
    expect(EXPLANATIONS.some((row) => row.code === code)).toBe(true);
    const explanation = explainError(new LensError(code, 'Something specific happened', { details: {} }));
    expect(explanation.code).toBe(code);
    expect(explanation.original).toBe('Something specific happened');
    expectComplete(explanation);
  });

  it('uses details to say where', () => {
    const explanation = explainError(
      new LensError('ERR_TOKEN_JSON', 'Part 2 (the payload) is not valid JSON: Unexpected token', {
        details: { part: 2, partName: 'payload', detail: 'Unexpected token' }
      })
    );
    expect(explanation.cause).toContain('part 2 (the payload)');
    expect(explanation.cause).toContain('Unexpected token');
  });

  it('tells a 404 JWKS from a server error', () => {
    const notFound = explainError(
      new LensError('ERR_JWKS_HTTP', 'x answered HTTP 404', { details: { status: 404 } })
    );
    const serverError = explainError(
      new LensError('ERR_JWKS_HTTP', 'x answered HTTP 503', { details: { status: 503 } })
    );
    expect(notFound.cause).toMatch(/no user pool/);
    expect(serverError.cause).toMatch(/temporary/);
  });

  it('offers the cleaned value for padded input', () => {
    const explanation = explainError(
      new LensError('ERR_INPUT_PADDED', 'The region has quotes around it', {
        details: { suggestion: 'us-east-1' }
      })
    );
    expect(explanation.fix).toContain('"us-east-1"');
  });
});

describe('explainError for Cognito and identity pool service errors', () => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      'SDK v3 error (name)',
      Object.assign(new Error('Incorrect username or password.'), { name: 'NotAuthorizedException' }),
      'NotAuthorizedException',
      /Wrong username or password/
    ],
    [
      'amazon-cognito-identity-js error (code)',
      { code: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'User is disabled.' },
      'NotAuthorizedException',
      /User disabled/
    ],
    [
      'secret hash',
      {
        name: 'NotAuthorizedException',
        message: 'Unable to verify secret hash for client 3n4b5urk1ft4fl3mg5e62d9ado'
      },
      'NotAuthorizedException',
      /has a secret/
    ],
    [
      'raw JSON body with a namespaced __type',
      {
        __type: 'com.amazonaws.cognito.identity.model#NotAuthorizedException',
        message: "Invalid login token. Issuer doesn't match providerName"
      },
      'NotAuthorizedException',
      // The Logins key and the token's iss disagree; an unconfigured provider is the next-but-one case.
      // https://repost.aws/questions/QU55Y85-lERBGLehVrKdjw_Q
      /Logins key doesn't match the token's issuer/
    ],
    [
      // STS (an AWS Query API) names the error AccessDenied, without "Exception", in the SDK's name.
      // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
      'STS refuses the role (basic flow)',
      { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' },
      'AccessDenied',
      /role does not trust this identity pool/
    ],
    [
      'guest access off',
      {
        __type: 'NotAuthorizedException',
        message: 'Unauthenticated access is not supported for this identity pool.'
      },
      'NotAuthorizedException',
      /Guest access is off/
    ],
    [
      'unsupported provider',
      {
        __type: 'NotAuthorizedException',
        message: 'Token is not from a supported provider of this identity pool.'
      },
      'NotAuthorizedException',
      /provider the identity pool does not know/
    ],
    [
      'identity pool: token expired',
      {
        __type: 'NotAuthorizedException',
        message: 'Invalid login token. Token expired: 1700000000 >= 1699999000'
      },
      'NotAuthorizedException',
      /Token expired/
    ],
    [
      'user not confirmed',
      { name: 'UserNotConfirmedException', message: 'User is not confirmed.' },
      'UserNotConfirmedException',
      /not confirmed/
    ],
    [
      'password reset required',
      { name: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
      'PasswordResetRequiredException',
      /reset required/
    ],
    [
      'user not found',
      { name: 'UserNotFoundException', message: 'User does not exist.' },
      'UserNotFoundException',
      /No such user/
    ],
    [
      'SRP not enabled',
      { name: 'InvalidParameterException', message: 'USER_SRP_AUTH is not enabled for the client.' },
      'InvalidParameterException',
      /SRP sign-in not allowed/
    ],
    [
      'USER_PASSWORD_AUTH not enabled',
      { name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
      'InvalidParameterException',
      /Password sign-in not allowed/
    ],
    [
      'USER_AUTH not enabled',
      { name: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' },
      'InvalidParameterException',
      /Choice-based sign-in not allowed/
    ],
    [
      'app client not found',
      {
        name: 'ResourceNotFoundException',
        message: 'User pool client 3n4b5urk1ft4fl3mg5e62d9ado does not exist.'
      },
      'ResourceNotFoundException',
      /App client not found/
    ],
    [
      'identity pool roles',
      {
        __type: 'InvalidIdentityPoolConfigurationException',
        message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
      },
      'InvalidIdentityPoolConfigurationException',
      /roles are misconfigured/
    ],
    [
      'other NotAuthorizedException message',
      { name: 'NotAuthorizedException', message: 'Something new.' },
      'NotAuthorizedException',
      /Not authorized/
    ]
  ];

  it.each(cases)('%s', (_name, err, code, title) => {
    const explanation = explainError(err);
    expect(explanation.code).toBe(code);
    expect(explanation.title).toMatch(title);
    expectComplete(explanation);
    expect(explanation.original).toBe((err as { message: string }).message);
  });

  it('does not double the final stop of AWS messages', () => {
    const explanation = explainError({ name: 'NotAuthorizedException', message: 'Something new.' });
    expect(explanation.cause).toBe('Cognito refused the request: Something new.');
  });
});

describe('explainError for identity pool refusals', () => {
  it('names the access token put where the id token belongs', () => {
    const explanation = explainError({
      __type: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud'
    });
    expect(explanation.title).toBe('An access token where the id token belongs');
    expect(explanation.original).toBe('Invalid login token. Missing a required claim: aud');
  });
});

describe('explainError for the managed login', () => {
  it.each([
    ['state_mismatch', 'ERR_OAUTH_STATE', /forged redirect/],
    ['access_denied', 'ERR_OAUTH_DENIED', /refused the sign-in/],
    ['invalid_grant', 'ERR_OAUTH_CODE', /single-use/],
    ['invalid_client', 'ERR_OAUTH_CLIENT', /secret/],
    ['something_else', 'ERR_OAUTH', /answered with an error/]
  ])('maps the OAuth error %s to %s', (error, code, cause) => {
    const explanation = explainError(oauthError(error, 'detail from the server'));
    expect(explanation.code).toBe(code);
    expect(explanation.cause).toMatch(cause);
  });
});

describe('explainError for browser and unknown failures', () => {
  it.each([
    ['Chromium', 'Failed to fetch'],
    ['Firefox', 'NetworkError when attempting to fetch resource.'],
    ['Safari', 'Load failed'],
    ['Node', 'fetch failed'],
    ['amazon-cognito-identity-js', 'Network error']
  ])('recognises a %s network failure as network/CORS', (_browser, message) => {
    const explanation = explainError(new TypeError(message));
    expect(explanation.code).toBe('ERR_NETWORK');
    expect(explanation.cause).toMatch(/CORS/);
    expect(explanation.original).toBe(message);
  });

  it("recognises amazon-cognito-identity-js's NetworkError", () => {
    const error = Object.assign(new Error('Network error'), { name: 'NetworkError', code: 'NetworkError' });
    expect(explainError(error).code).toBe('ERR_NETWORK');
  });

  it('recognises aborts and timeouts', () => {
    expect(explainError(new DOMException('The operation was aborted.', 'AbortError')).code).toBe(
      'ERR_TIMEOUT'
    );
    expect(explainError(new DOMException('The operation timed out.', 'TimeoutError')).code).toBe(
      'ERR_TIMEOUT'
    );
  });

  it('falls back to a generic explanation that still names an unknown AWS error', () => {
    const explanation = explainError({ name: 'InternalErrorException', message: 'Boom.' });
    expect(explanation.code).toBe('ERR_UNKNOWN');
    expect(explanation.cause).toContain('InternalErrorException: Boom');
    expect(explanation.original).toBe('Boom.');
  });

  it.each([[undefined], [null], [42], ['plain text'], [new Error('')], [{}], [Symbol('s')]])(
    'explains %s without throwing',
    (value) => {
      expectComplete(explainError(value));
    }
  );

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expectComplete(explainError(value));
      })
    );
  });
});
