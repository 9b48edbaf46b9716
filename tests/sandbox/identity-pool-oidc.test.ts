// Identity pool federation for real: the guests identity pool trusts LensIdP directly (an OpenID Connect provider,
// Logins key = its issuer without the scheme: https://docs.aws.amazon.com/cognito/latest/developerguide/open-id.html),
// the AWS SDK sends LensIdP's id token in Logins, and the role comes from the provider's rules
// (https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html).
// Forged tokens are refused with Cognito's NotAuthorizedException "Invalid login token. ..." messages.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand
} from '@aws-sdk/client-cognito-identity';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SignJWT, decodeJwt, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { idp, idpLoginKey, signInAtIdpDirectly } from './federation-support';
import {
  expectAwsError,
  identityClient,
  idpUrl,
  preset,
  roleArn,
  signInWithPassword,
  stsClient
} from './support';

const pool = preset.identityPools.guests;
const identity = identityClient();
const logins = (token: string) => ({ [idpLoginKey]: token });

async function credentials(token: string, CustomRoleArn?: string) {
  const { IdentityId } = await identity.send(
    new GetIdCommand({ IdentityPoolId: pool.id, Logins: logins(token) })
  );
  return identity.send(
    new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins(token), CustomRoleArn })
  );
}

async function roleOf(token: string, customRoleArn?: string) {
  const { Credentials } = await credentials(token, customRoleArn);
  const caller = await stsClient({
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretKey ?? '',
    sessionToken: Credentials?.SessionToken
  }).send(new GetCallerIdentityCommand({}));
  return String(caller.Arn).split('/')[1];
}

const roleName = (role: keyof typeof preset.roles) => roleArn(role).split('/')[1];

// The sandbox's keys are committed (they protect nothing): a test can sign as LensIdP to vary one claim at a time.
const idpKey = JSON.parse(readFileSync(new URL('../../sandbox/seed/keys.json', import.meta.url), 'utf8')).idp;

async function signAsIdp(claims: Record<string, unknown>, key?: CryptoKey | import('node:crypto').KeyObject) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: idpUrl,
    aud: idp.publicClientId,
    sub: 'someone',
    iat: now,
    exp: now + 600,
    ...claims
  })
    .setProtectedHeader({ alg: 'RS256', kid: idpKey.kid })
    .sign(key ?? (await importJWK(idpKey, 'RS256')));
}

describe('the guests identity pool trusts LensIdP directly', () => {
  let samToken = '';
  let aliceToken = '';
  beforeAll(async () => {
    samToken = String((await signInAtIdpDirectly('sam')).id_token);
    aliceToken = String((await signInAtIdpDirectly('alice')).id_token);
  });

  it('trades a real LensIdP id token for credentials; the rules choose the role, in order', async () => {
    expect(decodeJwt(samToken).iss).toBe(idpUrl);
    // department Equals engineering -> editors
    expect(await roleOf(samToken)).toBe(roleName('editors'));
    // email Contains @example.com -> readers (alice's department is sales: the first rule does not match)
    expect(await roleOf(aliceToken)).toBe(roleName('readers'));
    // No rule matches: AmbiguousRoleResolution AuthenticatedRole -> the pool's default authenticated role
    expect(await roleOf(await signAsIdp({ department: 'finance', email: 'x@elsewhere.example' }))).toBe(
      roleName('authenticated')
    );
  });

  it('the same IdP user keeps one identity; GetOpenIdToken names the provider in amr', async () => {
    const first = await identity.send(
      new GetIdCommand({ IdentityPoolId: pool.id, Logins: logins(samToken) })
    );
    const again = await identity.send(
      new GetIdCommand({ IdentityPoolId: pool.id, Logins: logins(samToken) })
    );
    expect(again.IdentityId).toBe(first.IdentityId);
    const { Token } = await identity.send(
      new GetOpenIdTokenCommand({ IdentityId: first.IdentityId, Logins: logins(samToken) })
    );
    expect(decodeJwt(String(Token)).amr).toEqual(expect.arrayContaining(['authenticated', idpLoginKey]));
  });

  it('honours CustomRoleArn only for the role of a matching rule', async () => {
    expect(await roleOf(samToken, roleArn('editors'))).toBe(roleName('editors'));
    await expectAwsError(credentials(samToken, roleArn('readers')), 'InvalidParameterException');
  });

  it("refuses forged tokens: wrong key, wrong issuer, wrong audience, expired, or the user pool's token", async () => {
    const { privateKey: strangerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const getId = (token: string) =>
      identity.send(new GetIdCommand({ IdentityPoolId: pool.id, Logins: logins(token) }));
    await expectAwsError(
      getId(await signAsIdp({ department: 'engineering' }, strangerKey)),
      'NotAuthorizedException',
      "Invalid login token. Couldn't verify signed token."
    );
    await expectAwsError(
      getId(await signAsIdp({ iss: 'http://evil.example' })),
      'NotAuthorizedException',
      "Invalid login token. Issuer doesn't match providerName"
    );
    await expectAwsError(
      getId(await signAsIdp({ aud: idp.poolClient.id })),
      'NotAuthorizedException',
      'Invalid login token. Incorrect token audience.'
    );
    await expectAwsError(
      getId(await signAsIdp({ exp: Math.floor(Date.now() / 1000) - 60 })),
      'NotAuthorizedException',
      /^Invalid login token\. Token expired/
    );
    await expectAwsError(getId('not-a-jwt'), 'NotAuthorizedException', /^Invalid login token\./);
    const { IdToken } = await signInWithPassword('erin', 'Erin-Passw0rd!');
    await expectAwsError(
      getId(IdToken),
      'NotAuthorizedException',
      "Invalid login token. Issuer doesn't match providerName"
    );
  });
});
