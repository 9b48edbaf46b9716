// What real clients (Amplify v6) do with an identity pool, done with the SDK: the Logins key derived from the id
// token's issuer, and a guest identity that signs in.
//   Logins key: "cognito-idp.<region>.amazonaws.com/<poolId>", which is the id token's `iss` without `https://`
//   (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-integrating-user-pools-with-identity-pools.html);
//   the sandbox's issuer is http://127.0.0.1:<port>/<poolId>, so both names must mean the same provider.
//   Guest to signed in: https://docs.aws.amazon.com/cognito/latest/developerguide/switching-identities.html
//   ("Amazon Cognito makes sure that an old identity retains the same unique identifier as the new one").
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand
} from '@aws-sdk/client-cognito-identity';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  expectAwsError,
  identityClient,
  issuer,
  loginKey,
  preset,
  roleArn,
  seedUser,
  signInWithPassword,
  stsClient
} from './support';

const identity = identityClient();
const poolId = preset.identityPools.guests.id;
const schemeless = issuer().replace(/^https?:\/\//, '');

const guestId = async () =>
  (await identity.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId ?? '';

const credentials = (IdentityId: string, Logins?: Record<string, string>) =>
  identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));

async function roleOf(result: Awaited<ReturnType<typeof credentials>>) {
  const { Arn } = await stsClient({
    accessKeyId: result.Credentials?.AccessKeyId ?? '',
    secretAccessKey: result.Credentials?.SecretKey ?? '',
    sessionToken: result.Credentials?.SessionToken
  }).send(new GetCallerIdentityCommand({}));
  return Arn?.split('/')[1];
}

describe('Logins key', () => {
  it("accepts the token's issuer without its scheme as the same provider as cognito-idp.<region>...", async () => {
    const alice = seedUser('alice');
    const { IdToken } = await signInWithPassword(alice.username, alice.password);
    const byIssuer = await identity.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [schemeless]: IdToken } })
    );
    const byName = await identity.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [loginKey]: IdToken } })
    );
    expect(byIssuer.IdentityId).toBe(byName.IdentityId);
    const result = await credentials(byIssuer.IdentityId ?? '', { [schemeless]: IdToken });
    expect(await roleOf(result)).toBe(roleArn('editors').split('/')[1]);
  });

  it('still refuses a provider name that is neither', async () => {
    const alice = seedUser('alice');
    const { IdToken } = await signInWithPassword(alice.username, alice.password);
    await expectAwsError(
      identity.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'localhost:1/us-east-1_x': IdToken } })
      ),
      'NotAuthorizedException'
    );
  });
});

describe('a guest identity that signs in', () => {
  it('keeps its id when the login has no identity yet (linked), and is authenticated from then on', async () => {
    const { username, password } = await createConfirmedUser('upgrade');
    const guest = await guestId();
    expect(await roleOf(await credentials(guest))).toBe('LensGuest');
    const { IdToken } = await signInWithPassword(username, password);
    const upgraded = await credentials(guest, { [loginKey]: IdToken });
    expect(upgraded.IdentityId).toBe(guest);
    expect(await roleOf(upgraded)).toBe('LensAuthenticated');
    // The login now maps to that identity, and the identity no longer serves guests.
    const again = await identity.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [loginKey]: IdToken } })
    );
    expect(again.IdentityId).toBe(guest);
    await expectAwsError(credentials(guest), 'NotAuthorizedException');
  });

  it("answers the user's existing identity when the login already has one (the guest one is merged into it)", async () => {
    const erin = seedUser('erin');
    const { IdToken } = await signInWithPassword(erin.username, erin.password);
    const existing = await identity.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { [loginKey]: IdToken } })
    );
    const guest = await guestId();
    const merged = await credentials(guest, { [loginKey]: IdToken });
    expect(merged.IdentityId).toBe(existing.IdentityId);
    expect(await roleOf(merged)).toBe('LensAuthenticated');
    await expectAwsError(credentials(guest), 'ResourceNotFoundException');
  });

  it('upgrades the same way in the basic flow (GetOpenIdToken): the token is for the guest id, authenticated', async () => {
    const { username, password } = await createConfirmedUser('basic-upgrade');
    const guest = await guestId();
    const { IdToken } = await signInWithPassword(username, password);
    const { IdentityId, Token } = await identity.send(
      new GetOpenIdTokenCommand({ IdentityId: guest, Logins: { [loginKey]: IdToken } })
    );
    expect(IdentityId).toBe(guest);
    const claims = decodeJwt(Token ?? '');
    expect(claims.sub).toBe(guest);
    expect(claims.amr).toContain('authenticated');
  });
});
