import { describe, expect, it } from 'vitest';
import {
  CONFIG_STORAGE_KEY,
  configFromParams,
  configToParams,
  describeTarget,
  forgetConfig,
  isLoopbackUrl,
  loadConfig,
  MAX_FIELD_LENGTH,
  saveConfig,
  validateConfig,
  type PlaygroundConfig
} from '../../../src/lib/playground/config';

const AWS: PlaygroundConfig = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123xyz',
  clientId: '3n4b5urk1ft4fl3mg5e62d9ado',
  domain: '',
  identityPoolId: '',
  endpoint: '',
  idpIssuer: '',
  idpClientId: ''
};
const SANDBOX: PlaygroundConfig = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_67v371xWw',
  clientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
  domain: 'http://127.0.0.1:9229',
  identityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666',
  endpoint: 'http://127.0.0.1:9229',
  idpIssuer: 'http://127.0.0.1:9230',
  idpClientId: 'lens-playground'
};
const IDENTITY_POOL_ID = 'eu-west-1:1a2b3c4d-1111-2222-3333-444455556666';

class FakeStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('validateConfig', () => {
  it('accepts a complete AWS configuration and the sandbox preset', () => {
    expect(validateConfig(AWS)).toEqual([]);
    expect(validateConfig({ ...AWS, domain: 'my-prefix', identityPoolId: IDENTITY_POOL_ID })).toEqual([]);
    expect(validateConfig(SANDBOX)).toEqual([]);
  });

  it('says when the user pool id is in another region than the region field', () => {
    expect(validateConfig({ ...AWS, region: 'us-east-1' })).toEqual([
      {
        field: 'userPoolId',
        code: 'ERR_USER_POOL_ID_REGION_MISMATCH',
        message: 'The user pool id is in eu-west-1, but the region is set to us-east-1',
        suggestion: 'eu-west-1'
      }
    ]);
  });

  it('says when the identity pool id is in another region', () => {
    expect(
      validateConfig({ ...AWS, identityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666' })
    ).toEqual([
      {
        field: 'identityPoolId',
        code: 'ERR_IDENTITY_POOL_ID_REGION_MISMATCH',
        message: 'The identity pool id is in us-east-1, but the region is set to eu-west-1',
        suggestion: 'us-east-1'
      }
    ]);
  });

  it('catches an identity pool id pasted into the user pool field, and says where it belongs', () => {
    expect(validateConfig({ ...AWS, userPoolId: IDENTITY_POOL_ID })).toEqual([
      {
        field: 'userPoolId',
        code: 'ERR_USER_POOL_ID_IS_IDENTITY_POOL_ID',
        message: `${IDENTITY_POOL_ID} is an identity pool id (region:GUID), not a user pool id (region_letters)`,
        moveTo: 'identityPoolId'
      }
    ]);
  });

  it('catches a user pool id pasted into the identity pool field', () => {
    expect(validateConfig({ ...AWS, identityPoolId: 'eu-west-1_AbC123xyz' })).toEqual([
      {
        field: 'identityPoolId',
        code: 'ERR_IDENTITY_POOL_ID_IS_USER_POOL_ID',
        message:
          'eu-west-1_AbC123xyz is a user pool id (region_letters), not an identity pool id (region:GUID)',
        moveTo: 'userPoolId'
      }
    ]);
  });

  it('catches both swapped at once', () => {
    const problems = validateConfig({
      ...AWS,
      userPoolId: IDENTITY_POOL_ID,
      identityPoolId: 'eu-west-1_AbC123xyz'
    });
    expect(problems.map((problem) => [problem.field, problem.moveTo])).toEqual([
      ['userPoolId', 'identityPoolId'],
      ['identityPoolId', 'userPoolId']
    ]);
  });

  it('catches a client secret or a pool id as the client id', () => {
    const secret = 'bpkhl40lotr9tn8rfll6eskltz5prqztgp2xjpohssnqstoygsvo';
    expect(validateConfig({ ...AWS, clientId: secret })).toEqual([
      {
        field: 'clientId',
        code: 'ERR_CLIENT_ID_LOOKS_LIKE_SECRET',
        message: `This is ${secret.length} characters long, like an app client secret; app client ids are 26`
      }
    ]);
    expect(validateConfig({ ...AWS, clientId: 'eu-west-1_AbC123xyz' })).toEqual([
      {
        field: 'clientId',
        code: 'ERR_CLIENT_ID_IS_POOL_ID',
        message: 'eu-west-1_AbC123xyz is a user pool id, not an app client id',
        moveTo: 'userPoolId'
      }
    ]);
    expect(validateConfig({ ...AWS, clientId: IDENTITY_POOL_ID })[0]).toMatchObject({
      code: 'ERR_CLIENT_ID_IS_POOL_ID',
      moveTo: 'identityPoolId'
    });
  });

  it('reports empty required fields, suggesting the region from the pool id', () => {
    expect(validateConfig({ ...AWS, region: '', clientId: '' })).toEqual([
      {
        field: 'region',
        code: 'ERR_INPUT_EMPTY',
        message: 'The region is empty; the user pool id says eu-west-1',
        suggestion: 'eu-west-1'
      },
      { field: 'clientId', code: 'ERR_INPUT_EMPTY', message: 'The app client id is empty' }
    ]);
  });

  it('reports padding with the cleaned value as suggestion', () => {
    expect(validateConfig({ ...AWS, userPoolId: ' "eu-west-1_AbC123xyz" ' })).toEqual([
      {
        field: 'userPoolId',
        code: 'ERR_INPUT_PADDED',
        message: 'The user pool id has spaces and quotes around it',
        suggestion: 'eu-west-1_AbC123xyz'
      }
    ]);
  });

  it('passes on the region parser specific messages', () => {
    expect(validateConfig({ ...AWS, region: 'eu-west-1a' })[0]).toEqual({
      field: 'region',
      code: 'ERR_REGION_INVALID',
      message: 'eu-west-1a is an Availability Zone; its region is eu-west-1',
      suggestion: 'eu-west-1'
    });
  });

  describe('domain', () => {
    const domain = (value: string, base: PlaygroundConfig = AWS) =>
      validateConfig({ ...base, domain: value });

    it('accepts a prefix, a Cognito domain, a custom domain and https URLs', () => {
      expect(domain('my-prefix')).toEqual([]);
      expect(domain('my-prefix.auth.eu-west-1.amazoncognito.com')).toEqual([]);
      expect(domain('https://my-prefix.auth.eu-west-1.amazoncognito.com')).toEqual([]);
      expect(domain('https://my-prefix.auth.eu-west-1.amazoncognito.com/')).toEqual([]);
      expect(domain('auth.example.com')).toEqual([]);
      expect(domain('https://auth.example.com')).toEqual([]);
      expect(domain('http://localhost:9229')).toEqual([]);
    });

    it('requires https off loopback', () => {
      expect(domain('http://auth.example.com')).toEqual([
        {
          field: 'domain',
          code: 'ERR_DOMAIN_NOT_HTTPS',
          message: 'Plain http is only allowed for the local sandbox (127.0.0.1 or localhost); use https',
          suggestion: 'https://auth.example.com'
        }
      ]);
      expect(domain('ftp://auth.example.com')[0]?.code).toBe('ERR_DOMAIN_NOT_HTTPS');
    });

    it('refuses a path, suggesting the bare domain', () => {
      expect(domain('https://my-prefix.auth.eu-west-1.amazoncognito.com/login?client_id=abc')).toEqual([
        {
          field: 'domain',
          code: 'ERR_DOMAIN_HAS_PATH',
          message:
            'Give only the domain, without a path (such as /login or /oauth2/authorize): https://my-prefix.auth.eu-west-1.amazoncognito.com',
          suggestion: 'https://my-prefix.auth.eu-west-1.amazoncognito.com'
        }
      ]);
      expect(domain('auth.example.com/oauth2/authorize')[0]).toMatchObject({
        code: 'ERR_DOMAIN_HAS_PATH',
        suggestion: 'auth.example.com'
      });
    });

    it('says when the Cognito domain is in another region', () => {
      expect(domain('my-prefix.auth.us-east-1.amazoncognito.com')).toEqual([
        {
          field: 'domain',
          code: 'ERR_DOMAIN_REGION_MISMATCH',
          message: 'This domain is in us-east-1, but the region is set to eu-west-1'
        }
      ]);
    });

    it('recognises the API endpoint pasted instead of the domain', () => {
      expect(domain('https://cognito-idp.eu-west-1.amazonaws.com')[0]?.code).toBe(
        'ERR_DOMAIN_IS_API_ENDPOINT'
      );
      expect(domain('cognito-idp.eu-west-1.amazonaws.com')[0]?.code).toBe('ERR_DOMAIN_IS_API_ENDPOINT');
    });

    it('refuses malformed domains and prefixes', () => {
      expect(domain('My_Prefix')[0]?.code).toBe('ERR_DOMAIN_INVALID');
      expect(domain('My-Prefix')[0]).toMatchObject({ code: 'ERR_DOMAIN_INVALID', suggestion: 'my-prefix' });
      expect(domain('-prefix')[0]?.code).toBe('ERR_DOMAIN_INVALID');
      expect(domain('my-prefix.amazoncognito.com')[0]?.code).toBe('ERR_DOMAIN_INVALID');
      expect(domain('exa mple.com')[0]?.code).toBe('ERR_DOMAIN_INVALID');
      expect(domain('https://user:pw@auth.example.com')[0]?.code).toBe('ERR_DOMAIN_INVALID');
      expect(domain(' my-prefix')[0]).toMatchObject({ code: 'ERR_INPUT_PADDED', suggestion: 'my-prefix' });
    });
  });

  describe('endpoint', () => {
    it('accepts loopback http and https elsewhere', () => {
      expect(validateConfig({ ...AWS, endpoint: 'http://127.0.0.1:9229' })).toEqual([]);
      expect(validateConfig({ ...AWS, endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com' })).toEqual([]);
    });

    it('refuses plain http off loopback and a missing scheme, with suggestions', () => {
      expect(validateConfig({ ...AWS, endpoint: 'http://example.com:9229' })).toEqual([
        {
          field: 'endpoint',
          code: 'ERR_ENDPOINT_INVALID',
          message: 'Plain http is only allowed for the local sandbox (127.0.0.1 or localhost); use https',
          suggestion: 'https://example.com:9229'
        }
      ]);
      expect(validateConfig({ ...AWS, endpoint: 'localhost:9229' })[0]?.suggestion).toBe(
        'http://localhost:9229'
      );
    });

    it('accepts sandbox pool ids with a loopback endpoint only', () => {
      const local = { ...AWS, userPoolId: 'local_AbC123', endpoint: 'http://127.0.0.1:9229' };
      expect(validateConfig(local)).toEqual([]);
      expect(validateConfig({ ...local, endpoint: '' })[0]?.code).toBe('ERR_USER_POOL_ID_INVALID');
    });
  });

  it('tolerates non-string fields (from storage or a link) as empty', () => {
    const broken = { ...AWS, clientId: 42, domain: undefined } as unknown as PlaygroundConfig;
    expect(validateConfig(broken)).toEqual([
      { field: 'clientId', code: 'ERR_INPUT_EMPTY', message: 'The app client id is empty' }
    ]);
  });
});

describe('share link', () => {
  it('round-trips the configuration, leaving out unset fields', () => {
    const params = configToParams(SANDBOX);
    expect([...params.keys()]).toEqual([
      'region',
      'userPoolId',
      'clientId',
      'domain',
      'identityPoolId',
      'endpoint',
      'idpIssuer',
      'idpClientId'
    ]);
    expect(configFromParams(new URLSearchParams(params.toString()))).toEqual(SANDBOX);
    expect(configToParams(AWS).toString()).toBe(
      'region=eu-west-1&userPoolId=eu-west-1_AbC123xyz&clientId=3n4b5urk1ft4fl3mg5e62d9ado'
    );
  });

  it('never carries anything but the six fields', () => {
    const withExtra = { ...AWS, password: 'hunter2', idToken: 'eyJ...' } as unknown as PlaygroundConfig;
    expect([...configToParams(withExtra).keys()]).toEqual(['region', 'userPoolId', 'clientId']);
  });

  it('ignores unknown parameters, oversized and control-character values', () => {
    const params = new URLSearchParams({
      region: 'eu-west-1',
      userPoolId: 'x'.repeat(MAX_FIELD_LENGTH + 1),
      clientId: 'abc\u0000def',
      password: 'hunter2',
      step: '3'
    });
    expect(configFromParams(params)).toEqual({ region: 'eu-west-1' });
    expect(configFromParams('region=x' as unknown as URLSearchParams)).toEqual({});
  });
});

describe('storage', () => {
  it('saves, loads and forgets the configuration under its key', () => {
    const storage = new FakeStorage();
    saveConfig(storage, SANDBOX);
    expect(JSON.parse(storage.items.get(CONFIG_STORAGE_KEY) ?? '')).toEqual(SANDBOX);
    expect(loadConfig(storage)).toEqual(SANDBOX);
    forgetConfig(storage);
    expect(storage.items.size).toBe(0);
    expect(loadConfig(storage)).toBeNull();
  });

  it('saves only the configuration fields, never anything else the object carries', () => {
    const storage = new FakeStorage();
    saveConfig(storage, {
      ...AWS,
      password: 'hunter2',
      tokens: { id: 'eyJ' }
    } as unknown as PlaygroundConfig);
    const saved = storage.items.get(CONFIG_STORAGE_KEY) ?? '';
    expect(saved).not.toContain('hunter2');
    expect(Object.keys(JSON.parse(saved) as object)).toEqual([
      'region',
      'userPoolId',
      'clientId',
      'domain',
      'identityPoolId',
      'endpoint',
      'idpIssuer',
      'idpClientId'
    ]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['null', 'null'],
    ['an array', '["eu-west-1"]'],
    ['a string', '"eu-west-1"'],
    ['a number', '42'],
    ['no known field', '{"foo":"bar"}'],
    ['only wrong types', '{"region":5,"userPoolId":{"a":1}}'],
    ['huge', JSON.stringify({ region: 'x'.repeat(20000) })]
  ])('returns null for garbage: %s', (_name, raw) => {
    const storage = new FakeStorage();
    storage.items.set(CONFIG_STORAGE_KEY, raw);
    expect(loadConfig(storage)).toBeNull();
  });

  it('keeps the usable fields of a partly broken record', () => {
    const storage = new FakeStorage();
    storage.items.set(CONFIG_STORAGE_KEY, JSON.stringify({ region: 'eu-west-1', clientId: 7, extra: 'x' }));
    expect(loadConfig(storage)).toEqual({ region: 'eu-west-1' });
  });

  it('returns null when the storage itself throws (disabled storage)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      }
    };
    expect(loadConfig(throwing)).toBeNull();
  });
});

describe('describeTarget', () => {
  it('tells the sandbox, AWS and a custom endpoint apart', () => {
    expect(describeTarget(SANDBOX)).toEqual({
      kind: 'sandbox',
      label: 'Local sandbox at http://127.0.0.1:9229'
    });
    expect(describeTarget({ ...SANDBOX, endpoint: 'http://localhost:9229/' })).toEqual({
      kind: 'sandbox',
      label: 'Local sandbox at http://localhost:9229'
    });
    expect(describeTarget(AWS)).toEqual({ kind: 'aws', label: 'AWS, region eu-west-1' });
    expect(describeTarget({ ...AWS, region: '' })).toEqual({ kind: 'aws', label: 'AWS (no region set)' });
    expect(describeTarget({ ...AWS, endpoint: 'https://cognito.example.com' })).toEqual({
      kind: 'custom',
      label: 'Custom endpoint https://cognito.example.com'
    });
    expect(describeTarget({ ...AWS, endpoint: 'not a url' })).toEqual({
      kind: 'custom',
      label: 'Custom endpoint not a url'
    });
  });

  it('isLoopbackUrl knows the loopback hosts', () => {
    expect(isLoopbackUrl('http://127.0.0.1:9229')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:9229')).toBe(true);
    expect(isLoopbackUrl('https://example.com')).toBe(false);
    expect(isLoopbackUrl('garbage')).toBe(false);
  });
});

describe('an outside OpenID provider for identity pool federation (idpIssuer, idpClientId)', () => {
  const fields = (config: PlaygroundConfig) => validateConfig(config).map((p) => [p.field, p.code]);
  it('accepts both unset, an https issuer with its client, and the sandbox IdP on loopback', () => {
    expect(
      validateConfig({
        ...AWS,
        idpIssuer: 'https://accounts.google.com',
        idpClientId: '1234-abc.apps.googleusercontent.com'
      })
    ).toEqual([]);
    expect(
      validateConfig({ ...AWS, idpIssuer: 'https://example.eu.auth0.com/', idpClientId: 'aBcD1234' })
    ).toEqual([]);
    expect(validateConfig(SANDBOX)).toEqual([]);
  });
  it('asks for the other field when only one is set', () => {
    expect(fields({ ...AWS, idpIssuer: 'https://accounts.google.com' })).toEqual([
      ['idpClientId', 'ERR_INPUT_EMPTY']
    ]);
    expect(fields({ ...AWS, idpClientId: 'abc' })).toEqual([['idpIssuer', 'ERR_INPUT_EMPTY']]);
  });
  it('explains a discovery address, a bare host, plain http off this machine and a user pool issuer', () => {
    const discovery = validateConfig({
      ...AWS,
      idpIssuer: 'https://accounts.google.com/.well-known/openid-configuration',
      idpClientId: 'x'
    })[0];
    expect(discovery).toMatchObject({
      field: 'idpIssuer',
      code: 'ERR_IDP_ISSUER_IS_DISCOVERY',
      suggestion: 'https://accounts.google.com'
    });
    expect(validateConfig({ ...AWS, idpIssuer: 'accounts.google.com', idpClientId: 'x' })[0]).toMatchObject({
      code: 'ERR_IDP_ISSUER_NOT_URL',
      suggestion: 'https://accounts.google.com'
    });
    expect(fields({ ...AWS, idpIssuer: 'http://idp.example.com', idpClientId: 'x' })).toEqual([
      ['idpIssuer', 'ERR_IDP_ISSUER_NOT_HTTPS']
    ]);
    expect(
      fields({
        ...AWS,
        idpIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz',
        idpClientId: 'x'
      })
    ).toEqual([['idpIssuer', 'ERR_IDP_ISSUER_IS_USER_POOL']]);
    expect(
      validateConfig({ ...AWS, idpIssuer: 'https://idp.example.com/?tenant=1', idpClientId: 'x' })[0]
    ).toMatchObject({
      code: 'ERR_IDP_ISSUER_EXTRA',
      suggestion: 'https://idp.example.com'
    });
  });
  it('explains a URL or a sentence typed as the client id', () => {
    expect(
      validateConfig({
        ...AWS,
        idpIssuer: 'https://accounts.google.com',
        idpClientId: 'https://accounts.google.com'
      })[0]
    ).toMatchObject({
      field: 'idpClientId',
      code: 'ERR_IDP_CLIENT_ID_IS_URL',
      moveTo: 'idpIssuer'
    });
    expect(fields({ ...AWS, idpIssuer: 'https://accounts.google.com', idpClientId: 'my client' })).toEqual([
      ['idpClientId', 'ERR_IDP_CLIENT_ID_FORMAT']
    ]);
  });
  it('travels in a share link like the other fields', () => {
    const config = { ...AWS, idpIssuer: 'https://accounts.google.com', idpClientId: 'abc' };
    expect(configFromParams(configToParams(config))).toMatchObject({
      idpIssuer: 'https://accounts.google.com',
      idpClientId: 'abc'
    });
  });
});
