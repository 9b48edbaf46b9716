// "Use the credentials": the pure parts (folders, keys, bucket names, the sandbox's decision and its sentence).
// Bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
import { describe, expect, it } from 'vitest';
import {
  explainDecision,
  objectKey,
  otherFolder,
  ownFolder,
  parseDecision,
  validateBucketName,
  type PolicyDecision
} from '../../../src/lib/playground/storage-access';

const id = 'us-east-1:4f7b1593-d2ce-4409-ad2f-1da5289feb4a';

describe('folders and keys', () => {
  it("names the caller's own folder after its identity id, and another identity's in the same region", () => {
    expect(ownFolder(id)).toBe(`private/${id}/`);
    expect(otherFolder(id)).toBe('private/us-east-1:00000000-0000-4000-8000-000000000000/');
    expect(otherFolder(id)).not.toBe(ownFolder(id));
  });

  it('keeps a file name inside the folder', () => {
    expect(objectKey('private/x/', 'photo 1.jpg')).toBe('private/x/photo 1.jpg');
    expect(objectKey('private/x/', '../../etc/passwd')).toBe('private/x/.._.._etc_passwd');
    expect(objectKey('private/x/', '')).toBe('private/x/file');
  });
});

describe('validateBucketName', () => {
  it('accepts valid names and explains invalid ones', () => {
    expect(validateBucketName('lens-uploads')).toBeNull();
    expect(validateBucketName('my.bucket.2026')).toBeNull();
    expect(validateBucketName('ab')).toMatch(/3 to 63/);
    expect(validateBucketName('My_Bucket')).toMatch(/lower-case/);
    expect(validateBucketName('-bucket')).toMatch(/starts and ends/);
    expect(validateBucketName('a..b')).toMatch(/two dots/);
    expect(validateBucketName('192.168.1.1')).toMatch(/IP address/);
  });
});

const allowed: PolicyDecision = {
  result: 'Allowed',
  action: 's3:PutObject',
  resource: `arn:aws:s3:::lens-uploads/private/${id}/a.txt`,
  role: 'arn:aws:iam::123456789012:role/LensEditors',
  decidedBy: [{ sid: 'ReadWriteOwnFolder', index: 1, effect: 'Allow' }],
  statements: []
};

describe('the sandbox decision', () => {
  it('parses the header and refuses anything else', () => {
    expect(parseDecision(JSON.stringify(allowed))).toEqual(allowed);
    expect(parseDecision(null)).toBeNull();
    expect(parseDecision('not json')).toBeNull();
    expect(parseDecision('{"result":"Maybe","decidedBy":[],"statements":[]}')).toBeNull();
  });

  it('names the statement that allowed', () => {
    expect(explainDecision(allowed)).toBe(
      `Allowed by "ReadWriteOwnFolder": it allows s3:PutObject on ${allowed.resource}.`
    );
  });

  it('for an implicit deny, names the statements that allow the action but not this resource', () => {
    const denied: PolicyDecision = {
      ...allowed,
      result: 'ImplicitlyDenied',
      resource: 'arn:aws:s3:::lens-uploads/private/someone-else/a.txt',
      decidedBy: [],
      statements: [
        { sid: 'ReadWritePublic', index: 0, actionMatch: true, resourceMatch: false, conditionMatch: true },
        {
          sid: 'ReadWriteOwnFolder',
          index: 1,
          actionMatch: true,
          resourceMatch: false,
          conditionMatch: true
        },
        {
          sid: 'ListPublicAndOwnFolder',
          index: 2,
          actionMatch: false,
          resourceMatch: false,
          conditionMatch: false
        }
      ]
    };
    expect(explainDecision(denied)).toBe(
      'Denied: no statement allows s3:PutObject on arn:aws:s3:::lens-uploads/private/someone-else/a.txt (an implicit deny). "ReadWritePublic" and "ReadWriteOwnFolder" allow the action, but not this resource.'
    );
    const guest: PolicyDecision = {
      ...denied,
      statements: [
        { sid: 'ReadPublic', index: 0, actionMatch: false, resourceMatch: true, conditionMatch: true }
      ]
    };
    expect(explainDecision(guest)).toMatch(/No statement of the role's policy mentions s3:PutObject\.$/);
  });

  it('names an explicit deny', () => {
    expect(
      explainDecision({ ...allowed, result: 'ExplicitlyDenied', decidedBy: [{ index: 3, effect: 'Deny' }] })
    ).toBe('Denied by statement 4: an explicit Deny wins over any Allow.');
  });
});
