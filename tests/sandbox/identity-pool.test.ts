// Issue 3, behaviour 5: identity pools (AWSCognitoIdentityService) with the official SDK client.
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand
} from '@aws-sdk/client-cognito-identity';
import { GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKeys } from '../../sandbox/lib/keys.js';
import { createTokens } from '../../sandbox/lib/tokens.js';
import {
  createConfirmedUser,
  endpoint,
  expectAwsError,
  identityClient,
  loginKey,
  preset,
  roleArn,
  seedUser,
  signInWithPassword,
  stsClient,
  userPoolClient,
  type PoolKey
} from './support';

const pools = preset.identityPools;
const identity = identityClient();
const logins = (idToken: string) => ({ [loginKey]: idToken });
const getId = (pool: PoolKey, idToken?: string) =>
  identity.send(
    new GetIdCommand({ IdentityPoolId: pools[pool].id, Logins: idToken ? logins(idToken) : undefined })
  );

async function credentialsFor(pool: PoolKey, idToken?: string, CustomRoleArn?: string) {
  const { IdentityId } = await getId(pool, idToken);
  return identity.send(
    new GetCredentialsForIdentityCommand({
      IdentityId,
      Logins: idToken ? logins(idToken) : undefined,
      CustomRoleArn
    })
  );
}

/** The role behind a set of credentials, as STS reports it. */
async function assumedRole(pool: PoolKey, idToken?: string, customRoleArn?: string) {
  const { Credentials } = await credentialsFor(pool, idToken, customRoleArn);
  const caller = await stsClient({
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretKey ?? '',
    sessionToken: Credentials?.SessionToken
  }).send(new GetCallerIdentityCommand({}));
  return caller.Arn;
}

const assumedRoleArn = (role: keyof typeof preset.roles) =>
  `arn:aws:sts::${preset.accountId}:assumed-role/${roleArn(role).split('/')[1]}/CognitoIdentityCredentials`;

/** An id token for the web client signed with the sandbox's own key, but minted by a clock or issuer of our choice. */
async function mintIdToken(options: { issuerBase?: string; secondsAgo?: number }) {
  const alice = seedUser('alice');
  const tokens = createTokens({
    keys: loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url)),
    issuerBase: options.issuerBase ?? endpoint,
    now: () => Math.floor(Date.now() / 1000) - (options.secondsAgo ?? 0)
  });
  const { IdToken } = await tokens.issue({
    user: {
      Username: 'alice',
      Attributes: Object.entries(alice.attributes).map(([Name, Value]) => ({ Name, Value }))
    },
    client: { ClientId: preset.clients.web.id, UserPoolId: preset.userPoolId },
    groups: [],
    session: tokens.newSession()
  });
  return IdToken;
}

describe('signed-in identities', () => {
  let alice: Awaited<ReturnType<typeof signInWithPassword>>;
  let erin: Awaited<ReturnType<typeof signInWithPassword>>;

  beforeAll(async () => {
    [alice, erin] = await Promise.all([
      signInWithPassword('alice', seedUser('alice').password),
      signInWithPassword('erin', seedUser('erin').password)
    ]);
  });

  it('GetId returns a stable region:guid per user and pool', async () => {
    const again = await signInWithPassword('alice', seedUser('alice').password);
    const [first, second, other, members] = await Promise.all([
      getId('guests', alice.IdToken),
      getId('guests', again.IdToken),
      getId('guests', erin.IdToken),
      getId('noGuests', alice.IdToken)
    ]);
    expect(first.IdentityId).toMatch(
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    expect(second.IdentityId).toBe(first.IdentityId);
    expect(other.IdentityId).not.toBe(first.IdentityId);
    expect(members.IdentityId).not.toBe(first.IdentityId);
  });

  it('GetCredentialsForIdentity returns ASIA credentials that expire in an hour', async () => {
    const { IdentityId, Credentials } = await credentialsFor('guests', alice.IdToken);
    expect(IdentityId).toMatch(/^us-east-1:/);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretKey).toHaveLength(40);
    expect(Credentials?.SessionToken?.length).toBeGreaterThan(100);
    const lifetime = (Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(3540_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it("picks the role the pool's rules choose", async () => {
    // guests: role from the token (cognito:preferred_role), else the default authenticated role.
    expect(await assumedRole('guests', alice.IdToken)).toBe(assumedRoleArn('editors'));
    expect(await assumedRole('guests', erin.IdToken)).toBe(assumedRoleArn('authenticated'));
    expect(await assumedRole('guests', alice.IdToken, roleArn('readers'))).toBe(assumedRoleArn('readers'));
    // noGuests: always the default authenticated role.
    expect(await assumedRole('noGuests', alice.IdToken)).toBe(assumedRoleArn('authenticated'));
  });

  it("refuses another user's token for an identity", async () => {
    const { IdentityId } = await getId('guests', alice.IdToken);
    await expectAwsError(
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(erin.IdToken) })),
      'NotAuthorizedException',
      "Logins don't match. Please include at least one valid login for this identity or identity pool."
    );
  });

  it("GetOpenIdToken returns a token that verifies against the identity issuer's JWKS", async () => {
    const { IdentityId } = await getId('guests', alice.IdToken);
    const { Token } = await identity.send(
      new GetOpenIdTokenCommand({ IdentityId, Logins: logins(alice.IdToken) })
    );
    const identityIssuer = `${endpoint}/cognito-identity`;
    const keys = createRemoteJWKSet(new URL(`${identityIssuer}/.well-known/jwks_uri`));
    const { payload } = await jwtVerify(Token ?? '', keys, {
      issuer: identityIssuer,
      audience: pools.guests.id
    });
    expect(payload.sub).toBe(IdentityId);
    expect(payload.amr).toEqual([
      'authenticated',
      `cognito-idp.${preset.region}.amazonaws.com`,
      `${loginKey}:CognitoSignIn:${seedUser('alice').attributes.sub}`
    ]);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
  });

  it('GetOpenIdToken is refused where the basic flow is off', async () => {
    const { IdentityId } = await getId('noGuests', alice.IdToken);
    await expectAwsError(
      identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(alice.IdToken) })),
      'InvalidParameterException',
      'Basic (classic) flow is not enabled, please use enhanced flow.'
    );
  });
});

describe('guests', () => {
  it('get an identity and the unauthenticated role where the pool allows them', async () => {
    const { IdentityId } = await getId('guests');
    expect(IdentityId).toMatch(/^us-east-1:/);
    expect(await assumedRole('guests')).toBe(assumedRoleArn('guest'));
  });

  it('are refused where the pool does not allow them', async () => {
    await expectAwsError(
      getId('noGuests'),
      'NotAuthorizedException',
      'Unauthenticated access is not supported for this identity pool.'
    );
  });
});

describe('login tokens are really checked', () => {
  it('refuses a token from another issuer', async () => {
    await expectAwsError(
      getId('guests', await mintIdToken({ issuerBase: 'http://127.0.0.1:1' })),
      'NotAuthorizedException',
      "Invalid login token. Issuer doesn't match providerName"
    );
  });

  it('refuses a token of a client the identity pool does not trust', async () => {
    const { IdToken } = await signInWithPassword('alice', seedUser('alice').password, 'withSecret');
    await expectAwsError(
      getId('guests', IdToken),
      'NotAuthorizedException',
      'Token is not from a supported provider of this identity pool.'
    );
  });

  it('refuses an expired id token', async () => {
    const expired = await mintIdToken({ secondsAgo: 7200 });
    const error = getId('guests', expired);
    await expectAwsError(
      error,
      'NotAuthorizedException',
      /^Invalid login token\. Token expired: (\d+) >= (\d+)$/
    );
    const exp = Number(decodeJwt(expired).exp);
    await expectAwsError(getId('guests', expired), 'NotAuthorizedException', new RegExp(`>= ${exp}$`));
  });

  it('refuses an access token', async () => {
    const { AccessToken } = await signInWithPassword('alice', seedUser('alice').password);
    await expectAwsError(
      getId('guests', AccessToken),
      'NotAuthorizedException',
      'Invalid login token. Missing a required claim: aud'
    );
  });

  it('refuses a token whose signature does not verify', async () => {
    const { IdToken } = await signInWithPassword('alice', seedUser('alice').password);
    const [header, , signature] = IdToken.split('.');
    const changed = Buffer.from(
      JSON.stringify({ ...decodeJwt(IdToken), 'cognito:username': 'erin' })
    ).toString('base64url');
    await expectAwsError(
      getId('guests', `${header}.${changed}.${signature}`),
      'NotAuthorizedException',
      "Invalid login token. Couldn't verify signed token."
    );
  });

  it('checks sign-out server side where the pool asks for it (ServerSideTokenCheck)', async () => {
    const { username, password } = await createConfirmedUser('signed-out');
    const { IdToken, AccessToken } = await signInWithPassword(username, password);
    const { IdentityId } = await getId('noGuests', IdToken);
    await userPoolClient().send(new GlobalSignOutCommand({ AccessToken }));
    await expectAwsError(
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(IdToken) })),
      'NotAuthorizedException'
    );
    // The guests pool does not check server side: the still-unexpired token works there.
    await expect(getId('guests', IdToken)).resolves.toHaveProperty('IdentityId');
  });
});
