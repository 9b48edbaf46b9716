// The playground's flows, each one run by the runner under its name: the live state classes and
// scripts/record-sample-run.js call these same functions, so the recorded run is what the playground does.

import { deriveAcceptedIssuers, deriveJwksUri, deriveLoginsKey, deriveUserPoolEndpoint } from '../cognito';
import { createJwksCache, verifyToken, type JwksCache, type VerificationResult } from '../tokens';
import type { Jwks } from '../tokens/types';
import type { PlaygroundConfig } from './config';
import { callApi, type ApiCallResult, type ApiRoute, type AuthorizerKind } from './api-call';
import { IdentityPoolClient, type IdentitySdk } from './identity-pool-client';
import { providerNameOf, type IdpDeps, type IdpTokens } from './idp-federation';
import { operationForTarget } from './operations';
import { readSandboxEvents, type SandboxEvent } from './sandbox-events';
import { StorageAccess, type S3Sdk } from './storage-access';
import { assertPlainPasswordAllowed } from './link-trust';
import type { FlowRunner } from './runner';
import { ChallengeSignIn, type ChallengeStep, type FirstFactor, type SrpHelper } from './challenge-sign-in';
import type { CallerIdentity, Credentials, FlowName, SessionTokens } from './types';
import {
  UserPoolSession,
  type AuthFlow,
  type CognitoLibrary,
  type SignInOutcome,
  type SignUpResult
} from './user-pool-session';

/**
 * What the flows need: the runner, a clock, and the libraries (loaded lazily by the page).
 *
 * @example
 * ```ts
 * const flows = new PlaygroundFlows({
 *   runner, now: () => Date.now(),
 *   loadCognito: () => import('amazon-cognito-identity-js'), loadIdentitySdk
 * });
 * ```
 */
export interface FlowsDeps {
  runner: FlowRunner;
  now: () => number;
  loadCognito: () => Promise<CognitoLibrary>;
  loadIdentitySdk: () => Promise<IdentitySdk>;
  /** @aws-sdk/client-s3, loaded when "Use the credentials" opens. */
  loadS3Sdk?: () => Promise<S3Sdk>;
  /** More AWS SDK client options (the recorder fixes the user agent and retries). */
  sdkOptions?: Record<string, unknown>;
  /** For the SRP claim of choice-based sign-in; defaults to the runtime's crypto.subtle. */
  subtle?: SubtleCrypto;
}

/**
 * Both tokens checked against the pool's keys, as a backend (aws-jwt-verify) would.
 *
 * @example
 * ```ts
 * if (verification.id?.valid && verification.access?.valid) console.log('both tokens check out');
 * ```
 */
export interface TokenVerification {
  id: VerificationResult | null;
  access: VerificationResult | null;
  /** The key set used; `null` when it could not be downloaded (see `error`). */
  jwks: Jwks | null;
  error: unknown;
}

/**
 * What a sign-in step led to, with the tokens checked when it signed the user in.
 *
 * @example
 * ```ts
 * const { outcome, verification } = await flows.signIn(config, 'alice', password, 'USER_SRP_AUTH');
 * ```
 */
export interface SignInResult {
  outcome: SignInOutcome;
  verification: TokenVerification | null;
}

/**
 * A step of a sign-in run outside amazon-cognito-identity-js (choice-based sign-in, EMAIL_OTP...), with the
 * tokens checked when it signed the user in.
 */
export interface ChallengeResult {
  step: ChallengeStep;
  verification: TokenVerification | null;
}

/** The user pool API endpoint: the override (sandbox) with its trailing slash, or AWS for the region. */
export function userPoolEndpointOf(config: Pick<PlaygroundConfig, 'endpoint' | 'region'>): string {
  const endpoint = config.endpoint.trim();
  if (endpoint) return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return deriveUserPoolEndpoint({ region: config.region.trim() });
}

/** The issuer(s) tokens of the configured pool must carry: the sandbox's, or both AWS forms. */
export function expectedIssuersOf(config: Pick<PlaygroundConfig, 'endpoint' | 'userPoolId'>): string[] {
  const userPoolId = config.userPoolId.trim();
  const endpoint = config.endpoint.trim();
  return deriveAcceptedIssuers(endpoint ? { userPoolId, endpoint } : { userPoolId });
}

/**
 * The `Logins` map for an identity pool: the user pool's provider name (always the AWS form) and a token.
 *
 * @example
 * ```ts
 * loginsFor({ userPoolId: 'us-east-1_67v371xWw' }, idToken); // { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_67v371xWw': idToken }
 * ```
 */
export function loginsFor(
  config: Pick<PlaygroundConfig, 'userPoolId'>,
  token: string
): Record<string, string> {
  return { [deriveLoginsKey({ userPoolId: config.userPoolId.trim() })]: token };
}

/**
 * The flows of the playground. Each public method is one flow (or its next step) run by the runner; errors
 * reach the caller unchanged (the state classes explain them).
 *
 * @example
 * ```ts
 * const { outcome } = await flows.signIn(config, 'alice', password, 'USER_SRP_AUTH');
 * const { identityId, credentials } = await flows.enhanced(config, loginsFor(config, tokens.idToken));
 * ```
 */
export class PlaygroundFlows {
  #deps: FlowsDeps;
  #jwks: JwksCache;
  #session: UserPoolSession | undefined;
  #sessionKey = '';
  /** The sign-in flow a challenge answer continues. */
  #signInFlow: FlowName = 'sign-in-srp';

  constructor(deps: FlowsDeps) {
    this.#deps = deps;
    this.#jwks = createJwksCache({ fetch: (url, init) => deps.runner.fetch(url, init), now: deps.now });
  }

  get runner(): FlowRunner {
    return this.#deps.runner;
  }

  signUp(
    config: PlaygroundConfig,
    username: string,
    password: string,
    attributes: Record<string, string>
  ): Promise<SignUpResult> {
    return this.#run('sign-up', async () =>
      (await this.#sessionFor(config)).signUp(username, password, attributes)
    );
  }

  confirmSignUp(config: PlaygroundConfig, username: string, code: string): Promise<void> {
    return this.#run('sign-up', async () => (await this.#sessionFor(config)).confirmSignUp(username, code));
  }

  resendCode(config: PlaygroundConfig, username: string): Promise<{ destination?: string }> {
    return this.#run('sign-up', async () => (await this.#sessionFor(config)).resendCode(username));
  }

  /** InitiateAuth (SRP or plain password), then, when tokens came back, their verification. */
  signIn(
    config: PlaygroundConfig,
    username: string,
    password: string,
    authFlow: AuthFlow
  ): Promise<SignInResult> {
    this.#signInFlow = authFlow === 'USER_SRP_AUTH' ? 'sign-in-srp' : 'sign-in-password';
    return this.#run(this.#signInFlow, async () => {
      if (authFlow === 'USER_PASSWORD_AUTH') assertPlainPasswordAllowed(config);
      const outcome = await (await this.#sessionFor(config)).signIn(username, password, authFlow);
      return { outcome, verification: await this.#verifyIfSignedIn(config, outcome) };
    });
  }

  /** RespondToAuthChallenge NEW_PASSWORD_REQUIRED, in the sign-in flow it continues. */
  completeNewPassword(
    config: PlaygroundConfig,
    newPassword: string,
    attributes: Record<string, string>
  ): Promise<SignInResult> {
    return this.#run(this.#signInFlow, async () => {
      const outcome = await (await this.#sessionFor(config)).completeNewPassword(newPassword, attributes);
      return { outcome, verification: await this.#verifyIfSignedIn(config, outcome) };
    });
  }

  /** RespondToAuthChallenge SMS_MFA / SOFTWARE_TOKEN_MFA, in the sign-in flow it continues. */
  sendMfaCode(
    config: PlaygroundConfig,
    code: string,
    challenge: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA'
  ): Promise<SignInResult> {
    return this.#run(this.#signInFlow, async () => {
      const outcome = await (await this.#sessionFor(config)).sendMfaCode(code, challenge);
      return { outcome, verification: await this.#verifyIfSignedIn(config, outcome) };
    });
  }

  /** Choice-based sign-in (USER_AUTH): InitiateAuth, answered with the first factors Cognito offers. */
  challengeStart(config: PlaygroundConfig, username: string): Promise<ChallengeResult> {
    this.#signInFlow = 'sign-in-password';
    return this.#run(this.#signInFlow, async () =>
      this.#finishStep(config, await (await this.#challenges(config)).start(username))
    );
  }

  /** SELECT_CHALLENGE answered with the factor the user chose (the password for PASSWORD and PASSWORD_SRP). */
  challengeSelect(
    config: PlaygroundConfig,
    step: Extract<ChallengeStep, { kind: 'select-challenge' }>,
    answer: FirstFactor,
    password: string
  ): Promise<ChallengeResult> {
    if (answer === 'PASSWORD_SRP') this.#signInFlow = 'sign-in-srp';
    return this.#run(this.#signInFlow, async () => {
      if (answer === 'PASSWORD') assertPlainPasswordAllowed(config);
      return this.#finishStep(config, await (await this.#challenges(config)).select(step, answer, password));
    });
  }

  /** A code challenge the library cannot answer (EMAIL_OTP, SMS_OTP, or MFA after USER_AUTH). */
  challengeAnswerCode(
    config: PlaygroundConfig,
    step: Extract<ChallengeStep, { kind: 'code' }>,
    code: string
  ): Promise<ChallengeResult> {
    return this.#run(this.#signInFlow, async () =>
      this.#finishStep(config, await (await this.#challenges(config)).answerCode(step, code))
    );
  }

  /**
   * The managed login's last leg: `exchange` posts the code to /oauth2/token (through the traced fetch it is
   * given) and returns the tokens; the session adopts them and they are verified.
   */
  managedLogin(
    config: PlaygroundConfig,
    exchange: (fetchFn: typeof fetch) => Promise<SessionTokens>,
    username: (tokens: SessionTokens) => string,
    federated: { since: string; skip?: readonly string[] } | null = null
  ): Promise<{ tokens: SessionTokens; verification: TokenVerification; unseen: SandboxEvent[] | null }> {
    const flow: FlowName = federated ? 'federated-sign-in' : 'managed-login';
    this.#signInFlow = flow;
    return this.#run(flow, async () => {
      // The sandbox tells what the pool did with the IdP out of the app's sight (all of it happened before the
      // pool sent its code back, so it comes first in the trace); AWS does not.
      const unseen = federated ? await this.outOfSight(config, federated.since, federated.skip) : null;
      const tokens = await exchange(this.#deps.runner.fetch);
      (await this.#sessionFor(config)).adopt(tokens, username(tokens));
      const verification = await this.verify(config, tokens);
      return { tokens, verification, unseen };
    });
  }

  /**
   * The user pool's own exchanges with an outside IdP since `since` (ISO time), read from the sandbox's event
   * feed and added to the trace as `outOfSight` entries of the running flow. `null` off the sandbox (AWS shows
   * nothing of that leg) or when the feed cannot be read. `skip` leaves out kinds the caller saw itself.
   */
  async outOfSight(
    config: PlaygroundConfig,
    since: string,
    skip: readonly string[] = []
  ): Promise<SandboxEvent[] | null> {
    const endpoint = config.endpoint.trim();
    if (endpoint === '') return null;
    try {
      const events = (await readSandboxEvents(endpoint, 0, this.#deps.runner.fetch)).events.filter(
        (event) => event.at >= since && !skip.includes(event.kind)
      );
      for (const event of events) {
        const operation = operationForTarget(`event:${event.kind}`);
        this.#deps.runner.reportOutOfSight({
          operation: operation?.name ?? event.kind,
          request: event.request,
          response: event.response,
          summary: event.summary
        });
      }
      return events;
    } catch {
      return null;
    }
  }

  /**
   * Identity pool federation with an outside OpenID provider: `exchange` redeems the IdP's code (through the
   * traced fetch, see idp-federation.ts) and returns the IdP's tokens; the id token is checked against the
   * IdP's own keys (another issuer than the user pool), then goes into `Logins` under the provider's name for
   * GetId and GetCredentialsForIdentity. `onIdpToken` sees the token and its check before the identity pool
   * is asked, so a refusal there still shows them.
   */
  idpFederation(
    config: PlaygroundConfig,
    exchange: (deps: IdpDeps) => Promise<IdpTokens & { jwksUri: string | null }>,
    onIdpToken?: (step: {
      tokens: IdpTokens;
      verification: VerificationResult | null;
      providerName: string;
    }) => void
  ): Promise<{
    tokens: IdpTokens;
    verification: VerificationResult | null;
    providerName: string;
    identityId: string;
    credentials: Credentials;
  }> {
    return this.#run('idp-federation', async () => {
      const runner = this.#deps.runner;
      const { jwksUri, ...tokens } = await exchange({
        fetch: runner.fetch,
        nameEndpoint: (method, url, operation) => runner.nameEndpoint(method, url, operation)
      });
      const issuer = config.idpIssuer.trim();
      const providerName = providerNameOf(issuer);
      const verification = await this.verifyIdpToken(config, tokens.idToken, jwksUri);
      onIdpToken?.({ tokens, verification, providerName });
      const logins = { [providerName]: tokens.idToken };
      const client = await this.#identityClient(config);
      const identityId = await client.getId(logins);
      const credentials = await client.getCredentials(identityId, logins);
      return { tokens, verification, providerName, identityId, credentials };
    });
  }

  /**
   * An outside IdP's id token against that IdP's published keys, with the one verifier: issuer is the
   * configured IdP, audience the playground's client there; no token_use (not a user pool token). `null` when
   * the IdP announced no keys.
   */
  async verifyIdpToken(
    config: PlaygroundConfig,
    idToken: string,
    jwksUri: string | null
  ): Promise<VerificationResult | null> {
    if (!jwksUri) return null;
    return verifyToken(
      idToken,
      {
        issuer: config.idpIssuer.trim(),
        tokenUse: 'not-user-pool',
        clientId: config.idpClientId.trim(),
        groups: null,
        scopes: null
      },
      { now: this.#deps.now, jwks: this.#jwks.source(jwksUri) }
    );
  }

  /** REFRESH_TOKEN_AUTH, then the new tokens' verification. */
  refresh(config: PlaygroundConfig): Promise<{ tokens: SessionTokens; verification: TokenVerification }> {
    return this.#run('refresh', async () => {
      const tokens = await (await this.#sessionFor(config)).refresh();
      return { tokens, verification: await this.verify(config, tokens) };
    });
  }

  globalSignOut(config: PlaygroundConfig): Promise<void> {
    return this.#run('sign-out', async () => (await this.#sessionFor(config)).globalSignOut());
  }

  revokeRefreshToken(config: PlaygroundConfig): Promise<void> {
    // The tokens stay in the session: Refresh then shows Cognito refusing the revoked refresh token.
    return this.#run('revoke', async () => (await this.#sessionFor(config)).revokeRefreshToken());
  }

  /** Forgets the user pool tokens in this tab (no request). */
  signOutLocally(): void {
    this.#session?.signOutLocally();
  }

  /**
   * Both tokens against the pool's published keys (one download for both, cached): issuer, token use, client
   * id, signature, expiry. Runs inside the flow that calls it; never throws (a failure is in `error`).
   */
  async verify(config: PlaygroundConfig, tokens: SessionTokens): Promise<TokenVerification> {
    try {
      const issuers = expectedIssuersOf(config);
      const jwksUri = deriveJwksUri(issuers[0] ?? '');
      const common = { issuer: issuers, clientId: config.clientId.trim(), groups: null, scopes: null };
      const deps = { now: this.#deps.now, jwks: this.#jwks.source(jwksUri) };
      const [id, access] = await Promise.all([
        verifyToken(tokens.idToken, { ...common, tokenUse: 'id' }, deps),
        verifyToken(tokens.accessToken, { ...common, tokenUse: 'access' }, deps)
      ]);
      return { id, access, jwks: await this.#jwks.getJwks(jwksUri), error: null };
    } catch (error) {
      return { id: null, access: null, jwks: null, error };
    }
  }

  /** Enhanced (simplified) flow: GetId, then GetCredentialsForIdentity; the pool picks the role. */
  enhanced(
    config: PlaygroundConfig,
    logins: Record<string, string>,
    customRoleArn = ''
  ): Promise<{ identityId: string; credentials: Credentials }> {
    return this.#run('identity-enhanced', async () => {
      const client = await this.#identityClient(config);
      const identityId = await client.getId(logins);
      const credentials = await client.getCredentials(identityId, logins, customRoleArn || undefined);
      return { identityId, credentials };
    });
  }

  /**
   * Basic (classic) flow: GetId, GetOpenIdToken, then STS AssumeRoleWithWebIdentity with the role the app names.
   * `onOpenIdToken` sees the token as soon as it arrives.
   */
  basic(
    config: PlaygroundConfig,
    logins: Record<string, string>,
    roleArn: string,
    onIdentity?: (step: { identityId: string; openIdToken?: string }) => void
  ): Promise<{ identityId: string; openIdToken: string; credentials: Credentials }> {
    return this.#run('identity-basic', async () => {
      const client = await this.#identityClient(config);
      const identityId = await client.getId(logins);
      onIdentity?.({ identityId });
      const openIdToken = await client.getOpenIdToken(identityId, logins);
      onIdentity?.({ identityId, openIdToken });
      const { credentials } = await client.assumeRoleWithWebIdentity(
        roleArn,
        openIdToken,
        'cognito-lens-playground'
      );
      return { identityId, openIdToken, credentials };
    });
  }

  /** A guest (unauthenticated) identity: GetId and GetCredentialsForIdentity without Logins. */
  guest(config: PlaygroundConfig): Promise<{ identityId: string; credentials: Credentials }> {
    return this.#run('identity-guest', async () => {
      const client = await this.#identityClient(config);
      const identityId = await client.getId(undefined);
      return { identityId, credentials: await client.getCredentials(identityId, undefined) };
    });
  }

  /** STS GetCallerIdentity signed with the credentials: if AWS accepts the signature, they are real. */
  prove(config: PlaygroundConfig, credentials: Credentials): Promise<CallerIdentity> {
    return this.#run('prove-credentials', async () =>
      (await this.#identityClient(config)).getCallerIdentity(credentials)
    );
  }

  /** "Call an API with your tokens": one GET with a user pool token in Authorization. */
  callApi(request: {
    apiUrl: string;
    route: ApiRoute;
    kind: AuthorizerKind;
    token: string;
  }): Promise<ApiCallResult> {
    return this.#run('call-api', () => callApi(this.#deps.runner.fetch, request));
  }

  /** An S3 client signing with these credentials, its requests traced (loads @aws-sdk/client-s3 once). */
  async storage(
    target: { region: string; bucket: string; endpoint: string },
    credentials: Credentials
  ): Promise<StorageAccess> {
    const load = this.#deps.loadS3Sdk;
    if (!load) throw new Error('The S3 client is not available here.');
    return new StorageAccess(
      await load(),
      { ...target, fetch: this.#deps.runner.fetch, clientOptions: this.#deps.sdkOptions },
      credentials
    );
  }

  /** "Use the credentials": S3 calls, run as one step of that flow. */
  useCredentials<T>(work: () => Promise<T>): Promise<T> {
    return this.#run('use-credentials', work);
  }

  #run<T>(flow: FlowName, work: () => Promise<T>): Promise<T> {
    return this.#deps.runner.run(flow, work);
  }

  async #verifyIfSignedIn(
    config: PlaygroundConfig,
    outcome: SignInOutcome
  ): Promise<TokenVerification | null> {
    return outcome.kind === 'signed-in' ? this.verify(config, outcome.tokens) : null;
  }

  /** Signed in by a challenge answer: the library's session adopts the tokens, so refresh and sign-out work. */
  async #finishStep(config: PlaygroundConfig, step: ChallengeStep): Promise<ChallengeResult> {
    if (step.kind !== 'signed-in') return { step, verification: null };
    (await this.#sessionFor(config)).adopt(step.tokens, step.username);
    return { step, verification: await this.verify(config, step.tokens) };
  }

  async #challenges(config: PlaygroundConfig): Promise<ChallengeSignIn> {
    const lib = (await this.#deps.loadCognito()) as CognitoLibrary & {
      AuthenticationHelper?: new (poolName: string) => SrpHelper;
    };
    const Helper = lib.AuthenticationHelper;
    if (!Helper) throw new Error('amazon-cognito-identity-js has no AuthenticationHelper.');
    return new ChallengeSignIn({
      fetch: this.#deps.runner.fetch,
      endpoint: userPoolEndpointOf(config),
      userPoolId: config.userPoolId.trim(),
      clientId: config.clientId.trim(),
      now: this.#deps.now,
      subtle: this.#deps.subtle ?? globalThis.crypto.subtle,
      srpHelper: (poolName) => new Helper(poolName)
    });
  }

  async #sessionFor(config: PlaygroundConfig): Promise<UserPoolSession> {
    const endpoint = userPoolEndpointOf(config);
    const key = `${endpoint}|${config.userPoolId.trim()}|${config.clientId.trim()}`;
    if (!this.#session || key !== this.#sessionKey) {
      this.#session = new UserPoolSession(await this.#deps.loadCognito(), {
        userPoolId: config.userPoolId.trim(),
        clientId: config.clientId.trim(),
        endpoint,
        fetch: this.#deps.runner.fetch
      });
      this.#sessionKey = key;
    }
    return this.#session;
  }

  async #identityClient(config: PlaygroundConfig): Promise<IdentityPoolClient> {
    return new IdentityPoolClient(await this.#deps.loadIdentitySdk(), {
      region: config.region.trim(),
      identityPoolId: config.identityPoolId.trim(),
      endpoint: config.endpoint.trim().replace(/\/+$/, ''),
      fetch: this.#deps.runner.fetch,
      clientOptions: this.#deps.sdkOptions
    });
  }
}
