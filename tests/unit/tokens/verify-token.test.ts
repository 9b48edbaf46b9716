import { describe, expect, it } from 'vitest';
import { deriveAcceptedIssuers, deriveIssuer } from '../../../src/lib/cognito';
import { explainError, isLensError, JwksError } from '../../../src/lib/errors';
import { CHECK_IDS, jwksSourceFromJwks, parseJwks, verifyToken } from '../../../src/lib/tokens';
import type { CheckId, JwksSource, VerificationResult, VerifyOptions } from '../../../src/lib/tokens';
import {
  accessClaims,
  CLIENT_ID,
  idClaims,
  JWKS,
  KEYS,
  NOW,
  NOW_MS,
  refreshLikeJwe,
  sign,
  unsigned,
  USER_POOL_ID
} from '../../fixtures/tokens/corpus';

const source = jwksSourceFromJwks(parseJwks(JSON.stringify(JWKS)));
const deps = { now: () => NOW_MS, jwks: source };
const ID: VerifyOptions = {
  issuer: deriveAcceptedIssuers({ userPoolId: USER_POOL_ID }),
  tokenUse: 'id',
  clientId: CLIENT_ID,
  groups: null,
  scopes: null
};

function item(result: VerificationResult, id: CheckId) {
  const found = result.items.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no ${id} item`);
  return found;
}

function statuses(result: VerificationResult): Record<string, string> {
  return Object.fromEntries(result.items.map((entry) => [entry.id, entry.status]));
}

describe('verifyToken: the checklist', () => {
  it('passes every check of a valid id token, in the documented order', async () => {
    const result = await verifyToken(await sign(idClaims()), { ...ID, groups: 'admin' }, deps);
    expect(result.valid).toBe(true);
    expect(result.firstFailure).toBeUndefined();
    expect(result.items.map((entry) => entry.id)).toEqual([...CHECK_IDS]);
    expect(new Set(result.items.map((entry) => entry.status))).toEqual(new Set(['pass', 'skipped']));
    expect(item(result, 'scopes').status).toBe('skipped');
    expect(item(result, 'signature').reason).toBe(`RS256 signature verified with key ${KEYS.id.kid}`);
    expect(item(result, 'exp').reason).toBe('Expires at 2023-11-14T23:03:20.000Z (in 50 min)');
    expect(item(result, 'client-id')).toMatchObject({ actual: CLIENT_ID, expected: [CLIENT_ID] });
    expect(result.jwk?.kid).toBe(KEYS.id.kid);
    expect(result.decoded?.kind).toBe('jws');
    expect(result.checkedAt).toBe(NOW_MS);
  });

  it('states the clock tolerance in the time checks', async () => {
    const result = await verifyToken(await sign(idClaims()), { ...ID, clockToleranceSeconds: 30 }, deps);
    expect(item(result, 'exp').label).toBe('Not expired (exp, clock tolerance 30 s)');
    expect(item(result, 'nbf').label).toBe('Already valid (nbf, clock tolerance 30 s)');
    expect(result.clockToleranceSeconds).toBe(30);
    const strict = await verifyToken(await sign(idClaims()), ID, deps);
    expect(item(strict, 'exp').label).toBe('Not expired (exp, clock tolerance 0 s)');
  });

  it('reports checks skipped on purpose (null) with the reason', async () => {
    const result = await verifyToken(
      await sign(accessClaims(), 'access'),
      { issuer: null, tokenUse: null, clientId: null, groups: null, scopes: null },
      deps
    );
    expect(result.valid).toBe(true);
    for (const id of ['issuer', 'token-use', 'client-id', 'groups', 'scopes'] as const) {
      expect(item(result, id).status).toBe('skipped');
      expect(item(result, id).reason).toMatch(/^Not checked: /);
    }
    expect(item(result, 'token-use').reason).toMatch(/this is an access token/);
  });

  it('skips token_use for a token that is not from a user pool (an identity pool OpenID token)', async () => {
    const { token_use: _use, ...claims } = idClaims();
    const result = await verifyToken(
      await sign(claims),
      { issuer: null, tokenUse: 'not-user-pool', clientId: null, groups: null, scopes: null },
      deps
    );
    expect(result.valid).toBe(true);
    expect(item(result, 'token-use')).toMatchObject({ status: 'skipped' });
    expect(item(result, 'token-use').reason).toMatch(/not a user pool token/);
  });

  it("checks another OpenID provider's id token against aud (a one-item list too), not client_id", async () => {
    const { token_use: _use, ...claims } = idClaims({ aud: 'lens-playground', iss: 'http://127.0.0.1:9460' });
    const options = {
      issuer: 'http://127.0.0.1:9460',
      tokenUse: 'not-user-pool',
      clientId: 'lens-playground',
      groups: null,
      scopes: null
    } as const;
    const result = await verifyToken(await sign(claims), options, deps);
    expect(result.valid).toBe(true);
    expect(item(result, 'client-id')).toMatchObject({ status: 'pass', actual: 'lens-playground' });
    expect(item(result, 'issuer').label).toBe('Issuer (iss) is the expected provider');
    const listed = await verifyToken(await sign({ ...claims, aud: ['lens-playground'] }), options, deps);
    expect(item(listed, 'client-id').status).toBe('pass');
    const other = await verifyToken(await sign({ ...claims, aud: 'someone-else' }), options, deps);
    expect(item(other, 'client-id')).toMatchObject({ status: 'fail', actual: 'someone-else' });
  });

  it('still evaluates the claims after a failed signature, but is not valid', async () => {
    const token = await sign(idClaims({ exp: NOW - 60, aud: 'otherclient' }), 'outsider', {
      kid: KEYS.id.kid,
      alg: 'RS256'
    });
    const result = await verifyToken(token, ID, deps);
    expect(result.valid).toBe(false);
    expect(result.firstFailure?.id).toBe('signature');
    expect(item(result, 'exp').status).toBe('fail');
    expect(item(result, 'client-id')).toMatchObject({ status: 'fail', actual: 'otherclient' });
    expect(item(result, 'issuer').status).toBe('pass');
  });

  it('gives actual and expected values and a typed error for each failure', async () => {
    const token = await sign(idClaims({ iss: 'https://example.com', token_use: 'access', client_id: 'x' }));
    const result = await verifyToken(token, ID, deps);
    expect(item(result, 'issuer')).toMatchObject({
      status: 'fail',
      actual: 'https://example.com',
      expected: ID.issuer
    });
    expect(item(result, 'token-use')).toMatchObject({ status: 'fail', actual: 'access', expected: 'id' });
    // An "access" token carries its client in client_id, whatever the caller expected.
    expect(item(result, 'client-id')).toMatchObject({ status: 'fail', actual: 'x' });
    for (const failure of result.items.filter((entry) => entry.status === 'fail')) {
      expect(failure.error?.code).toMatch(/^ERR_/);
      const explanation = explainError(failure.error);
      expect(explanation.code).toBe(failure.error?.code);
      expect(explanation.cause).not.toBe('');
    }
  });

  it('accepts the sandbox issuer when told to expect it', async () => {
    const sandboxIssuer = deriveIssuer({ userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229' });
    const token = await sign(idClaims({ iss: sandboxIssuer }));
    const result = await verifyToken(
      token,
      {
        ...ID,
        issuer: deriveAcceptedIssuers({ userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229' })
      },
      deps
    );
    expect(result.valid).toBe(true);
    expect(item(result, 'issuer').reason).toBe('Issued by http://127.0.0.1:9229/local_AbC123');
  });
});

describe('verifyToken: what is checked after what', () => {
  it('skips everything when the token cannot be decoded', async () => {
    const result = await verifyToken('not a token', ID, deps);
    expect(result.firstFailure).toMatchObject({ id: 'structure', error: { code: 'ERR_TOKEN_PARTS' } });
    expect(result.items.slice(1).every((entry) => entry.status === 'skipped')).toBe(true);
    expect(result.items.map((entry) => entry.id)).toEqual([...CHECK_IDS]);
    expect(result.decoded).toBeUndefined();
  });

  it('explains an encrypted token and skips the rest', async () => {
    const result = await verifyToken(await refreshLikeJwe(), ID, deps);
    expect(result.firstFailure).toMatchObject({ id: 'structure', error: { code: 'ERR_TOKEN_ENCRYPTED' } });
    expect(explainError(result.firstFailure?.error).cause).toMatch(/refresh token/);
    expect(result.items.slice(1).every((entry) => entry.status === 'skipped')).toBe(true);
    expect(result.decoded?.kind).toBe('jwe');
  });

  it('refuses an unsigned token: structure fails, alg "none" fails, no key is looked up', async () => {
    let lookups = 0;
    const counting: JwksSource = { label: 'counting', getJwk: (kid) => (lookups++, source.getJwk(kid)) };
    const token = unsigned({ kid: KEYS.id.kid, alg: 'none' }, idClaims());
    const result = await verifyToken(token, ID, { now: () => NOW_MS, jwks: counting });
    expect(statuses(result)).toMatchObject({
      structure: 'fail',
      kid: 'skipped',
      key: 'skipped',
      'key-type': 'skipped',
      algorithm: 'fail',
      signature: 'skipped',
      exp: 'pass',
      issuer: 'pass'
    });
    expect(item(result, 'algorithm').error?.code).toBe('ERR_JWT_ALG_NONE');
    expect(lookups).toBe(0);
  });

  it('never verifies a signature with a refused algorithm', async () => {
    const result = await verifyToken(
      await sign(idClaims(), 'id', { kid: KEYS.id.kid, alg: 'RS384' }),
      ID,
      deps
    );
    expect(statuses(result)).toMatchObject({ algorithm: 'fail', signature: 'skipped' });
    expect(item(result, 'algorithm')).toMatchObject({ actual: 'RS384', expected: 'RS256' });
    expect(item(result, 'signature').reason).toMatch(/^Not checked: "Algorithm allowed/);
  });

  it('refuses HMAC outright, whatever key the kid names', async () => {
    const token = unsigned({ kid: KEYS.noAlg.kid, alg: 'HS512' }, idClaims(), 'c2ln');
    const result = await verifyToken(token, ID, deps);
    expect(item(result, 'algorithm').error?.code).toBe('ERR_JWT_ALG_HMAC');
  });

  it('reports a JWKS that cannot be fetched at the key check', async () => {
    const offline: JwksSource = {
      label: 'https://cognito-idp.eu-west-1.amazonaws.com/x/.well-known/jwks.json',
      getJwk: () => Promise.reject(new JwksError('ERR_JWKS_FETCH', 'Could not fetch', { details: {} }))
    };
    const result = await verifyToken(await sign(idClaims()), ID, { now: () => NOW_MS, jwks: offline });
    expect(result.firstFailure).toMatchObject({ id: 'key', error: { code: 'ERR_JWKS_FETCH' } });
    expect(statuses(result)).toMatchObject({
      'key-type': 'skipped',
      algorithm: 'pass',
      signature: 'skipped'
    });
    expect(item(result, 'algorithm').reason).toMatch(/not compared with a key/);
  });

  it('wraps a JWKS source that throws something unexpected', async () => {
    const broken: JwksSource = { label: 'broken', getJwk: () => Promise.reject(new Error('boom')) };
    const result = await verifyToken(await sign(idClaims()), ID, { now: () => NOW_MS, jwks: broken });
    expect(result.firstFailure?.error?.code).toBe('ERR_UNEXPECTED');
    expect(isLensError(result.firstFailure?.error)).toBe(true);
  });

  it('checks the signature even when a claim has the wrong type (structure fails first)', async () => {
    const result = await verifyToken(await sign(idClaims({ jti: 42 })), ID, deps);
    expect(result.firstFailure).toMatchObject({ id: 'structure', error: { code: 'ERR_TOKEN_CLAIM_TYPE' } });
    expect(item(result, 'signature').status).toBe('pass');
    expect(result.valid).toBe(false);
  });
});

describe('verifyToken: known differences from aws-jwt-verify (stricter, Cognito only signs with RSA)', () => {
  it('refuses an EC key that aws-jwt-verify would accept', async () => {
    const token = await sign(idClaims(), 'ec', { kid: KEYS.ec.kid, alg: 'ES256' });
    const result = await verifyToken(token, ID, deps);
    expect(result.firstFailure).toMatchObject({
      id: 'key-type',
      error: { code: 'ERR_JWK_KTY' },
      actual: 'EC'
    });
  });

  it('tolerates what copy and paste adds around a token', async () => {
    const result = await verifyToken(`  Bearer ${await sign(idClaims())}\n`, ID, deps);
    expect(result.valid).toBe(true);
  });
});

describe('verifyToken: options must be explicit', () => {
  const token = 'a.b.c';

  it.each(['issuer', 'tokenUse', 'clientId', 'groups', 'scopes'] as const)(
    'refuses a missing %s (null skips; undefined is a mistake)',
    async (name) => {
      const options = { ...ID, [name]: undefined } as unknown as VerifyOptions;
      await expect(verifyToken(token, options, deps)).rejects.toMatchObject({
        code: 'ERR_VERIFY_OPTIONS',
        details: { option: name }
      });
    }
  );

  it.each([
    ['an empty list', { clientId: [] }],
    ['a number', { groups: 3 }],
    ['an unknown token use', { tokenUse: 'refresh' }],
    ['a negative tolerance', { clockToleranceSeconds: -1 }]
  ])('refuses %s', async (_name, patch) => {
    const options = { ...ID, ...patch } as unknown as VerifyOptions;
    await expect(verifyToken(token, options, deps)).rejects.toMatchObject({ code: 'ERR_VERIFY_OPTIONS' });
  });

  it('refuses missing deps', async () => {
    await expect(verifyToken(token, ID, { now: () => NOW_MS } as never)).rejects.toMatchObject({
      code: 'ERR_VERIFY_OPTIONS',
      details: { option: 'jwks' }
    });
    await expect(verifyToken(token, ID, { jwks: source } as never)).rejects.toMatchObject({
      code: 'ERR_VERIFY_OPTIONS',
      details: { option: 'now' }
    });
  });
});
