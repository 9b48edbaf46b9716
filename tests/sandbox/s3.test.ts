// Issue 16: the sandbox's S3, driven with @aws-sdk/client-s3 and plain fetch. Identity pool credentials sign each
// request (SigV4, checked by re-signing); the assumed role's identity policy decides, with
// ${cognito-identity.amazonaws.com:sub} resolved to the caller's identity id
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
// Error codes and messages: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
import { createHash } from 'node:crypto';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
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
  signInWithPassword
} from './support';

const Bucket = preset.s3.buckets.uploads.name;
const identity = identityClient();

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string };
type Session = { identityId: string; credentials: Credentials };

/** Identity pool credentials for a seeded user (or a guest), from the `guests` pool. */
async function sessionFor(username?: string, customRole?: keyof typeof preset.roles): Promise<Session> {
  const Logins = username
    ? { [loginKey]: (await signInWithPassword(username, seedUser(username).password)).IdToken }
    : undefined;
  const { IdentityId = '' } = await identity.send(
    new GetIdCommand({ IdentityPoolId: preset.identityPools.guests.id, Logins })
  );
  const { Credentials } = await identity.send(
    new GetCredentialsForIdentityCommand({
      IdentityId,
      Logins,
      CustomRoleArn: customRole ? roleArn(customRole) : undefined
    })
  );
  return {
    identityId: IdentityId,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretKey ?? '',
      sessionToken: Credentials?.SessionToken ?? ''
    }
  };
}

const s3 = (credentials: Credentials) =>
  new S3Client({ region, endpoint, forcePathStyle: true, credentials });

describe('S3 with identity pool credentials', () => {
  let alice: Session;
  let erin: Session;
  let aliceAsReader: Session;
  let guest: Session;

  beforeAll(async () => {
    [alice, erin, aliceAsReader, guest] = await Promise.all([
      sessionFor('alice'),
      sessionFor('erin'),
      sessionFor('alice', 'readers'),
      sessionFor()
    ]);
  });

  it('an editor writes, lists, reads and deletes in its own private/<identity id>/ folder', async () => {
    const client = s3(alice.credentials);
    const Key = `private/${alice.identityId}/notes/hello.txt`;
    const put = await client.send(
      new PutObjectCommand({ Bucket, Key, Body: 'hello from alice', ContentType: 'text/plain' })
    );
    // ETag: the MD5 of the content, quoted, as S3 answers for a single-part upload.
    expect(put.ETag).toBe(`"${createHash('md5').update('hello from alice').digest('hex')}"`);

    const listed = await client.send(
      new ListObjectsV2Command({ Bucket, Prefix: `private/${alice.identityId}/` })
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([Key]);
    expect(listed.Contents?.[0]?.Size).toBe('hello from alice'.length);
    expect(listed.Contents?.[0]?.ETag).toBe(put.ETag);

    const got = await client.send(new GetObjectCommand({ Bucket, Key }));
    expect(got.ContentType).toBe('text/plain');
    expect(await got.Body?.transformToString()).toBe('hello from alice');

    await client.send(new DeleteObjectCommand({ Bucket, Key }));
    await expectAwsError(client.send(new GetObjectCommand({ Bucket, Key })), 'NoSuchKey');
  });

  it("refuses an editor another identity's folder: the policy variable is the caller's own identity id", async () => {
    const client = s3(alice.credentials);
    const Key = `private/${erin.identityId}/planted.txt`;
    await expectAwsError(
      client.send(new PutObjectCommand({ Bucket, Key, Body: 'not yours' })),
      'AccessDenied',
      `User: arn:aws:sts::${preset.accountId}:assumed-role/LensEditors/CognitoIdentityCredentials is not ` +
        `authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${Bucket}/${Key}" because no ` +
        'identity-based policy allows the s3:PutObject action'
    );
    await expectAwsError(
      client.send(new ListObjectsV2Command({ Bucket, Prefix: `private/${erin.identityId}/` })),
      'AccessDenied'
    );
    // Listing the whole bucket is not allowed either: s3:prefix must be public/* or the caller's own folder.
    await expectAwsError(client.send(new ListObjectsV2Command({ Bucket })), 'AccessDenied');
  });

  it('editors write public/*; readers and the default role only read', async () => {
    const Key = `public/${Date.now()}-shared.txt`;
    await s3(alice.credentials).send(new PutObjectCommand({ Bucket, Key, Body: 'for everyone' }));
    for (const reader of [aliceAsReader, erin]) {
      const client = s3(reader.credentials);
      const got = await client.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body?.transformToString()).toBe('for everyone');
      await expectAwsError(
        client.send(new PutObjectCommand({ Bucket, Key, Body: 'overwrite' })),
        'AccessDenied',
        /assumed-role\/Lens(Readers|Authenticated)\/.* s3:PutObject .* no identity-based policy allows/
      );
      await expectAwsError(client.send(new DeleteObjectCommand({ Bucket, Key })), 'AccessDenied');
      await expectAwsError(
        client.send(
          new PutObjectCommand({ Bucket, Key: `private/${reader.identityId}/mine.txt`, Body: 'x' })
        ),
        'AccessDenied'
      );
    }
  });

  it('a guest reads and lists public/* and writes nothing', async () => {
    const client = s3(guest.credentials);
    const got = await client.send(new GetObjectCommand({ Bucket, Key: 'public/welcome.txt' }));
    expect(await got.Body?.transformToString()).toBe(
      preset.s3.buckets.uploads.seedObjects['public/welcome.txt']
    );
    const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'public/' }));
    expect(listed.Contents?.map((object) => object.Key)).toContain('public/welcome.txt');
    await expectAwsError(
      client.send(new PutObjectCommand({ Bucket, Key: 'public/graffiti.txt', Body: 'x' })),
      'AccessDenied',
      /assumed-role\/LensGuest\/CognitoIdentityCredentials is not authorized to perform: s3:PutObject/
    );
    await expectAwsError(
      client.send(new PutObjectCommand({ Bucket, Key: `private/${guest.identityId}/x.txt`, Body: 'x' })),
      'AccessDenied'
    );
  });

  it('refuses a forged signature (the wrong secret) with SignatureDoesNotMatch', async () => {
    const forged = {
      ...alice.credentials,
      secretAccessKey: alice.credentials.secretAccessKey.replace(/.$/, (last) => (last === 'x' ? 'y' : 'x'))
    };
    await expectAwsError(
      s3(forged).send(new ListObjectsV2Command({ Bucket, Prefix: 'public/' })),
      'SignatureDoesNotMatch',
      /^The request signature we calculated does not match the signature you provided/
    );
  });

  it('refuses a body changed after signing', async () => {
    const client = s3(alice.credentials);
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body?: unknown };
        request.body = 'tampered';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'tamper-after-signing' }
    );
    await expectAwsError(
      client.send(
        new PutObjectCommand({ Bucket, Key: `private/${alice.identityId}/t.txt`, Body: 'original' })
      ),
      'SignatureDoesNotMatch'
    );
  });

  it('refuses expired credentials with ExpiredToken, and a session token it never issued with InvalidToken', async () => {
    const { sealing } = loadKeys(new URL('../../sandbox/seed/keys.json', import.meta.url));
    const twoHoursAgo = () => Math.floor(Date.now() / 1000) - 7200;
    const { session, sessionToken } = createCredentials({ sealingKey: sealing, now: twoHoursAgo }).issue({
      roleArn: roleArn('editors'),
      roleId: preset.roles.editors.id,
      sessionName: 'CognitoIdentityCredentials',
      durationSeconds: 3600,
      webIdentity: { sub: alice.identityId, aud: preset.identityPools.guests.id, amr: ['authenticated'] }
    });
    const expired = {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken
    };
    await expectAwsError(
      s3(expired).send(new ListObjectsV2Command({ Bucket, Prefix: 'public/' })),
      'ExpiredToken',
      'The provided token has expired.'
    );
    const made = { ...alice.credentials, sessionToken: Buffer.from('not a session').toString('base64') };
    await expectAwsError(
      s3(made).send(new ListObjectsV2Command({ Bucket, Prefix: 'public/' })),
      'InvalidToken',
      'The provided token is malformed or otherwise invalid.'
    );
  });

  it('refuses an upload over the size limit with EntityTooLarge and stores nothing', async () => {
    const client = s3(alice.credentials);
    const Key = `private/${alice.identityId}/too-big.bin`;
    const limit = preset.s3.buckets.uploads.maxObjectBytes;
    await expectAwsError(
      client.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.alloc(limit + 1) })),
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size'
    );
    await expectAwsError(client.send(new GetObjectCommand({ Bucket, Key })), 'NoSuchKey');
    // Exactly at the limit is fine.
    await client.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.alloc(limit) }));
    await client.send(new DeleteObjectCommand({ Bucket, Key }));
  });

  it('answers an unknown bucket with NoSuchBucket', async () => {
    await expectAwsError(
      s3(alice.credentials).send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' })),
      'NoSuchBucket'
    );
  });
});

describe('S3 over plain HTTP', () => {
  const objectUrl = `${endpoint}/${Bucket}/public/welcome.txt`;

  it('refuses an unsigned request with the AccessDenied XML error', async () => {
    const response = await fetch(objectUrl);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const body = await response.text();
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code>/);
    expect(body).toContain('<RequestId>');
  });

  it("answers a preflight from the site's origins by the bucket's CORS rule, exposing ETag", async () => {
    const response = await fetch(objectUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:4173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,x-amz-date,x-amz-security-token,content-type'
      }
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-amz-security-token');
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('refuses a preflight from an origin the CORS rule does not list', async () => {
    const response = await fetch(objectUrl, {
      method: 'OPTIONS',
      headers: { Origin: 'https://attacker.example', 'Access-Control-Request-Method': 'PUT' }
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('CORSResponse: This CORS request is not allowed.');
  });
});

describe("the sandbox's evaluation header", () => {
  it('names the statement that allowed a request, and none for a refusal no statement allows', async () => {
    const alice = await sessionFor('alice');
    const client = s3(alice.credentials);
    /** Reads the raw response's x-sandbox-iam-decision header. */
    const decisions: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          const result = await next(args);
          const response = result.response as { headers: Record<string, string> };
          decisions.push(response.headers['x-sandbox-iam-decision'] ?? '');
          return result;
        } catch (error) {
          const response = (error as { $response?: { headers: Record<string, string> } }).$response;
          decisions.push(response?.headers['x-sandbox-iam-decision'] ?? '');
          throw error;
        }
      },
      { step: 'deserialize', name: 'read-decision' }
    );
    await client.send(new PutObjectCommand({ Bucket, Key: `private/${alice.identityId}/d.txt`, Body: 'x' }));
    await client
      .send(new PutObjectCommand({ Bucket, Key: 'private/someone-else/d.txt', Body: 'x' }))
      .catch(() => undefined);
    const [allowed, denied] = decisions.map((value) => JSON.parse(value));
    expect(allowed.result).toBe('Allowed');
    expect(allowed.decidedBy).toEqual([{ sid: 'ReadWriteOwnFolder', index: 1, effect: 'Allow' }]);
    expect(denied.result).toBe('ImplicitlyDenied');
    expect(denied.decidedBy).toEqual([]);
    // The statement about private folders matched the action but not the resource.
    expect(denied.statements[1]).toMatchObject({
      sid: 'ReadWriteOwnFolder',
      actionMatch: true,
      resourceMatch: false
    });
  });
});
