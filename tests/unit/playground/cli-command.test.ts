import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  placeholderFor,
  shellQuote,
  toCliCommand,
  toCliOperationName
} from '../../../src/lib/playground/cli-command';
import { createTracedFetch, type TraceEntry } from '../../../src/lib/playground/trace';
import { fakeJwt } from './fake-tokens';

const REGION = { region: 'us-east-1' };
const SANDBOX = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229' };
const CLIENT_ID = 'l2vncrxu1rw37fa8zaozr7d3rh';
const POOL = 'us-east-1_67v371xWw';

/** Send a request through the traced fetch (fake network) and return its finished entry. */
async function traced(url: string, init: RequestInit): Promise<TraceEntry> {
  const entries: TraceEntry[] = [];
  const tracedFetch = createTracedFetch({
    fetch: async () => new Response('{}', { headers: { 'content-type': 'application/x-amz-json-1.1' } }),
    now: () => 0,
    onStart: () => undefined,
    onFinish: (entry) => entries.push(entry)
  });
  await tracedFetch(url, init);
  const entry = entries[0];
  if (entry === undefined) throw new Error('no entry');
  return entry;
}

function cognito(
  target: string,
  body: unknown,
  url = 'https://cognito-idp.us-east-1.amazonaws.com/'
): Promise<TraceEntry> {
  return traced(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body)
  });
}

function form(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {}
): Promise<TraceEntry> {
  return traced(url, { method: 'POST', headers, body: new URLSearchParams(params) });
}

describe('toCliCommand: Cognito user pools', () => {
  it('InitiateAuth with a password placeholder, unsigned', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Alice-Passw0rd!' }
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `aws cognito-idp initiate-auth --region us-east-1 --no-sign-request --cli-input-json '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"${CLIENT_ID}","AuthParameters":{"USERNAME":"alice","PASSWORD":"<PASSWORD>"}}'`
    );
  });

  it('adds --endpoint-url for the sandbox', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: 'alice', SRP_A: 'f'.repeat(768) }
    });
    expect(toCliCommand(entry, SANDBOX)).toBe(
      `aws cognito-idp initiate-auth --region us-east-1 --endpoint-url http://127.0.0.1:9229 --no-sign-request --cli-input-json '{"AuthFlow":"USER_SRP_AUTH","ClientId":"${CLIENT_ID}","AuthParameters":{"USERNAME":"alice","SRP_A":"<SRP_A>"}}'`
    );
  });

  it('RespondToAuthChallenge (SRP) with a placeholder for every secret', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: CLIENT_ID,
      ChallengeResponses: {
        USERNAME: 'alice',
        PASSWORD_CLAIM_SECRET_BLOCK: 'Q'.repeat(500),
        PASSWORD_CLAIM_SIGNATURE: 'c2lnbmF0dXJl',
        TIMESTAMP: 'Tue Nov 14 22:13:20 UTC 2023'
      },
      Session: 'S'.repeat(300)
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `aws cognito-idp respond-to-auth-challenge --region us-east-1 --no-sign-request --cli-input-json '{"ChallengeName":"PASSWORD_VERIFIER","ClientId":"${CLIENT_ID}","ChallengeResponses":{"USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"<PASSWORD_CLAIM_SECRET_BLOCK>","PASSWORD_CLAIM_SIGNATURE":"<PASSWORD_CLAIM_SIGNATURE>","TIMESTAMP":"Tue Nov 14 22:13:20 UTC 2023"},"Session":"<Session>"}'`
    );
  });

  it('GlobalSignOut with an access token placeholder', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.GlobalSignOut', {
      AccessToken: fakeJwt()
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `aws cognito-idp global-sign-out --region us-east-1 --no-sign-request --cli-input-json '{"AccessToken":"<AccessToken>"}'`
    );
  });

  it('gives nothing for an operation the catalogue does not list (no guessing whether it is signed)', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.AdminGetUser', {
      UserPoolId: POOL,
      Username: 'alice'
    });
    expect(toCliCommand(entry, REGION)).toBeNull();
  });

  it('quotes a body containing a single quote so the shell gives back the exact JSON', async () => {
    const entry = await cognito('AWSCognitoIdentityProviderService.SignUp', {
      ClientId: CLIENT_ID,
      Username: "o'brien",
      Password: 'x',
      UserAttributes: [{ Name: 'name', Value: "Pat O'Brien $HOME `id`" }]
    });
    const command = toCliCommand(entry, REGION) ?? '';
    const quotedJson = command.slice(command.indexOf('--cli-input-json ') + '--cli-input-json '.length);
    const echoed = execFileSync('sh', ['-c', `printf '%s' ${quotedJson}`], { encoding: 'utf8' });
    expect(JSON.parse(echoed)).toEqual({
      ClientId: CLIENT_ID,
      Username: "o'brien",
      Password: '<Password>',
      UserAttributes: [{ Name: 'name', Value: "Pat O'Brien $HOME `id`" }]
    });
  });

  it('never leaks a raw secret from an entry built by hand (it redacts again)', () => {
    const entry: TraceEntry = {
      id: 1,
      flow: null,
      startedAt: 0,
      durationMs: 1,
      method: 'POST',
      url: 'https://cognito-idp.us-east-1.amazonaws.com/',
      service: 'cognito-idp',
      operation: 'ConfirmSignUp',
      requestHeaders: {},
      requestBody: JSON.stringify({ ClientId: CLIENT_ID, Username: 'newbie', ConfirmationCode: '123456' }),
      status: 200,
      responseBody: '{}',
      error: null
    };
    expect(toCliCommand(entry, REGION)).toBe(
      `aws cognito-idp confirm-sign-up --region us-east-1 --no-sign-request --cli-input-json '{"ClientId":"${CLIENT_ID}","Username":"newbie","ConfirmationCode":"<ConfirmationCode>"}'`
    );
  });
});

describe('toCliCommand: identity pools and STS', () => {
  it('GetId with the Logins map, unsigned', async () => {
    const entry = await cognito(
      'AWSCognitoIdentityService.GetId',
      {
        IdentityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666',
        Logins: { [`cognito-idp.us-east-1.amazonaws.com/${POOL}`]: fakeJwt() }
      },
      'https://cognito-identity.us-east-1.amazonaws.com/'
    );
    expect(toCliCommand(entry, REGION)).toBe(
      `aws cognito-identity get-id --region us-east-1 --no-sign-request --cli-input-json '{"IdentityPoolId":"us-east-1:1a2b3c4d-1111-2222-3333-444455556666","Logins":{"cognito-idp.us-east-1.amazonaws.com/${POOL}":"<IdToken>"}}'`
    );
  });

  it('GetCredentialsForIdentity, and a guest GetId without logins', async () => {
    const credentials = await cognito('AWSCognitoIdentityService.GetCredentialsForIdentity', {
      IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
      Logins: { 'accounts.google.com': fakeJwt() }
    });
    expect(toCliCommand(credentials, SANDBOX)).toBe(
      `aws cognito-identity get-credentials-for-identity --region us-east-1 --endpoint-url http://127.0.0.1:9229 --no-sign-request --cli-input-json '{"IdentityId":"us-east-1:11111111-2222-3333-4444-555555555555","Logins":{"accounts.google.com":"<Token>"}}'`
    );
    const guest = await cognito('AWSCognitoIdentityService.GetId', {
      IdentityPoolId: 'us-east-1:1a2b3c4d-1111-2222-3333-444455556666'
    });
    expect(toCliCommand(guest, REGION)).toBe(
      `aws cognito-identity get-id --region us-east-1 --no-sign-request --cli-input-json '{"IdentityPoolId":"us-east-1:1a2b3c4d-1111-2222-3333-444455556666"}'`
    );
  });

  it('GetCallerIdentity, signed with the temporary credentials as placeholders', async () => {
    const entry = await form(
      'https://sts.us-east-1.amazonaws.com/',
      { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      {
        authorization: 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE12/20231114/us-east-1/sts/aws4_request'
      }
    );
    expect(toCliCommand(entry, REGION)).toBe(
      `AWS_ACCESS_KEY_ID='<AccessKeyId>' AWS_SECRET_ACCESS_KEY='<SecretAccessKey>' AWS_SESSION_TOKEN='<SessionToken>' aws sts get-caller-identity --region us-east-1`
    );
    expect(toCliCommand(entry, SANDBOX)).toBe(
      `AWS_ACCESS_KEY_ID='<AccessKeyId>' AWS_SECRET_ACCESS_KEY='<SecretAccessKey>' AWS_SESSION_TOKEN='<SessionToken>' aws sts get-caller-identity --region us-east-1 --endpoint-url http://127.0.0.1:9229`
    );
  });

  it('AssumeRoleWithWebIdentity, unsigned, with typed parameters', async () => {
    const entry = await form('https://sts.amazonaws.com/', {
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::123456789012:role/LensEditors',
      RoleSessionName: 'cognito-lens',
      WebIdentityToken: fakeJwt(),
      DurationSeconds: '900'
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `aws sts assume-role-with-web-identity --region us-east-1 --no-sign-request --cli-input-json '{"RoleArn":"arn:aws:iam::123456789012:role/LensEditors","RoleSessionName":"cognito-lens","WebIdentityToken":"<WebIdentityToken>","DurationSeconds":900}'`
    );
  });

  it('returns null for STS list parameters it cannot express', async () => {
    const entry = await form('https://sts.amazonaws.com/', {
      Action: 'AssumeRoleWithWebIdentity',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    });
    expect(toCliCommand(entry, REGION)).toBeNull();
  });
});

describe('toCliCommand: curl for OAuth 2.0 and key sets', () => {
  it('POST /oauth2/token with placeholders for the code and the verifier', async () => {
    const entry = await form('https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/token', {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: '9f1c2e3d-aaaa',
      redirect_uri: 'http://localhost:5173/playground/callback',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `curl https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/token --data-urlencode grant_type=authorization_code --data-urlencode client_id=${CLIENT_ID} --data-urlencode 'code=<code>' --data-urlencode redirect_uri=http://localhost:5173/playground/callback --data-urlencode 'code_verifier=<code_verifier>'`
    );
  });

  it('a confidential client: Basic authorization as a placeholder', async () => {
    const entry = await form(
      'http://127.0.0.1:9229/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: fakeJwt() },
      { authorization: 'Basic bXljbGllbnQ6bXlzZWNyZXQ=' }
    );
    expect(toCliCommand(entry, SANDBOX)).toBe(
      `curl http://127.0.0.1:9229/oauth2/token -H 'Authorization: Basic <base64 of client_id:client_secret>' --data-urlencode grant_type=refresh_token --data-urlencode 'refresh_token=<refresh_token>'`
    );
  });

  it('GET /oauth2/userInfo with a bearer placeholder', async () => {
    const entry = await traced('https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/userInfo', {
      headers: { Authorization: `Bearer ${fakeJwt()}` }
    });
    expect(toCliCommand(entry, REGION)).toBe(
      `curl https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/userInfo -H 'Authorization: Bearer <access_token>'`
    );
  });

  it('a key set', async () => {
    const entry = await traced(
      `https://cognito-idp.us-east-1.amazonaws.com/${POOL}/.well-known/jwks.json`,
      {}
    );
    expect(toCliCommand(entry, REGION)).toBe(
      `curl https://cognito-idp.us-east-1.amazonaws.com/${POOL}/.well-known/jwks.json`
    );
  });

  it('a URL whose query carried a secret gets a placeholder in it', async () => {
    const entry = await traced(
      'http://127.0.0.1:9229/oauth2/authorize?client_id=abc&code=secret-code-1&state=s1',
      {}
    );
    expect(toCliCommand(entry, SANDBOX)).toBe(
      `curl 'http://127.0.0.1:9229/oauth2/authorize?client_id=abc&code=<code>&state=s1'`
    );
  });
});

describe('toCliCommand: what it cannot express', () => {
  it('returns null for other services, unreadable bodies and bad input', async () => {
    const other = await traced('https://example.com/api', { method: 'POST', body: 'x' });
    expect(toCliCommand(other, REGION)).toBeNull();
    const broken = {
      ...(await cognito('AWSCognitoIdentityProviderService.GlobalSignOut', {})),
      requestBody: '{oops'
    };
    expect(toCliCommand(broken, REGION)).toBeNull();
    expect(toCliCommand(broken, { region: '' })).toBeNull();
    expect(toCliCommand(null as unknown as TraceEntry, REGION)).toBeNull();
  });

  it('an empty JSON body gives no --cli-input-json', async () => {
    const entry = await cognito('AWSCognitoIdentityService.GetId', {});
    expect(toCliCommand(entry, REGION)).toBe(
      'aws cognito-identity get-id --region us-east-1 --no-sign-request'
    );
  });
});

describe('helpers', () => {
  it('toCliOperationName follows the AWS CLI spelling', () => {
    expect(toCliOperationName('InitiateAuth')).toBe('initiate-auth');
    expect(toCliOperationName('GetCredentialsForIdentity')).toBe('get-credentials-for-identity');
    expect(toCliOperationName('GetOpenIdToken')).toBe('get-open-id-token');
    expect(toCliOperationName('AssumeRoleWithSAML')).toBe('assume-role-with-saml');
    expect(toCliOperationName('SetUserMFAPreference')).toBe('set-user-mfa-preference');
    expect(toCliOperationName('GetCallerIdentity')).toBe('get-caller-identity');
  });

  it('shellQuote leaves safe words alone and survives every special character', () => {
    expect(shellQuote('us-east-1')).toBe('us-east-1');
    expect(shellQuote('http://127.0.0.1:9229')).toBe('http://127.0.0.1:9229');
    expect(shellQuote('')).toBe("''");
    for (const word of ["it's", 'a b', '$(id)', '`id`', '"x"', '<code>', 'a\nb', "''", '\\', '!event']) {
      expect(execFileSync('sh', ['-c', `printf '%s' ${shellQuote(word)}`], { encoding: 'utf8' })).toBe(word);
    }
  });

  it('placeholderFor names the secret', () => {
    expect(placeholderFor('PASSWORD')).toBe('<PASSWORD>');
    expect(placeholderFor(`cognito-idp.us-east-1.amazonaws.com/${POOL}`, 'Logins')).toBe('<IdToken>');
    expect(placeholderFor('graph.facebook.com', 'Logins')).toBe('<Token>');
    expect(placeholderFor('')).toBe('<SECRET>');
  });
});

describe("an outside IdP's token endpoint", () => {
  it('is copied as curl with placeholders for the code and the verifier', () => {
    const command = toCliCommand(
      {
        id: 1,
        flow: 'idp-federation',
        startedAt: 0,
        durationMs: 1,
        method: 'POST',
        url: 'http://127.0.0.1:9230/token',
        service: 'idp',
        operation: 'POST IdP token',
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody:
          'client_id=lens-playground&grant_type=authorization_code&code=«redacted: 43 chars»&code_verifier=«redacted: 43 chars»',
        status: 200,
        responseBody: '{}',
        error: null
      },
      { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229' }
    );
    expect(command).toMatch(/^curl http:\/\/127\.0\.0\.1:9230\/token /);
    expect(command).toContain("'code_verifier=<code_verifier>'");
    expect(command).toContain("'code=<code>'");
    expect(command).not.toContain('redacted');
  });
});
