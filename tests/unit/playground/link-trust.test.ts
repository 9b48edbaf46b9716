import { describe, expect, it } from 'vitest';
import { classifyHost } from '../../../src/lib/cognito';
import { LensError } from '../../../src/lib/errors';
import {
  assertPlainPasswordAllowed,
  callHosts,
  EMPTY_CONFIG,
  rememberable,
  reviewSharedConfig
} from '../../../src/lib/playground/link-trust';

const IDS = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbCdEf123',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh'
};

describe('classifyHost', () => {
  it.each([
    ['https://cognito-idp.us-east-1.amazonaws.com', 'endpoint', 'cognito'],
    ['https://cognito-identity-fips.us-east-1.amazonaws.com', 'endpoint', 'cognito'],
    ['https://cognito-idp.eu-west-1.amazonaws.com', 'endpoint', 'foreign'], // another region
    ['http://cognito-idp.us-east-1.amazonaws.com', 'endpoint', 'foreign'], // not https
    ['https://abc123.execute-api.us-east-1.amazonaws.com', 'endpoint', 'foreign'],
    ['https://cognito-idp.us-east-1.amazonaws.com.evil.example', 'endpoint', 'foreign'],
    ['https://my-bucket.s3.amazonaws.com', 'endpoint', 'foreign'],
    ['http://127.0.0.1:9229', 'endpoint', 'loopback'],
    ['http://[::1]:9229', 'endpoint', 'loopback'],
    ['https://my-app.auth.us-east-1.amazoncognito.com', 'domain', 'cognito'],
    ['https://my-app.auth-fips.us-east-1.amazoncognito.com', 'domain', 'cognito'],
    ['https://evil.example', 'domain', 'foreign'],
    ['https://auth.example.com', 'domain', 'foreign'], // a custom domain: asked, not trusted blindly
    ['https://my-app.auth.us-east-1.amazoncognito.com.evil.example', 'domain', 'foreign'],
    ['javascript:alert(1)', 'domain', 'invalid']
  ] as const)('%s as %s is %s', (url, role, kind) => {
    expect(classifyHost(url, 'us-east-1', role).kind).toBe(kind);
  });
});

describe('a share link', () => {
  it('applies ids, and starts from nothing of the sandbox', () => {
    const review = reviewSharedConfig(IDS);
    expect(review.apply).toEqual({ ...EMPTY_CONFIG, ...IDS });
    expect(review.confirm).toEqual([]);
  });

  it('never applies an attacker’s endpoint or domain: both wait for confirmation, host named', () => {
    const review = reviewSharedConfig({
      ...IDS,
      endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com',
      domain: 'https://evil.example'
    });
    expect(review.apply.endpoint).toBe('');
    expect(review.apply.domain).toBe('');
    expect(review.confirm.map((c) => [c.field, c.host])).toEqual([
      ['endpoint', 'abc123.execute-api.us-east-1.amazonaws.com'],
      ['domain', 'evil.example']
    ]);
    expect(review.confirm[0]?.sends.join(' ')).toMatch(/password/);
  });

  it('applies the region’s own hosts and the sandbox without asking', () => {
    const review = reviewSharedConfig({ ...IDS, endpoint: 'http://127.0.0.1:9229', domain: 'my-app' });
    expect(review.apply).toMatchObject({ endpoint: 'http://127.0.0.1:9229', domain: 'my-app' });
    expect(review.confirm).toEqual([]);
  });
});

describe('remembering', () => {
  it('keeps ids and trusted hosts, never a foreign endpoint or domain', () => {
    expect(
      rememberable({
        ...EMPTY_CONFIG,
        ...IDS,
        endpoint: 'https://evil.example',
        domain: 'https://evil.example'
      })
    ).toEqual({ ...EMPTY_CONFIG, ...IDS });
    expect(rememberable({ ...IDS, endpoint: 'http://127.0.0.1:9229' }).endpoint).toBe(
      'http://127.0.0.1:9229'
    );
  });
});

describe('plain password', () => {
  it('is refused to a foreign host, with an explanation', () => {
    let error: unknown;
    try {
      assertPlainPasswordAllowed({
        region: 'us-east-1',
        endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com'
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LensError);
    expect((error as LensError).code).toBe('ERR_PLAIN_PASSWORD_FOREIGN_HOST');
    expect((error as LensError).message).toContain('abc123.execute-api.us-east-1.amazonaws.com');
  });

  it('is allowed to AWS and to this machine', () => {
    expect(() => assertPlainPasswordAllowed({ region: 'us-east-1', endpoint: '' })).not.toThrow();
    expect(() =>
      assertPlainPasswordAllowed({ region: 'us-east-1', endpoint: 'http://localhost:9229' })
    ).not.toThrow();
  });
});

describe('callHosts', () => {
  it('names the host of each kind of call', () => {
    expect(callHosts({ ...EMPTY_CONFIG, ...IDS, domain: 'my-app' })).toEqual({
      userPool: 'cognito-idp.us-east-1.amazonaws.com',
      identity: 'cognito-identity.us-east-1.amazonaws.com',
      sts: 'sts.us-east-1.amazonaws.com',
      managedLogin: 'my-app.auth.us-east-1.amazoncognito.com'
    });
    expect(callHosts({ ...EMPTY_CONFIG, ...IDS, endpoint: 'http://127.0.0.1:9229' }).userPool).toBe(
      '127.0.0.1:9229'
    );
  });
});

describe('an outside IdP issuer from a link or from storage', () => {
  it('waits for confirmation like a foreign endpoint, even a real provider: the host is named', () => {
    const review = reviewSharedConfig({
      ...IDS,
      idpIssuer: 'https://accounts.google.com',
      idpClientId: 'abc'
    });
    expect(review.apply).toMatchObject({ idpClientId: 'abc', idpIssuer: '' });
    expect(review.confirm).toEqual([
      expect.objectContaining({
        field: 'idpIssuer',
        value: 'https://accounts.google.com',
        host: 'accounts.google.com'
      })
    ]);
    expect(review.confirm[0]?.sends.join(' ')).toMatch(/sign-in page/);
  });
  it('applies the sandbox IdP on this machine without asking', () => {
    const review = reviewSharedConfig({
      ...IDS,
      idpIssuer: 'http://127.0.0.1:9230',
      idpClientId: 'lens-playground'
    });
    expect(review.apply).toMatchObject({ idpIssuer: 'http://127.0.0.1:9230' });
    expect(review.confirm).toEqual([]);
  });
  it('is never remembered unless it is on this machine', () => {
    expect(rememberable({ ...IDS, idpIssuer: 'https://evil.example', idpClientId: 'x' })).toMatchObject({
      idpIssuer: '',
      idpClientId: 'x'
    });
    expect(rememberable({ ...IDS, idpIssuer: 'http://localhost:9230' }).idpIssuer).toBe(
      'http://localhost:9230'
    );
  });
});
