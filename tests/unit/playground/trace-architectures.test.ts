// Issue 16: the operations catalogue covers the API call and the S3 operations, so the trace names them, redacts
// their secrets, lights the architecture diagrams and copies them as commands.
import { describe, expect, it } from 'vitest';
import { toCliCommand } from '../../../src/lib/playground/cli-command';
import { stepsForEntry } from '../../../src/lib/playground/diagram-sync';
import { createTracedFetch, describeRequest } from '../../../src/lib/playground/trace';
import type { TraceEntry } from '../../../src/lib/playground/types';

const SIGNED_S3 =
  'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE00/20260115/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
  'a'.repeat(64);
const base = 'http://127.0.0.1:9229/lens-uploads';
const key = 'private/us-east-1:4f7b1593-d2ce-4409-ad2f-1da5289feb4a/hello.txt';

describe('recognising S3 and API Gateway requests', () => {
  it('names S3 operations by method and query, when the signature is for s3', () => {
    const headers = { authorization: SIGNED_S3 };
    expect(describeRequest(`${base}/${key}`, headers, 'x', 'PUT')).toEqual({
      service: 's3',
      operation: 'PutObject'
    });
    expect(describeRequest(`${base}/${key}`, headers, null, 'GET')).toEqual({
      service: 's3',
      operation: 'GetObject'
    });
    expect(describeRequest(`${base}?list-type=2&prefix=public%2F`, headers, null, 'GET')).toEqual({
      service: 's3',
      operation: 'ListObjectsV2'
    });
    expect(describeRequest(`${base}/${key}`, headers, null, 'DELETE')).toEqual({
      service: 's3',
      operation: 'DeleteObject'
    });
    // Unsigned, or signed for another service: not S3.
    expect(describeRequest(`${base}/${key}`, {}, null, 'GET').service).toBe('other');
  });

  it('names an API Gateway call, on AWS and on the sandbox', () => {
    for (const url of [
      'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/profile',
      'http://127.0.0.1:9229/execute-api/lensrest01/prod/profile'
    ]) {
      expect(describeRequest(url, { authorization: 'eyJ' }, null, 'GET')).toEqual({
        service: 'execute-api',
        operation: 'GET execute-api'
      });
    }
  });
});

function entry(overrides: Partial<TraceEntry>): TraceEntry {
  return {
    id: 1,
    flow: 'use-credentials',
    startedAt: 0,
    durationMs: 1,
    method: 'GET',
    url: `${base}/${key}`,
    service: 's3',
    operation: 'GetObject',
    requestHeaders: {},
    requestBody: '',
    status: 200,
    responseBody: '',
    error: null,
    ...overrides
  };
}

describe('copy as command', () => {
  const sandbox = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229' };

  it('writes s3api commands with the credentials as placeholders, never their values', () => {
    const put = toCliCommand(entry({ method: 'PUT', operation: 'PutObject', requestBody: 'hello' }), sandbox);
    expect(put).toBe(
      "AWS_ACCESS_KEY_ID='<AccessKeyId>' AWS_SECRET_ACCESS_KEY='<SecretAccessKey>' AWS_SESSION_TOKEN='<SessionToken>' " +
        `aws s3api put-object --region us-east-1 --endpoint-url http://127.0.0.1:9229 --bucket lens-uploads --key ${key} --body '<file>'`
    );
    const list = toCliCommand(
      entry({ operation: 'ListObjectsV2', url: `${base}?list-type=2&prefix=public%2F` }),
      sandbox
    );
    expect(list).toMatch(/aws s3api list-objects-v2 .* --bucket lens-uploads --prefix public\/$/);
    // On AWS the bucket is in the host name (virtual-hosted style).
    const aws = toCliCommand(
      entry({
        operation: 'DeleteObject',
        method: 'DELETE',
        url: 'https://my-bucket.s3.eu-west-1.amazonaws.com/public/a.txt'
      }),
      { region: 'eu-west-1' }
    );
    expect(aws).toMatch(/aws s3api delete-object --region eu-west-1 --bucket my-bucket --key public\/a.txt$/);
  });

  it('copies an API call as curl with the token as a placeholder', () => {
    const command = toCliCommand(
      entry({
        service: 'execute-api',
        operation: 'GET execute-api',
        url: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/profile',
        requestHeaders: { authorization: 'Bearer eyJraWQiOi…«redacted: 900 chars»' }
      }),
      { region: 'eu-west-1' }
    );
    expect(command).toBe(
      "curl https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/profile -H 'Authorization: Bearer <access_token>'"
    );
  });
});

describe('the diagrams the runs light', () => {
  it('an upload is the common stack\'s "upload" step (App to S3), allowed or refused', () => {
    expect(stepsForEntry(entry({ operation: 'PutObject', status: 200 }))).toEqual({
      'common-stack': 'upload'
    });
    expect(stepsForEntry(entry({ operation: 'PutObject', status: 403 }))).toEqual({
      'common-stack': 'upload'
    });
  });

  it('an API call that passes is "backend-answers", a refused one "rejected"', () => {
    const call = { service: 'execute-api' as const, operation: 'GET execute-api', flow: 'call-api' as const };
    expect(stepsForEntry(entry({ ...call, status: 200 }))).toEqual({ 'api-gateway': 'backend-answers' });
    expect(stepsForEntry(entry({ ...call, status: 401 }))).toEqual({ 'api-gateway': 'rejected' });
    expect(stepsForEntry(entry({ ...call, status: 403 }))).toEqual({ 'api-gateway': 'rejected' });
  });
});

describe('the trace of a file upload', () => {
  it('summarises a large body instead of copying it, and hides the token in Authorization', async () => {
    const finished: TraceEntry[] = [];
    const traced = createTracedFetch({
      fetch: (async () =>
        new Response('', { status: 200, headers: { etag: '"abc"' } })) as unknown as typeof fetch,
      now: () => 0,
      onStart: () => undefined,
      onFinish: (done) => finished.push(done)
    });
    await traced(`${base}/${key}`, {
      method: 'PUT',
      headers: { authorization: SIGNED_S3, 'x-amz-security-token': 'SECRET-SESSION-TOKEN-VALUE-1234567890' },
      body: new Uint8Array(1024 * 1024)
    });
    const [done] = finished;
    expect(done?.operation).toBe('PutObject');
    expect(done?.requestBody).toBe('«1048576 bytes of file content, not shown»');
    expect(JSON.stringify(done)).not.toContain('SECRET-SESSION-TOKEN-VALUE-1234567890');
  });
});
