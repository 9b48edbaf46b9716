import { deriveLoginsKey } from '$lib/cognito';
import { explainError, type Explanation } from '$lib/errors';
import {
  IdentityPoolClient,
  type AwsCredentials,
  type CallerIdentity,
  type IdentitySdk
} from '$lib/flows/identity-pool-client';
import { describeRoleChoice, type RoleChoice } from '$lib/flows/roles';
import {
  createJwksCache,
  inspectToken,
  verifyToken,
  type JwksCache,
  type VerificationResult
} from '$lib/tokens';
import type { PlaygroundState } from './playground.svelte';

export type IdentityFlow = 'enhanced' | 'basic' | 'guest';

export interface IdentityDeps {
  loadSdk: () => Promise<IdentitySdk>;
  now: () => number;
  fetch: typeof fetch;
}

/**
 * The playground's identity-pool side: turns the user pool's id token into temporary AWS credentials with the
 * enhanced flow, the basic flow or as a guest, and proves them with STS GetCallerIdentity. Credentials live in
 * memory only.
 */
export class IdentityState {
  flow = $state<IdentityFlow>('enhanced');
  /** Which user-pool token goes into Logins. Only the id token is accepted; the access token shows why. */
  loginToken = $state<'id' | 'access'>('id');
  customRoleArn = $state('');
  basicRoleArn = $state('');
  busy = $state<string | null>(null);
  error = $state<{ error: unknown; explanation: Explanation; during: string } | null>(null);
  identityId = $state<string | null>(null);
  credentials = $state<AwsCredentials | null>(null);
  credentialsFlow = $state<IdentityFlow | null>(null);
  openIdToken = $state<string | null>(null);
  openIdVerification = $state<VerificationResult | null>(null);
  caller = $state<CallerIdentity | null>(null);
  proveError = $state<{ error: unknown; explanation: Explanation } | null>(null);

  #playground: PlaygroundState;
  #deps: IdentityDeps;
  #jwks: JwksCache;

  constructor(playground: PlaygroundState, deps: IdentityDeps) {
    this.#playground = playground;
    this.#deps = deps;
    this.#jwks = createJwksCache({ fetch: (url, init) => deps.fetch(url, init), now: deps.now });
  }

  get config() {
    return this.#playground.config;
  }

  /** The provider name an identity pool expects for this user pool: always the AWS form. */
  get loginsKey(): string {
    const { region, userPoolId } = this.config;
    try {
      return deriveLoginsKey({ userPoolId: userPoolId.trim() });
    } catch {
      return `cognito-idp.${region.trim() || '<region>'}.amazonaws.com/${userPoolId.trim() || '<userPoolId>'}`;
    }
  }

  /** The Logins map as it will be sent (the page shows it truncated). Null for a guest or without tokens. */
  get logins(): Record<string, string> | null {
    const tokens = this.#playground.tokens;
    if (this.flow === 'guest' || !tokens) return null;
    return { [this.loginsKey]: this.loginToken === 'id' ? tokens.idToken : tokens.accessToken };
  }

  /** Claims of the id token: where cognito:roles and cognito:preferred_role come from. */
  get idClaims(): Record<string, unknown> | null {
    const tokens = this.#playground.tokens;
    if (!tokens) return null;
    const decoded = inspectToken(tokens.idToken);
    return decoded.kind === 'jws' ? decoded.payload : null;
  }

  get tokenRoles(): string[] {
    const roles = this.idClaims?.['cognito:roles'];
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  }

  get roleChoice(): RoleChoice {
    return describeRoleChoice({
      claims: this.credentialsFlow === 'guest' ? null : this.idClaims,
      customRoleArn: this.credentialsFlow === 'enhanced' ? this.customRoleArn : '',
      assumedRoleArn: this.caller?.arn ?? null,
      guest: this.credentialsFlow === 'guest'
    });
  }

  get ready(): boolean {
    return this.busy === null && this.config.identityPoolId.trim() !== '' && this.config.region.trim() !== '';
  }

  /** Enhanced (simplified) flow: GetId, then GetCredentialsForIdentity; the pool picks the role. */
  runEnhanced(): Promise<void> {
    return this.#run('Getting credentials (enhanced flow)…', 'The enhanced flow', async (client) => {
      const logins = this.#requireLogins();
      const identityId = await client.getId(logins);
      this.identityId = identityId;
      this.#setCredentials(
        await client.getCredentials(identityId, logins, this.customRoleArn || undefined),
        'enhanced'
      );
    });
  }

  /** Basic (classic) flow: GetId, GetOpenIdToken, then STS AssumeRoleWithWebIdentity with a role the app names. */
  runBasic(): Promise<void> {
    return this.#run('Getting credentials (basic flow)…', 'The basic flow', async (client) => {
      const logins = this.#requireLogins();
      if (!this.basicRoleArn.trim()) throw new Error('Enter the ARN of the role to assume.');
      const identityId = await client.getId(logins);
      this.identityId = identityId;
      const token = await client.getOpenIdToken(identityId, logins);
      this.openIdToken = token;
      void this.#verifyOpenIdToken(token);
      const { credentials } = await client.assumeRoleWithWebIdentity(
        this.basicRoleArn.trim(),
        token,
        'cognito-lens-playground'
      );
      this.#setCredentials(credentials, 'basic');
    });
  }

  /** A guest (unauthenticated) identity: GetId and GetCredentialsForIdentity without Logins. */
  runGuest(): Promise<void> {
    return this.#run('Getting guest credentials…', 'The guest identity', async (client) => {
      const identityId = await client.getId(undefined);
      this.identityId = identityId;
      this.#setCredentials(await client.getCredentials(identityId, undefined), 'guest');
    });
  }

  /** STS GetCallerIdentity signed with the credentials: if AWS accepts the signature, they are real. */
  async proveIt(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials || this.busy !== null) return;
    this.busy = 'Calling STS GetCallerIdentity…';
    this.proveError = null;
    try {
      this.caller = await (await this.#client()).getCallerIdentity(credentials);
    } catch (error) {
      this.proveError = { error, explanation: explainError(error) };
    } finally {
      this.busy = null;
    }
  }

  forget(): void {
    this.credentials = null;
    this.credentialsFlow = null;
    this.caller = null;
    this.identityId = null;
    this.openIdToken = null;
    this.openIdVerification = null;
  }

  #setCredentials(credentials: AwsCredentials, flow: IdentityFlow): void {
    this.credentials = credentials;
    this.credentialsFlow = flow;
    this.caller = null;
    this.proveError = null;
  }

  #requireLogins(): Record<string, string> {
    const logins = this.logins;
    if (!logins) throw new Error('Sign in first: the identity pool needs the user pool token in Logins.');
    return logins;
  }

  async #verifyOpenIdToken(token: string): Promise<void> {
    const decoded = inspectToken(token);
    const iss = decoded.kind === 'jws' && typeof decoded.payload.iss === 'string' ? decoded.payload.iss : '';
    // Cognito Identity publishes its keys at {iss}/.well-known/jwks_uri.
    const jwks = this.#jwks.source(`${iss.replace(/\/+$/, '')}/.well-known/jwks_uri`);
    try {
      this.openIdVerification = await verifyToken(
        token,
        {
          issuer: iss || null,
          tokenUse: 'not-user-pool',
          clientId: null,
          groups: null,
          scopes: null
        },
        { now: this.#deps.now, jwks }
      );
    } catch {
      this.openIdVerification = null;
    }
  }

  async #client(): Promise<IdentityPoolClient> {
    const sdk = await this.#deps.loadSdk();
    const { region, identityPoolId, endpoint } = this.config;
    return new IdentityPoolClient(sdk, {
      region: region.trim(),
      identityPoolId: identityPoolId.trim(),
      endpoint: endpoint.trim().replace(/\/+$/, '')
    });
  }

  async #run(
    label: string,
    during: string,
    work: (client: IdentityPoolClient) => Promise<void>
  ): Promise<void> {
    if (this.busy !== null) return;
    this.busy = label;
    this.error = null;
    this.forget();
    try {
      await work(await this.#client());
    } catch (error) {
      this.error = { error, explanation: explainError(error), during };
    } finally {
      this.busy = null;
    }
  }
}
