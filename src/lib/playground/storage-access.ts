// "Use the credentials": the identity pool's temporary credentials used on S3 with the official client
// (@aws-sdk/client-s3, loaded only when the panel opens). Each user has a folder named after its identity id,
// `private/<identity id>/`, which a role policy grants with `${cognito-identity.amazonaws.com:sub}`
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_cognito-bucket.html).
import type * as S3 from '@aws-sdk/client-s3';
import type * as FetchHttp from '@smithy/fetch-http-handler';
import type { Credentials } from './types';

/** The SDK pieces this module uses, passed in so the page loads them only when the panel opens. */
export interface S3Sdk {
  s3: Pick<
    typeof S3,
    'S3Client' | 'PutObjectCommand' | 'GetObjectCommand' | 'ListObjectsV2Command' | 'DeleteObjectCommand'
  >;
  http: Pick<typeof FetchHttp, 'FetchHttpHandler'>;
}

export interface S3Target {
  region: string;
  bucket: string;
  /** An endpoint override (the local sandbox, path-style); '' for AWS. */
  endpoint: string;
  /** The fetch every request goes through (the runner's traced fetch). */
  fetch: typeof fetch;
  /** More SDK client options (the recorder fixes the user agent and retries). */
  clientOptions?: Record<string, unknown>;
}

/**
 * How the role's policy judged a request, as the local sandbox reports it (`x-sandbox-iam-decision`, evaluated by
 * a real IAM policy evaluator). AWS reports nothing of the kind: against AWS this is null.
 */
export interface PolicyDecision {
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  action: string;
  resource: string;
  role: string;
  decidedBy: { sid?: string; index: number; effect: string }[];
  statements: {
    sid?: string;
    index: number;
    actionMatch: boolean;
    resourceMatch: boolean;
    conditionMatch: boolean;
  }[];
}

/** One object of a listing. */
export interface StoredObject {
  key: string;
  size: number;
  lastModified: string | null;
}

/** What one S3 call did, with the policy's judgement when the sandbox gave it. */
export type S3Outcome<T> =
  | { ok: true; value: T; decision: PolicyDecision | null }
  | { ok: false; error: unknown; decision: PolicyDecision | null };

export const DECISION_HEADER = 'x-sandbox-iam-decision';

/**
 * The folder a policy with `private/${cognito-identity.amazonaws.com:sub}/*` gives this identity.
 *
 * @example
 * ```ts
 * ownFolder('us-east-1:4f7b1593-d2ce-4409-ad2f-1da5289feb4a'); // 'private/us-east-1:4f7b…/'
 * ```
 */
export function ownFolder(identityId: string): string {
  return `private/${identityId}/`;
}

/**
 * Another identity's folder in the same region, for the "try someone else's folder" button: an identity id
 * that is not this one (all zeros, so it is recognisably made up).
 *
 * @example
 * ```ts
 * otherFolder('us-east-1:4f7b1593-d2ce-4409-ad2f-1da5289feb4a'); // 'private/us-east-1:00000000-0000-4000-8000-000000000000/'
 * ```
 */
export function otherFolder(identityId: string): string {
  const region = identityId.split(':')[0] || 'us-east-1';
  return `private/${region}:00000000-0000-4000-8000-000000000000/`;
}

/**
 * The S3 key of an uploaded file: the folder plus the file's name, with characters that make keys awkward
 * (path separators, control characters) replaced.
 *
 * @example
 * ```ts
 * objectKey('private/us-east-1:x/', 'My photo.jpg'); // 'private/us-east-1:x/My photo.jpg'
 * ```
 */
export function objectKey(folder: string, fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const name = fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 200) || 'file';
  return `${folder}${name}`;
}

/**
 * Checks a bucket name against S3's rules for general purpose buckets: 3 to 63 characters, lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, not an IP address
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 *
 * @example
 * ```ts
 * validateBucketName('my-uploads'); // null
 * validateBucketName('My_Uploads'); // 'Bucket names use lower-case letters, digits, dots and hyphens only.'
 * ```
 */
export function validateBucketName(name: string): string | null {
  const text = name.trim();
  if (text.length < 3 || text.length > 63) return 'A bucket name has 3 to 63 characters.';
  if (!/^[a-z0-9.-]+$/.test(text))
    return 'Bucket names use lower-case letters, digits, dots and hyphens only.';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(text)) return 'A bucket name starts and ends with a letter or a digit.';
  if (text.includes('..')) return 'A bucket name has no two dots in a row.';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) return 'A bucket name is not an IP address.';
  return null;
}

/**
 * Reads the sandbox's decision header; null when absent (AWS) or not what the sandbox writes.
 *
 * @example
 * ```ts
 * parseDecision('{"result":"Allowed","decidedBy":[{"sid":"ReadWriteOwnFolder","index":1,"effect":"Allow"}],…}');
 * ```
 */
export function parseDecision(value: string | null | undefined): PolicyDecision | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const parsed = JSON.parse(value) as Partial<PolicyDecision>;
    if (
      parsed === null ||
      typeof parsed !== 'object' ||
      !['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'].includes(String(parsed.result)) ||
      !Array.isArray(parsed.decidedBy) ||
      !Array.isArray(parsed.statements)
    ) {
      return null;
    }
    return parsed as PolicyDecision;
  } catch {
    return null;
  }
}

/** A statement's name for people: its Sid, or its position. */
const statementName = (statement: { sid?: string; index: number }) =>
  statement.sid ? `"${statement.sid}"` : `statement ${statement.index + 1}`;

/**
 * The sentence that says which statement decided, for a decision the sandbox reported. For an implicit deny
 * (no statement allows), the statements that allow the action but not this resource are named: they are the
 * ones the learner compares the key with.
 *
 * @example
 * ```ts
 * explainDecision(decision); // 'Denied: no statement allows s3:PutObject on …. "ReadWriteOwnFolder" allows the action, but not this resource.'
 * ```
 */
export function explainDecision(decision: PolicyDecision): string {
  const { action, resource } = decision;
  if (decision.result === 'Allowed') {
    return `Allowed by ${decision.decidedBy.map(statementName).join(' and ')}: it allows ${action} on ${resource}.`;
  }
  if (decision.result === 'ExplicitlyDenied') {
    return `Denied by ${decision.decidedBy.map(statementName).join(' and ')}: an explicit Deny wins over any Allow.`;
  }
  const nearMisses = decision.statements.filter(
    (statement) => statement.actionMatch && !statement.resourceMatch
  );
  const conditionMisses = decision.statements.filter(
    (statement) => statement.actionMatch && statement.resourceMatch && !statement.conditionMatch
  );
  const parts = [`Denied: no statement allows ${action} on ${resource} (an implicit deny).`];
  if (nearMisses.length > 0) {
    parts.push(
      `${nearMisses.map(statementName).join(' and ')} ${nearMisses.length > 1 ? 'allow' : 'allows'} the action, but not this resource.`
    );
  }
  if (conditionMisses.length > 0) {
    parts.push(
      `${conditionMisses.map(statementName).join(' and ')}: the condition does not hold for this request.`
    );
  }
  if (nearMisses.length === 0 && conditionMisses.length === 0) {
    parts.push(`No statement of the role's policy mentions ${action}.`);
  }
  return parts.join(' ');
}

/** The response headers of the last call, read from the raw HTTP response by a middleware. */
type HeaderSink = { headers: Record<string, string> | null };

/**
 * S3 calls with the identity pool's temporary credentials. Every call goes through the runner's traced fetch,
 * and reports the sandbox's policy decision when there is one.
 *
 * @example
 * ```ts
 * const storage = new StorageAccess(sdk, { region, bucket, endpoint, fetch: runner.fetch }, credentials);
 * const put = await storage.put(ownFolder(identityId) + 'hello.txt', file);
 * ```
 */
export class StorageAccess {
  #sdk: S3Sdk;
  #target: S3Target;
  #client: S3.S3Client;
  #last: HeaderSink = { headers: null };

  constructor(sdk: S3Sdk, target: S3Target, credentials: Credentials) {
    this.#sdk = sdk;
    this.#target = target;
    this.#client = new sdk.s3.S3Client({
      region: target.region,
      ...(target.endpoint ? { endpoint: target.endpoint, forcePathStyle: true } : {}),
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken
      },
      // A plain body with its SHA-256 (no aws-chunked stream, no extra checksum headers) works with every
      // bucket CORS configuration and with the sandbox.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: new sdk.http.FetchHttpHandler({ customFetch: target.fetch }),
      ...target.clientOptions
    });
    const sink = this.#last;
    this.#client.middlewareStack.add(
      (next) => async (args) => {
        sink.headers = null;
        try {
          const result = await next(args);
          sink.headers = (result.response as { headers?: Record<string, string> }).headers ?? null;
          return result;
        } catch (error) {
          sink.headers =
            (error as { $response?: { headers?: Record<string, string> } }).$response?.headers ?? null;
          throw error;
        }
      },
      { step: 'deserialize', name: 'cognitoLensDecision' }
    );
  }

  /** PutObject: the file's bytes under `key`. */
  put(
    key: string,
    body: Blob | Uint8Array | string,
    contentType?: string
  ): Promise<S3Outcome<{ etag: string }>> {
    return this.#call(async () => {
      const result = await this.#client.send(
        new this.#sdk.s3.PutObjectCommand({
          Bucket: this.#target.bucket,
          Key: key,
          Body: body,
          ...(contentType ? { ContentType: contentType } : {})
        })
      );
      return { etag: result.ETag ?? '' };
    });
  }

  /** ListObjectsV2 under a prefix. */
  list(prefix: string): Promise<S3Outcome<StoredObject[]>> {
    return this.#call(async () => {
      const result = await this.#client.send(
        new this.#sdk.s3.ListObjectsV2Command({ Bucket: this.#target.bucket, Prefix: prefix })
      );
      return (result.Contents ?? []).map((object) => ({
        key: object.Key ?? '',
        size: object.Size ?? 0,
        lastModified: object.LastModified ? object.LastModified.toISOString() : null
      }));
    });
  }

  /** GetObject: the bytes and their type. */
  get(key: string): Promise<S3Outcome<{ bytes: Uint8Array; contentType: string }>> {
    return this.#call(async () => {
      const result = await this.#client.send(
        new this.#sdk.s3.GetObjectCommand({ Bucket: this.#target.bucket, Key: key })
      );
      const bytes = result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
      return { bytes, contentType: result.ContentType ?? 'application/octet-stream' };
    });
  }

  /** DeleteObject. */
  remove(key: string): Promise<S3Outcome<null>> {
    return this.#call(async () => {
      await this.#client.send(
        new this.#sdk.s3.DeleteObjectCommand({ Bucket: this.#target.bucket, Key: key })
      );
      return null;
    });
  }

  async #call<T>(work: () => Promise<T>): Promise<S3Outcome<T>> {
    try {
      const value = await work();
      return { ok: true, value, decision: parseDecision(this.#last.headers?.[DECISION_HEADER]) };
    } catch (error) {
      return { ok: false, error, decision: parseDecision(this.#last.headers?.[DECISION_HEADER]) };
    }
  }

  destroy(): void {
    this.#client.destroy();
  }
}
