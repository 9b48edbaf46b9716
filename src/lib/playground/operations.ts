// The catalogue: every AWS operation and HTTP endpoint the playground calls, in one place. The trace names an
// exchange from here, redaction hides the secret fields listed here, "copy as command" builds the AWS CLI form
// from here, and "where the flow stands" lights the diagram steps listed here. Adding an operation is one entry
// below plus the call that makes it.
//
// Unsigned operations: the service models mark them unauthenticated (smithy.api#noAuth), so the SDKs send them
// without SigV4 and `aws --no-sign-request` does the same. See "Authorization models for the user pools API"
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pools-API-operations.html and, for identity
// pools, https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html ("This is a public API.
// You do not need any credentials to call this API.").

import type { FlowName, TraceEntry, TraceService } from './types';

/**
 * How a secret value is hidden: `secret` entirely (passwords, SRP values, codes, keys), `token` and
 * `authorization` truncated to a recognisable prefix, `accessKeyId` to its first 4 characters (`ASIA…`).
 *
 * @example
 * ```ts
 * const kind: RedactionKind = 'token';
 * ```
 */
export type RedactionKind = 'secret' | 'token' | 'authorization' | 'accessKeyId';

/** The diagrams the playground follows: the two federations, and the two architectures of issue 16. */
export type FollowedDiagram = 'cup-federation' | 'cip-federation' | 'api-gateway' | 'common-stack';

/** The diagrams "where the flow stands" always shows, in order. */
export const FOLLOWED_DIAGRAMS: readonly FollowedDiagram[] = ['cup-federation', 'cip-federation'];

/** The diagrams it shows once a run has lit one of their steps (calling an API, using the credentials). */
export const ARCHITECTURE_DIAGRAMS: readonly FollowedDiagram[] = ['api-gateway', 'common-stack'];

/**
 * A diagram step an exchange lights: `step` is the step's `id` in content/diagrams/<diagram>.json. `on` says
 * whether the exchange must have succeeded or failed; `flows`, when given, limits it to exchanges made by
 * those flows; `when` adds a check of the (redacted) exchange.
 *
 * @example
 * ```ts
 * const light: StepLight = { diagram: 'cip-federation', step: 'get-id', on: 'ok' };
 * ```
 */
export interface StepLight {
  diagram: FollowedDiagram;
  step: string;
  on: 'ok' | 'failed';
  flows?: readonly FlowName[];
  when?: (entry: TraceEntry) => boolean;
}

/**
 * One operation the playground calls.
 *
 * @example
 * ```ts
 * const op = OPERATIONS.GetId; // { service: 'cognito-identity', signed: false, cli: 'cognito-identity get-id', … }
 * ```
 */
export interface Operation {
  /** The name the trace shows: the API operation, or `METHOD path` for an HTTP endpoint. */
  name: string;
  service: Exclude<TraceService, 'other'>;
  /** How a request is recognised: the `X-Amz-Target` header, the STS `Action`, or `METHOD /path`. */
  target: string;
  /** What it does, in a few words (the trace's label). */
  label: string;
  /** Whether the request carries a SigV4 signature (AWS credentials); `false` for public operations. */
  signed: boolean;
  /** Field (or header, or form parameter) names that carry secrets, in the request and in the response. */
  secrets: {
    request: Readonly<Record<string, RedactionKind>>;
    response: Readonly<Record<string, RedactionKind>>;
  };
  /** The AWS CLI v2 form (`service command`), or `null` for HTTP endpoints (copied as curl). */
  cli: string | null;
  /** The diagram steps it lights. */
  lights: readonly StepLight[];
}

const USER_POOL_SIGN_IN: readonly FlowName[] = ['sign-in-srp', 'sign-in-password', 'refresh'];
/** Managed login, with the pool's own form or straight to an outside IdP: both end with the pool's tokens. */
const MANAGED: readonly FlowName[] = ['managed-login', 'federated-sign-in'];
const FEDERATED: readonly FlowName[] = ['federated-sign-in'];
const DIRECT: readonly FlowName[] = ['idp-federation'];

/** The OAuth 2.0 / OpenID Connect fields that carry secrets, wherever they travel. */
const OAUTH_REQUEST = {
  code: 'secret',
  code_verifier: 'secret',
  client_secret: 'secret',
  refresh_token: 'token',
  password: 'secret'
} as const;
const OAUTH_RESPONSE = { id_token: 'token', access_token: 'token', refresh_token: 'token' } as const;

/**
 * An HTTP endpoint (no AWS API): copied as curl. For an outside IdP the target is a name the runner gives the
 * URL its discovery document announced (`runner.nameEndpoint`), since every provider has its own paths.
 */
function http(
  name: string,
  service: 'oauth2' | 'jwks' | 'idp' | 'sandbox',
  target: string,
  label: string,
  secrets: Operation['secrets'],
  lights: readonly StepLight[] = []
): Operation {
  return { name, service, target, label, signed: false, secrets, cli: null, lights };
}

/**
 * What the user pool did out of the app's sight, read from the sandbox's event feed: the target is the event's
 * kind (`event:idp-code-redeemed`).
 */
function unseen(kind: string, name: string, label: string, lights: readonly StepLight[]): Operation {
  return http(
    name,
    'idp',
    `event:${kind}`,
    label,
    { request: OAUTH_REQUEST, response: OAUTH_RESPONSE },
    lights
  );
}
/** The answer carries tokens (not a further challenge). The redacted body keeps the key names. */
const issuesTokens = (entry: TraceEntry) => (entry.responseBody ?? '').includes('"AuthenticationResult"');

const AUTH_RESULT = {
  IdToken: 'token',
  AccessToken: 'token',
  RefreshToken: 'token',
  Session: 'secret'
} as const;
const CHALLENGE = { SALT: 'secret', SRP_B: 'secret', SECRET_BLOCK: 'secret', Session: 'secret' } as const;
const SIGN_IN_LIGHTS: readonly StepLight[] = [
  // The user pool is the IdP of the identity-pool diagram: the answer that carries the tokens is its step
  // "idp-token". A challenge (SRP's PASSWORD_VERIFIER, MFA) is not drawn: the sign-in may still fail there.
  { diagram: 'cip-federation', step: 'idp-token', on: 'ok', flows: USER_POOL_SIGN_IN, when: issuesTokens }
];

function cognitoIdp(
  name: string,
  label: string,
  secrets: Operation['secrets'],
  lights: readonly StepLight[] = []
): Operation {
  return {
    name,
    service: 'cognito-idp',
    target: `AWSCognitoIdentityProviderService.${name}`,
    label,
    signed: false,
    secrets,
    cli: `cognito-idp ${cliName(name)}`,
    lights
  };
}

function cognitoIdentity(
  name: string,
  label: string,
  secrets: Operation['secrets'],
  lights: readonly StepLight[]
): Operation {
  return {
    name,
    service: 'cognito-identity',
    target: `AWSCognitoIdentityService.${name}`,
    label,
    signed: false,
    secrets,
    cli: `cognito-identity ${cliName(name)}`,
    lights
  };
}

/**
 * An S3 operation (REST, SigV4-signed with the identity pool's temporary credentials). Its target is
 * `s3:<Operation>`: the trace recognises S3 by the signature's credential scope and the operation by method and
 * query (trace.ts).
 */
function s3(name: string, label: string, cli: string, lights: readonly StepLight[]): Operation {
  return {
    name,
    service: 's3',
    target: `s3:${name}`,
    label,
    signed: true,
    secrets: {
      request: { Authorization: 'authorization', 'X-Amz-Security-Token': 'token' },
      response: {}
    },
    cli,
    lights
  };
}

/**
 * The catalogue, by name.
 *
 * @example
 * ```ts
 * OPERATIONS.GetCallerIdentity.signed; // true
 * ```
 */
export const OPERATIONS = {
  SignUp: cognitoIdp('SignUp', 'Create a user', {
    request: { Password: 'secret', SecretHash: 'secret' },
    response: {}
  }),
  ConfirmSignUp: cognitoIdp('ConfirmSignUp', 'Confirm a user with the emailed code', {
    request: { ConfirmationCode: 'secret', SecretHash: 'secret' },
    response: {}
  }),
  ResendConfirmationCode: cognitoIdp('ResendConfirmationCode', 'Send a new confirmation code', {
    request: { SecretHash: 'secret' },
    response: {}
  }),
  InitiateAuth: cognitoIdp(
    'InitiateAuth',
    'Start sign-in (SRP, password or refresh token)',
    {
      request: { PASSWORD: 'secret', SRP_A: 'secret', SECRET_HASH: 'secret', REFRESH_TOKEN: 'token' },
      response: { ...AUTH_RESULT, ...CHALLENGE }
    },
    SIGN_IN_LIGHTS
  ),
  RespondToAuthChallenge: cognitoIdp(
    'RespondToAuthChallenge',
    'Answer the challenge (password proof, new password, MFA code)',
    {
      request: {
        PASSWORD_CLAIM_SIGNATURE: 'secret',
        PASSWORD_CLAIM_SECRET_BLOCK: 'secret',
        NEW_PASSWORD: 'secret',
        SMS_MFA_CODE: 'secret',
        SOFTWARE_TOKEN_MFA_CODE: 'secret',
        SECRET_HASH: 'secret',
        Session: 'secret'
      },
      response: { ...AUTH_RESULT, ...CHALLENGE }
    },
    SIGN_IN_LIGHTS
  ),
  GlobalSignOut: cognitoIdp('GlobalSignOut', 'Revoke every refresh token of the user', {
    request: { AccessToken: 'token' },
    response: {}
  }),
  RevokeToken: cognitoIdp('RevokeToken', 'Revoke this refresh token', {
    request: { Token: 'token', ClientSecret: 'secret' },
    response: {}
  }),
  'POST /oauth2/token': {
    name: 'POST /oauth2/token',
    service: 'oauth2',
    target: 'POST /oauth2/token',
    label: 'Exchange the managed login code for tokens',
    signed: false,
    secrets: {
      request: { code: 'secret', code_verifier: 'secret', client_secret: 'secret', refresh_token: 'token' },
      response: { id_token: 'token', access_token: 'token', refresh_token: 'token' }
    },
    cli: null,
    lights: [
      { diagram: 'cup-federation', step: 'token-exchange', on: 'ok', flows: MANAGED },
      // The user pool as the identity pool's IdP; a federated sign-in is drawn on its own diagram only.
      { diagram: 'cip-federation', step: 'idp-token', on: 'ok', flows: ['managed-login'] }
    ]
  },
  'GET jwks.json': {
    name: 'GET jwks.json',
    service: 'jwks',
    target: 'GET /.well-known/jwks.json',
    label: "Download the user pool's public keys",
    signed: false,
    secrets: { request: {}, response: {} },
    cli: null,
    // Checking tokens with the pool's keys is the last step of the managed-login diagram; a password sign-in
    // is not drawn there.
    lights: [{ diagram: 'cup-federation', step: 'use-tokens', on: 'ok', flows: MANAGED }]
  },
  'GET jwks_uri': {
    name: 'GET jwks_uri',
    service: 'jwks',
    target: 'GET /.well-known/jwks_uri',
    label: "Download the identity pool's OpenID keys",
    signed: false,
    secrets: { request: {}, response: {} },
    cli: null,
    lights: []
  },
  // User pool federation: managed login sent straight to an outside IdP (identity_provider=LensIdP). In the
  // browser these two are navigations (not traced); the headless runner (run-both.ts) makes them with fetch.
  'GET /oauth2/authorize': http(
    'GET /oauth2/authorize',
    'oauth2',
    'GET /oauth2/authorize',
    'Start managed login at the user pool (identity_provider sends it on to the IdP)',
    { request: {}, response: {} },
    [{ diagram: 'cup-federation', step: 'authorize', on: 'ok', flows: FEDERATED }]
  ),
  'GET /oauth2/idpresponse': http(
    'GET /oauth2/idpresponse',
    'oauth2',
    'GET /oauth2/idpresponse',
    "The IdP sends the browser back to the user pool with the IdP's code",
    { request: { code: 'secret' }, response: {} },
    [{ diagram: 'cup-federation', step: 'idp-sign-in', on: 'ok', flows: FEDERATED }]
  ),
  // The outside IdP (LensIdP in the sandbox; Google, Auth0, Entra ID... on AWS).
  'GET openid-configuration': http(
    'GET openid-configuration',
    'idp',
    'GET /.well-known/openid-configuration',
    "Read the IdP's OpenID configuration (discovery)",
    { request: {}, response: {} }
  ),
  'GET IdP authorize': http(
    'GET IdP authorize',
    'idp',
    'IdP GET authorization_endpoint',
    "Open the IdP's sign-in page",
    { request: {}, response: {} },
    [
      { diagram: 'cip-federation', step: 'idp-sign-in', on: 'ok', flows: DIRECT },
      { diagram: 'cup-federation', step: 'idp-sign-in', on: 'ok', flows: FEDERATED }
    ]
  ),
  'POST IdP sign-in': http(
    'POST IdP sign-in',
    'idp',
    'IdP POST sign-in form',
    "Sign in on the IdP's own page (its form, its password)",
    { request: OAUTH_REQUEST, response: {} },
    [
      { diagram: 'cip-federation', step: 'idp-sign-in', on: 'ok', flows: DIRECT },
      { diagram: 'cup-federation', step: 'idp-sign-in', on: 'ok', flows: FEDERATED }
    ]
  ),
  'POST IdP token': http(
    'POST IdP token',
    'idp',
    'IdP POST token_endpoint',
    "Exchange the IdP's code for the IdP's tokens (PKCE, no secret)",
    { request: OAUTH_REQUEST, response: OAUTH_RESPONSE },
    [{ diagram: 'cip-federation', step: 'idp-token', on: 'ok', flows: DIRECT }]
  ),
  'GET IdP jwks': http(
    'GET IdP jwks',
    'jwks',
    'IdP GET jwks_uri',
    "Download the IdP's public keys (a different issuer from the user pool)",
    { request: {}, response: {} },
    [{ diagram: 'cip-federation', step: 'idp-token', on: 'ok', flows: DIRECT }]
  ),
  'GET /sandbox/events': http(
    'GET /sandbox/events',
    'sandbox',
    'GET /sandbox/events',
    "Read the sandbox's event feed: what the user pool did out of your app's sight",
    { request: {}, response: OAUTH_REQUEST }
  ),
  // Out of the app's sight: the user pool's own exchanges with the IdP (sandbox event feed only).
  'Pool redirects to the IdP': unseen(
    'idp-authorize-redirect',
    'Pool redirects to the IdP',
    "The user pool sends the browser on to the IdP's authorize endpoint, as the IdP's OAuth client",
    [{ diagram: 'cup-federation', step: 'authorize', on: 'ok', flows: FEDERATED }]
  ),
  'Pool redeems the IdP code': unseen(
    'idp-code-redeemed',
    'Pool redeems the IdP code',
    "The user pool, server side, redeems the IdP's code (with its client secret) for the IdP's tokens",
    [{ diagram: 'cup-federation', step: 'redeem-idp-code', on: 'ok', flows: FEDERATED }]
  ),
  'Pool verifies the IdP token': unseen(
    'idp-token-verified',
    'Pool verifies the IdP token',
    "The user pool checks the IdP's id token against the IdP's keys; the token stays with the pool",
    [{ diagram: 'cup-federation', step: 'redeem-idp-code', on: 'ok', flows: FEDERATED }]
  ),
  'Pool creates the federated user': unseen(
    'federated-user-created',
    'Pool creates the federated user',
    'First visit: the user pool creates its own user (LensIdP_<sub>, EXTERNAL_PROVIDER) from the mapped attributes',
    [{ diagram: 'cup-federation', step: 'link-user', on: 'ok', flows: FEDERATED }]
  ),
  'Pool updates the federated user': unseen(
    'federated-user-updated',
    'Pool updates the federated user',
    "A later visit: the user pool updates its user's mapped attributes from the IdP's token",
    [{ diagram: 'cup-federation', step: 'link-user', on: 'ok', flows: FEDERATED }]
  ),
  'Pool signs in the linked user': unseen(
    'federated-user-linked',
    'Pool signs in the linked user',
    'The IdP user was linked to a native user (AdminLinkProviderForUser): the pool signs in that user',
    [{ diagram: 'cup-federation', step: 'link-user', on: 'ok', flows: FEDERATED }]
  ),
  GetId: cognitoIdentity(
    'GetId',
    'Get the identity id for these logins',
    { request: { Logins: 'token' }, response: {} },
    [{ diagram: 'cip-federation', step: 'get-id', on: 'ok' }]
  ),
  GetCredentialsForIdentity: cognitoIdentity(
    'GetCredentialsForIdentity',
    'Get AWS credentials (enhanced flow)',
    {
      request: { Logins: 'token' },
      response: { AccessKeyId: 'accessKeyId', SecretKey: 'secret', SessionToken: 'token' }
    },
    [
      { diagram: 'cip-federation', step: 'sts-credentials', on: 'ok' },
      // Refused: the identity pool's check of the token (step "get-credentials") is where it stopped.
      { diagram: 'cip-federation', step: 'get-credentials', on: 'failed' }
    ]
  ),
  GetOpenIdToken: cognitoIdentity(
    'GetOpenIdToken',
    'Get an OpenID token from the identity pool (basic flow)',
    { request: { Logins: 'token' }, response: { Token: 'token' } },
    [
      { diagram: 'cip-federation', step: 'get-credentials', on: 'ok' },
      { diagram: 'cip-federation', step: 'get-credentials', on: 'failed' }
    ]
  ),
  AssumeRoleWithWebIdentity: {
    name: 'AssumeRoleWithWebIdentity',
    service: 'sts',
    target: 'Action=AssumeRoleWithWebIdentity',
    label: 'Trade the OpenID token for role credentials (basic flow)',
    signed: false,
    secrets: {
      request: { WebIdentityToken: 'token' },
      response: { AccessKeyId: 'accessKeyId', SecretAccessKey: 'secret', SessionToken: 'token' }
    },
    cli: 'sts assume-role-with-web-identity',
    lights: [{ diagram: 'cip-federation', step: 'sts-credentials', on: 'ok' }]
  },
  'GET execute-api': {
    name: 'GET execute-api',
    service: 'execute-api',
    target: 'GET execute-api',
    label: 'Call the API with a user pool token',
    signed: false,
    // The token travels in Authorization: truncated in the trace, a placeholder in the copied curl command.
    secrets: { request: { Authorization: 'authorization' }, response: {} },
    cli: null,
    lights: [
      { diagram: 'api-gateway', step: 'backend-answers', on: 'ok' },
      { diagram: 'api-gateway', step: 'rejected', on: 'failed' }
    ]
  },
  PutObject: s3('PutObject', 'Upload a file to S3 with the credentials', 's3api put-object', [
    { diagram: 'common-stack', step: 'upload', on: 'ok' },
    { diagram: 'common-stack', step: 'upload', on: 'failed' }
  ]),
  GetObject: s3('GetObject', 'Download a file from S3', 's3api get-object', [
    { diagram: 'common-stack', step: 'upload', on: 'ok' },
    { diagram: 'common-stack', step: 'upload', on: 'failed' }
  ]),
  ListObjectsV2: s3('ListObjectsV2', 'List a folder of the bucket', 's3api list-objects-v2', [
    { diagram: 'common-stack', step: 'upload', on: 'ok' },
    { diagram: 'common-stack', step: 'upload', on: 'failed' }
  ]),
  DeleteObject: s3('DeleteObject', 'Delete a file from S3', 's3api delete-object', [
    { diagram: 'common-stack', step: 'upload', on: 'ok' },
    { diagram: 'common-stack', step: 'upload', on: 'failed' }
  ]),
  GetCallerIdentity: {
    name: 'GetCallerIdentity',
    service: 'sts',
    target: 'Action=GetCallerIdentity',
    label: 'Ask STS who these credentials belong to',
    signed: true,
    secrets: {
      request: { Authorization: 'authorization', 'X-Amz-Security-Token': 'token' },
      response: {}
    },
    cli: 'sts get-caller-identity',
    lights: [{ diagram: 'cip-federation', step: 'call-aws', on: 'ok' }]
  }
} as const satisfies Record<string, Operation>;

/**
 * A name of the catalogue.
 *
 * @example
 * ```ts
 * const name: OperationName = 'GetId';
 * ```
 */
export type OperationName = keyof typeof OPERATIONS;

const BY_TARGET: ReadonlyMap<string, Operation> = new Map(
  Object.values(OPERATIONS).map((operation: Operation) => [operation.target, operation])
);

/**
 * The catalogue entry for a trace name (`InitiateAuth`, `GET jwks.json`), or `undefined`.
 *
 * @example
 * ```ts
 * operationNamed('GetId')?.signed; // false
 * ```
 */
export function operationNamed(name: string): Operation | undefined {
  return Object.hasOwn(OPERATIONS, name) ? (OPERATIONS as Record<string, Operation>)[name] : undefined;
}

/**
 * The catalogue entry a request target names (`AWSCognitoIdentityService.GetId`, `Action=GetCallerIdentity`,
 * `POST /oauth2/token`), or `undefined`.
 *
 * @example
 * ```ts
 * operationForTarget('AWSCognitoIdentityService.GetId')?.name; // 'GetId'
 * ```
 */
export function operationForTarget(target: string): Operation | undefined {
  return BY_TARGET.get(target);
}

/**
 * An API operation name as the AWS CLI spells it: `InitiateAuth` → `initiate-auth`,
 * `AssumeRoleWithSAML` → `assume-role-with-saml`.
 *
 * @example
 * ```ts
 * cliName('GetOpenIdToken'); // 'get-open-id-token'
 * ```
 */
export function cliName(operation: string): string {
  return String(operation)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * Every secret field name of the catalogue with how it is hidden (request and response, all operations).
 *
 * @example
 * ```ts
 * catalogueSecrets().get('SRP_A'); // 'secret'
 * ```
 */
export function catalogueSecrets(): Map<string, RedactionKind> {
  const out = new Map<string, RedactionKind>();
  for (const operation of Object.values(OPERATIONS) as Operation[]) {
    for (const [name, kind] of [
      ...Object.entries(operation.secrets.request),
      ...Object.entries(operation.secrets.response)
    ]) {
      out.set(name, kind);
    }
  }
  return out;
}
