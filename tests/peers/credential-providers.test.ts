// @aws-sdk/credential-providers fromCognitoIdentityPool, as an app uses it, with only the Cognito Identity client's
// endpoint changed; the credentials it returns are then used with STS GetCallerIdentity.
//   https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-credential-providers/#fromcognitoidentitypool
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { describe, expect, it } from 'vitest';
import {
  endpoint,
  expectAwsError,
  loginKey,
  preset,
  region,
  seedUser,
  signInWithPassword,
  stsClient
} from '../sandbox/support';

const provider = (logins?: Record<string, string>, pool: keyof typeof preset.identityPools = 'guests') =>
  fromCognitoIdentityPool({
    identityPoolId: preset.identityPools[pool].id,
    // The package's own parameters omit `client`; clientConfig is how it takes an endpoint.
    clientConfig: { region, endpoint },
    logins
  });

async function callerArn(credentials: Awaited<ReturnType<ReturnType<typeof provider>>>) {
  const { Arn, Account } = await stsClient(credentials).send(new GetCallerIdentityCommand({}));
  expect(Account).toBe(preset.accountId);
  return Arn;
}

describe('fromCognitoIdentityPool', () => {
  it('guest credentials, accepted by STS as the guest role', async () => {
    const credentials = await provider()();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(credentials.sessionToken).toBeTruthy();
    expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(await callerArn(credentials)).toBe(
      `arn:aws:sts::${preset.accountId}:assumed-role/LensGuest/CognitoIdentityCredentials`
    );
  });

  it("signed-in credentials with the id token in logins: the role of the user's group", async () => {
    const alice = seedUser('alice');
    const { IdToken } = await signInWithPassword(alice.username, alice.password);
    const credentials = await provider({ [loginKey]: IdToken })();
    expect(await callerArn(credentials)).toBe(
      `arn:aws:sts::${preset.accountId}:assumed-role/LensEditors/CognitoIdentityCredentials`
    );
  });

  it('the noGuests pool refuses a guest and serves a signed-in user the default authenticated role', async () => {
    await expectAwsError(
      provider(undefined, 'noGuests')(),
      'NotAuthorizedException',
      'Unauthenticated access is not supported for this identity pool.'
    );
    const erin = seedUser('erin');
    const { IdToken } = await signInWithPassword(erin.username, erin.password);
    const credentials = await provider({ [loginKey]: IdToken }, 'noGuests')();
    expect(await callerArn(credentials)).toBe(
      `arn:aws:sts::${preset.accountId}:assumed-role/LensAuthenticated/CognitoIdentityCredentials`
    );
  });
});
