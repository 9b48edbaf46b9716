// Issue 3, behaviour 6: STS proves the identity pool's credentials are real.
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCredentials } from '../../sandbox/lib/credentials.js';
import { loadKeys } from '../../sandbox/lib/keys.js';
import {
  endpoint,
  expectAwsError,
  identityClient,
  loginKey,
  preset,
  region,
  roleArn,
  seedUser,
  signInWithPassword,
  stsClient
} from './support';

const identity = identityClient();
const callerIdentity = (credentials: Parameters<typeof stsClient>[0]) =>
  stsClient(credentials).send(new GetCallerIdentityCommand({}));

describe('temporary credentials from GetCredentialsForIdentity', () => {
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  let openIdToken: string;

  beforeAll(async () => {
    const { IdToken } = await signInWithPassword('alice', seedUser('alice').password);
    const Logins = { [loginKey]: IdToken };
    const { IdentityId } = await identity.send(
      new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
    );
    const [{ Credentials }, { Token }] = await Promise.all([
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins })),
      identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins }))
    ]);
    credentials = {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretKey ?? '',
      sessionToken: Credentials?.SessionToken ?? ''
    };
    openIdToken = Token ?? '';
  });

  it('GetCallerIdentity, signed with SigV4 by the SDK, names the assumed role', async () => {
    const caller = await callerIdentity(credentials);
    expect(caller.Arn).toBe(
      `arn:aws:sts::${preset.accountId}:assumed-role/LensEditors/CognitoIdentityCredentials`
    );
    expect(caller.Account).toBe(preset.accountId);
    expect(caller.UserId).toBe(`${preset.roles.editors.id}:CognitoIdentityCredentials`);
  });

  it('answers a signature made with the wrong secret with SignatureDoesNotMatch', async () => {
    await expectAwsError(
      callerIdentity({
        ...credentials,
        secretAccessKey: credentials.secretAccessKey.replace(/.$/, (last) => (last === 'x' ? 'y' : 'x'))
      }),
      'SignatureDoesNotMatch',
      /^The request signature we calculated does not match the signature you provided/
    );
  });

  it('answers a session token it never issued with InvalidClientTokenId', async () => {
    await expectAwsError(
      callerIdentity({ ...credentials, sessionToken: Buffer.from('not a session').toString('base64') }),
      'InvalidClientTokenId',
      'The security token included in the request is invalid.'
    );
  });

  it('answers expired credentials with ExpiredToken', async () => {
    const twoHoursAgo = () => Math.floor(Date.now() / 1000) - 7200;
    const { sealing } = loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url));
    const { session, sessionToken } = createCredentials({ sealingKey: sealing, now: twoHoursAgo }).issue({
      roleArn: roleArn('editors'),
      roleId: preset.roles.editors.id,
      sessionName: 'CognitoIdentityCredentials',
      durationSeconds: 3600
    });
    await expectAwsError(
      callerIdentity({
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken
      }),
      'ExpiredToken',
      'The security token included in the request is expired'
    );
  });

  describe('AssumeRoleWithWebIdentity (basic flow) with the GetOpenIdToken token', () => {
    const sts = new STSClient({ region, endpoint });

    it('returns credentials for a role that trusts the identity pool', async () => {
      const result = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn('editors'),
          RoleSessionName: 'lens-basic-flow',
          WebIdentityToken: openIdToken
        })
      );
      expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      expect(result.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
      expect(result.AssumedRoleUser?.Arn).toBe(
        `arn:aws:sts::${preset.accountId}:assumed-role/LensEditors/lens-basic-flow`
      );
      expect(result.SubjectFromWebIdentityToken).toMatch(/^us-east-1:/);
      const caller = await callerIdentity({
        accessKeyId: result.Credentials?.AccessKeyId ?? '',
        secretAccessKey: result.Credentials?.SecretAccessKey ?? '',
        sessionToken: result.Credentials?.SessionToken
      });
      expect(caller.Arn).toBe(`arn:aws:sts::${preset.accountId}:assumed-role/LensEditors/lens-basic-flow`);
    });

    it('refuses a role whose trust policy wants unauthenticated identities', async () => {
      await expectAwsError(
        sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn('guest'),
            RoleSessionName: 'lens',
            WebIdentityToken: openIdToken
          })
        ),
        'AccessDenied',
        'Not authorized to perform sts:AssumeRoleWithWebIdentity'
      );
    });

    it('refuses a token the identity pool did not issue', async () => {
      const { IdToken } = await signInWithPassword('alice', seedUser('alice').password);
      await expectAwsError(
        sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn('editors'),
            RoleSessionName: 'lens',
            WebIdentityToken: IdToken
          })
        ),
        // STS sends <Code>InvalidIdentityToken</Code>; the SDK surfaces it as its modeled exception.
        'InvalidIdentityTokenException'
      );
    });
  });
});
