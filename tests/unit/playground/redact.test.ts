import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRedacted,
  redact,
  redactedMarker,
  redactForm,
  redactHeaders,
  redactionKindOf,
  redactJwts,
  redactText,
  redactUrl,
  truncateSecret
} from '../../../src/lib/playground/redact';
import { expectNoneOf, fakeJwe, fakeJwt } from './fake-tokens';

const SECRET_64 = 'a'.repeat(64);

describe('marker helpers', () => {
  it('formats the marker with the hidden length', () => {
    expect(redactedMarker(64)).toBe('«redacted: 64 chars»');
    expect(redactedMarker(1)).toBe('«redacted: 1 char»');
    expect(redactedMarker(0)).toBe('«redacted: 0 chars»');
    expect(redactedMarker()).toBe('«redacted»');
    expect(redactedMarker(Number.NaN)).toBe('«redacted»');
  });

  it('truncates to the visible prefix and counts the hidden characters', () => {
    const jwt = fakeJwt();
    expect(truncateSecret(jwt, 10)).toBe(`${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`);
    expect(truncateSecret('ASIAEXAMPLEEXAMPLE12', 4)).toBe('ASIA…«redacted: 16 chars»');
  });

  it('hides a value whole when it is too short to show a prefix safely', () => {
    expect(truncateSecret('short-token', 10)).toBe('«redacted: 11 chars»');
    expect(truncateSecret('x'.repeat(20), 10)).toBe('«redacted: 20 chars»');
    expect(truncateSecret('x'.repeat(21), 10)).toBe('xxxxxxxxxx…«redacted: 11 chars»');
  });

  it('recognises redacted values', () => {
    expect(isRedacted('«redacted: 64 chars»')).toBe(true);
    expect(isRedacted('«redacted»')).toBe(true);
    expect(isRedacted('eyJraWQiOi…«redacted: 900 chars»')).toBe(true);
    expect(isRedacted('alice')).toBe(false);
    expect(isRedacted('«redacted')).toBe(false);
    expect(isRedacted(42)).toBe(false);
    expect(isRedacted(null)).toBe(false);
  });

  it('classifies key names case-insensitively, ignoring _ and -', () => {
    expect(redactionKindOf('PASSWORD')).toBe('secret');
    expect(redactionKindOf('secret-hash')).toBe('secret');
    expect(redactionKindOf('Session')).toBe('secret');
    expect(redactionKindOf('SessionToken')).toBe('token');
    expect(redactionKindOf('ID_TOKEN')).toBe('token');
    expect(redactionKindOf('Authorization')).toBe('authorization');
    expect(redactionKindOf('accessKeyId')).toBe('accessKeyId');
    expect(redactionKindOf('USERNAME')).toBeNull();
    expect(redactionKindOf('state')).toBeNull();
    expect(redactionKindOf('Expiration')).toBeNull();
  });
});

describe('redact', () => {
  it.each([
    'PASSWORD',
    'NEW_PASSWORD',
    'Password',
    'PreviousPassword',
    'ProposedPassword',
    'SECRET_HASH',
    'SecretHash',
    'ClientSecret',
    'client_secret',
    'SecretKey',
    'SecretAccessKey',
    'SecretCode',
    'ConfirmationCode',
    'code',
    'code_verifier',
    'USER_CODE',
    'UserCode',
    'SMS_MFA_CODE',
    'SOFTWARE_TOKEN_MFA_CODE',
    'EMAIL_OTP_CODE',
    'ANSWER',
    'PASSWORD_CLAIM_SIGNATURE',
    'PASSWORD_CLAIM_SECRET_BLOCK',
    'SECRET_BLOCK',
    'SRP_A',
    'SRP_B',
    'SALT',
    'Session'
  ])('replaces %s whole, at any depth', (key) => {
    const input = { [key]: SECRET_64, Nested: { Deeper: [{ [key]: SECRET_64 }] } };
    expect(redact(input)).toEqual({
      [key]: '«redacted: 64 chars»',
      Nested: { Deeper: [{ [key]: '«redacted: 64 chars»' }] }
    });
  });

  it.each([
    'IdToken',
    'AccessToken',
    'RefreshToken',
    'Token',
    'id_token',
    'access_token',
    'refresh_token',
    'SessionToken',
    'WebIdentityToken'
  ])('truncates %s to its first 10 characters', (key) => {
    const jwt = fakeJwt();
    expect(redact({ [key]: jwt })).toEqual({
      [key]: `${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`
    });
  });

  it('truncates the values of Logins, keeping the provider names', () => {
    const jwt = fakeJwt();
    const provider = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_67v371xWw';
    expect(
      redact({
        IdentityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666',
        Logins: { [provider]: jwt }
      })
    ).toEqual({
      IdentityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666',
      Logins: { [provider]: `${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»` }
    });
  });

  it('keeps the first 4 characters of an AccessKeyId and hides the rest of the credentials', () => {
    const sessionToken = 'IQoJb3JpZ2luX2VjEA'.repeat(20);
    const out = redact({
      IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLEEXAMPLE12',
        SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        SessionToken: sessionToken,
        Expiration: 1700003600
      }
    });
    expect(out).toEqual({
      IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
      Credentials: {
        AccessKeyId: 'ASIA…«redacted: 16 chars»',
        SecretKey: '«redacted: 40 chars»',
        SessionToken: `IQoJb3JpZ2…«redacted: ${sessionToken.length - 10} chars»`,
        Expiration: 1700003600
      }
    });
  });

  it('keeps the scheme of an Authorization value and hides Basic credentials whole', () => {
    const jwt = fakeJwt();
    expect(redact({ Authorization: `Bearer ${jwt}` })).toEqual({
      Authorization: `Bearer ${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`
    });
    expect(redact({ authorization: 'Basic bXljbGllbnQ6bXlzZWNyZXQ=' })).toEqual({
      authorization: 'Basic «redacted: 24 chars»'
    });
  });

  it('redacts numbers under secret names and leaves other values alone', () => {
    expect(
      redact({ code: 123456, ConfirmationCode: '123456', USERNAME: 'alice', flag: true, none: null })
    ).toEqual({
      code: '«redacted: 6 chars»',
      ConfirmationCode: '«redacted: 6 chars»',
      USERNAME: 'alice',
      flag: true,
      none: null
    });
  });

  it('hides objects and arrays under a secret name leaf by leaf', () => {
    expect(redact({ Session: { a: 'xyz', b: ['12'] } })).toEqual({
      Session: { a: '«redacted: 3 chars»', b: ['«redacted: 2 chars»'] }
    });
  });

  it('truncates JWTs under any other name', () => {
    const jwt = fakeJwt();
    const out = redact({ message: `token ${jwt} rejected`, list: [jwt] }) as {
      message: string;
      list: string[];
    };
    expect(out.message).not.toContain(jwt);
    expect(out.message).toContain(`token ${jwt.slice(0, 10)}…«redacted`);
    expect(out.list[0]).toBe(`${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`);
  });

  it('is idempotent: redacting twice changes nothing', () => {
    const once = redact({
      PASSWORD: 'hunter2hunter2',
      IdToken: fakeJwt(),
      AccessKeyId: 'ASIAEXAMPLEEXAMPLE12'
    });
    expect(redact(once)).toEqual(once);
  });

  it('does not modify its input', () => {
    const input = { AuthParameters: { PASSWORD: 'secret-password' } };
    redact(input);
    expect(input.AuthParameters.PASSWORD).toBe('secret-password');
  });

  it('survives cycles, dates, functions and a __proto__ key', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ name: 'x', self: '«circular»' });
    expect(redact({ at: new Date(0), fn: () => 1 })).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    const parsed = redact(JSON.parse('{"__proto__":{"PASSWORD":"p4ssw0rd"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({
      PASSWORD: '«redacted: 8 chars»'
    });
  });

  it('returns primitives as they are', () => {
    expect(redact('plain')).toBe('plain');
    expect(redact(3)).toBe(3);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
  });
});

describe('an SRP sign-in, request and response, leaves no secret behind', () => {
  const srpA = 'f'.repeat(768);
  const srpB = 'e'.repeat(768);
  const salt = '9a8b7c6d5e4f3a2b1c0d';
  const secretBlock = 'AgV4' + 'Q'.repeat(1200);
  const signature = 'Zm9vYmFyYmF6cXV4c2lnbmF0dXJlMTIzNDU2Nzg5MA==';
  const session = 'AYABe' + 'S'.repeat(900);
  const idToken = fakeJwt(
    { sub: 'eb77cae8', token_use: 'id', email: 'alice@example.com' },
    'aWQtdG9rZW4tc2lnbmF0dXJlLXZhbHVlLWxvbmc'
  );
  const accessToken = fakeJwt(
    { sub: 'eb77cae8', token_use: 'access' },
    'YWNjZXNzLXRva2VuLXNpZ25hdHVyZS12YWx1ZQ'
  );
  const refreshToken = fakeJwe();
  const secretHash = 'c2VjcmV0LWhhc2gtdmFsdWUtYmFzZTY0LWVuY29kZWQ=';
  const exchange = [
    {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
      AuthParameters: { USERNAME: 'alice', SRP_A: srpA, SECRET_HASH: secretHash }
    },
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: salt,
        SRP_B: srpB,
        SECRET_BLOCK: secretBlock,
        USER_ID_FOR_SRP: 'alice',
        USERNAME: 'alice'
      },
      Session: session
    },
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: 'l2vncrxu1rw37fa8zaozr7d3rh',
      ChallengeResponses: {
        USERNAME: 'alice',
        PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: 'Tue Nov 14 22:13:20 UTC 2023',
        SECRET_HASH: secretHash
      },
      Session: session
    },
    {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: accessToken,
        ExpiresIn: 3600,
        IdToken: idToken,
        RefreshToken: refreshToken,
        TokenType: 'Bearer'
      }
    }
  ];
  const secrets = [
    srpA,
    srpB,
    salt,
    secretBlock,
    signature,
    session,
    idToken,
    accessToken,
    refreshToken,
    secretHash
  ];

  it('through redact()', () => {
    const text = JSON.stringify(exchange.map((body) => redact(body)));
    expect(expectNoneOf(text, secrets)).toEqual([]);
    expect(text).toContain('"USERNAME":"alice"');
    expect(text).toContain('"TIMESTAMP":"Tue Nov 14 22:13:20 UTC 2023"');
  });

  it('through redactText() on the raw bodies', () => {
    const text = exchange
      .map((body) => redactText(JSON.stringify(body), 'application/x-amz-json-1.1'))
      .join('\n');
    expect(expectNoneOf(text, secrets)).toEqual([]);
    // No 8-character run of any secret survives either (the visible token prefix is the JWT header).
    for (const secret of [srpA, srpB, secretBlock, signature, session]) {
      expect(text).not.toContain(secret.slice(-12));
    }
  });

  it('through a USER_PASSWORD_AUTH and NEW_PASSWORD_REQUIRED exchange too', () => {
    const bodies = [
      { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' } },
      {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'N3w-Passw0rd!!' },
        Session: session
      },
      { AccessToken: accessToken, PreviousPassword: 'Alice-Passw0rd!', ProposedPassword: 'Alice-Passw0rd!2' }
    ];
    const text = bodies
      .map((body) => redactText(JSON.stringify(body), 'application/x-amz-json-1.1'))
      .join('\n');
    expect(expectNoneOf(text, ['Alice-Passw0rd!', 'N3w-Passw0rd!!', session, accessToken])).toEqual([]);
  });
});

describe('redactText', () => {
  it('pretty-prints redacted JSON with 2 spaces', () => {
    expect(
      redactText('{"AuthParameters":{"USERNAME":"alice","PASSWORD":"x"}}', 'application/x-amz-json-1.1')
    ).toBe(
      '{\n  "AuthParameters": {\n    "USERNAME": "alice",\n    "PASSWORD": "«redacted: 1 char»"\n  }\n}'
    );
  });

  it('recognises JSON without a content type, and JSON arrays', () => {
    expect(redactText('[{"code":"123456"}]')).toBe('[\n  {\n    "code": "«redacted: 6 chars»"\n  }\n]');
  });

  it('redacts an /oauth2/token form by parameter name, keeping the others as sent', () => {
    const jwt = fakeJwt();
    expect(
      redactText(
        'grant_type=authorization_code&client_id=abc&code=9f1c2e3d&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fplayground%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
        'application/x-www-form-urlencoded;charset=UTF-8'
      )
    ).toBe(
      'grant_type=authorization_code&client_id=abc&code=«redacted: 8 chars»&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fplayground%2Fcallback&code_verifier=«redacted: 43 chars»'
    );
    expect(
      redactText(`grant_type=refresh_token&refresh_token=${jwt}`, 'application/x-www-form-urlencoded')
    ).toBe(`grant_type=refresh_token&refresh_token=${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`);
  });

  it('redacts an STS query body (AssumeRoleWithWebIdentity)', () => {
    const jwt = fakeJwt();
    const out = redactText(
      `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FLensEditors&RoleSessionName=lens&WebIdentityToken=${jwt}`,
      'application/x-www-form-urlencoded'
    );
    expect(out).not.toContain(jwt);
    expect(out).toContain('RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FLensEditors');
    expect(new URLSearchParams(out).get('WebIdentityToken')).toBe(
      `${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`
    );
  });

  it('redacts an STS XML answer', () => {
    const xml =
      '<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>' +
      '<AccessKeyId>ASIAEXAMPLEEXAMPLE12</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>' +
      '<SessionToken>IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQ</SessionToken><Expiration>2023-11-14T23:13:20Z</Expiration>' +
      '</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>';
    const out = redactText(xml, 'text/xml');
    expect(out).toContain('<AccessKeyId>ASIA…«redacted: 16 chars»</AccessKeyId>');
    expect(out).toContain('<SecretAccessKey>«redacted: 40 chars»</SecretAccessKey>');
    expect(out).toContain('<SessionToken>IQoJb3JpZ2…«redacted: 32 chars»</SessionToken>');
    expect(out).toContain('<Expiration>2023-11-14T23:13:20Z</Expiration>');
  });

  it('keeps the error code of an STS XML error', () => {
    const xml =
      '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>';
    expect(redactText(xml, 'text/xml')).toBe(xml);
  });

  it('redacts a URL: code and tokens in the query and the fragment, state kept', () => {
    const jwt = fakeJwt();
    expect(redactText('http://localhost:5173/playground/callback?code=9f1c2e3d&state=abc123')).toBe(
      'http://localhost:5173/playground/callback?code=«redacted: 8 chars»&state=abc123'
    );
    const implicit = redactText(
      `https://app.example.com/cb#id_token=${jwt}&access_token=${jwt}&state=s1&token_type=Bearer`
    );
    expect(implicit).not.toContain(jwt);
    expect(implicit).toContain('&state=s1&token_type=Bearer');
  });

  it('redacts secrets in loose text: JSON fragments, query strings, JWTs', () => {
    const jwt = fakeJwt();
    const out = redactText(
      `Invalid request {"PASSWORD": "hunter2!"} at /cb?code=abcdef&x=1 with ${jwt}`,
      'text/plain'
    );
    expect(out).toBe(
      `Invalid request {"PASSWORD": "«redacted: 8 chars»"} at /cb?code=«redacted: 6 chars»&x=1 with ${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`
    );
  });

  it('falls back to the text rules on broken JSON', () => {
    const out = redactText('{"PASSWORD":"hunter2!", oops', 'application/json');
    expect(out).toBe('{"PASSWORD":"«redacted: 8 chars»", oops');
  });

  it('truncates a JWE (five parts) like a JWT', () => {
    const jwe = fakeJwe();
    expect(redactJwts(`refresh ${jwe}.`)).toBe(
      `refresh ${jwe.slice(0, 10)}…«redacted: ${jwe.length - 9} chars»`
    );
  });

  it('returns an empty string for a non-string', () => {
    expect(redactText(undefined as unknown as string)).toBe('');
    expect(redactText('')).toBe('');
  });

  const base64url = fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    minLength: 20,
    maxLength: 80
  });
  const jwtArbitrary = fc
    .tuple(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
      base64url
    )
    .map(([claims, signature]) => ({ jwt: fakeJwt(claims, signature), signature }));
  const contentType = fc.constantFrom(
    undefined,
    'application/json',
    'application/x-amz-json-1.1',
    'application/x-www-form-urlencoded',
    'text/plain',
    'text/xml',
    'text/html'
  );

  it('never throws and never lets a JWT from its input through (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        jwtArbitrary,
        fc.string(),
        contentType,
        fc.constantFrom('raw', 'json', 'form', 'url'),
        (before, { jwt, signature }, after, type, shape) => {
          const text =
            shape === 'json'
              ? JSON.stringify({ [before]: `${jwt}${after}`, note: after })
              : shape === 'form'
                ? `${encodeURIComponent(before)}=${jwt}&x=${encodeURIComponent(after)}`
                : shape === 'url'
                  ? `https://example.com/${encodeURIComponent(before)}?t=${jwt}#${encodeURIComponent(after)}`
                  : `${before}${jwt}${after}`;
          const out = redactText(text, type);
          expect(typeof out).toBe('string');
          expect(out).not.toContain(jwt);
          expect(out).not.toContain(signature);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), contentType, (text, type) => {
        expect(typeof redactText(text, type)).toBe('string');
      }),
      { numRuns: 500 }
    );
  });
});

describe('redactForm and redactUrl', () => {
  it('keep parameters without a value and odd encodings', () => {
    expect(redactForm('a&b=%ZZ&password=%E0%A4%A')).toBe('a&b=%ZZ&password=«redacted: 8 chars»');
  });

  it('redacts a password in the user-info part of a URL', () => {
    expect(redactUrl('https://user:hunter2@example.com/path?q=1')).toBe(
      'https://user:«redacted: 7 chars»@example.com/path?q=1'
    );
  });

  it('leaves a URL without secrets unchanged', () => {
    const url =
      'https://x.auth.us-east-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=abc&state=s&code_challenge=E9Mel';
    expect(redactUrl(url)).toBe(url);
  });
});

describe('redactHeaders', () => {
  it('redacts authorization, the security token and cookies, and keeps the rest', () => {
    const jwt = fakeJwt();
    const sessionToken = 'IQoJb3JpZ2luX2VjEAoaCXVzLWVhc3QtMSJHMEUCIQ';
    expect(
      redactHeaders({
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
        Authorization: `Bearer ${jwt}`,
        'X-Amz-Security-Token': sessionToken,
        cookie: 'XSRF-TOKEN=abc; cognito=xyz',
        'x-amz-date': '20231114T221320Z'
      })
    ).toEqual({
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
      Authorization: `Bearer ${jwt.slice(0, 10)}…«redacted: ${jwt.length - 10} chars»`,
      'X-Amz-Security-Token': `IQoJb3JpZ2…«redacted: ${sessionToken.length - 10} chars»`,
      cookie: '«redacted: 27 chars»',
      'x-amz-date': '20231114T221320Z'
    });
  });

  it('hides the access key id inside an AWS signature', () => {
    const out = redactHeaders({
      authorization:
        'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE12/20231114/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123456789'
    });
    expect(out.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential…«redacted: \d+ chars»$/);
    expect(out.authorization).not.toContain('ASIAEXAMPLE');
  });

  it('tolerates garbage', () => {
    expect(redactHeaders(null as unknown as Record<string, string>)).toEqual({});
    expect(redactHeaders({ n: 5 as unknown as string })).toEqual({ n: '5' });
  });
});

describe('redact: a request carried as text inside JSON (the sandbox event feed)', () => {
  it('hides the secret parameters of a form body or a redirect URL held in a string', () => {
    const event = {
      kind: 'idp-code-redeemed',
      request: {
        url: 'http://127.0.0.1:9229/oauth2/idpresponse?code=abc123&state=s1',
        body: 'grant_type=authorization_code&code=abc123&client_secret=shh-secret'
      }
    };
    const shown = JSON.stringify(redact(event));
    expect(shown).not.toContain('abc123');
    expect(shown).not.toContain('shh-secret');
    expect(shown).toContain('state=s1');
    expect(shown).toContain('grant_type=authorization_code');
  });
});
