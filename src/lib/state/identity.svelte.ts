import { deriveLoginsKey } from '$lib/cognito';
import { explainError, type Explanation } from '$lib/errors';
import type { PlaygroundConfig } from '$lib/playground/config';
import type { PlaygroundFlows } from '$lib/playground/flows';
import { describeRoleChoice, type RoleChoice } from '$lib/playground/roles';
import type { CallerIdentity, Credentials } from '$lib/playground/types';
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
  flows: PlaygroundFlows;
  now: () => number;
}

/**
 * The playground's identity-pool side: turns the user pool's id token into temporary AWS credentials with the
 * enhanced flow, the basic flow or as a guest, and proves them with STS GetCallerIdentity. Credentials live in
 * memory only, and are forgotten when the user signs out.
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
  credentials = $state<Credentials | null>(null);
  credentialsFlow = $state<IdentityFlow | null>(null);
  openIdToken = $state<string | null>(null);
  openIdVerification = $state<VerificationResult | null>(null);
  caller = $state<CallerIdentity | null>(null);
  proveError = $state<{ error: unknown; explanation: Explanation } | null>(null);

  /** The provider name an identity pool expects for this user pool: always the AWS form. */
  loginsKey = $derived.by(() => {
    const { region, userPoolId } = this.#playground.config;
    try {
      return deriveLoginsKey({ userPoolId: userPoolId.trim() });
    } catch {
      return `cognito-idp.${region.trim() || '<region>'}.amazonaws.com/${userPoolId.trim() || '<userPoolId>'}`;
    }
  });

  /** The Logins map as it will be sent (the page shows it truncated). Null for a guest or without tokens. */
  logins = $derived.by((): Record<string, string> | null => {
    const tokens = this.#playground.tokens;
    if (this.flow === 'guest' || !tokens) return null;
    return { [this.loginsKey]: this.loginToken === 'id' ? tokens.idToken : tokens.accessToken };
  });

  tokenRoles = $derived.by(() => {
    const roles = this.#playground.idClaims?.['cognito:roles'];
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  });

  roleChoice: RoleChoice = $derived.by(() =>
    describeRoleChoice({
      claims: this.credentialsFlow === 'guest' ? null : this.#playground.idClaims,
      customRoleArn: this.credentialsFlow === 'enhanced' ? this.customRoleArn : '',
      assumedRoleArn: this.caller?.Arn ?? null,
      guest: this.credentialsFlow === 'guest'
    })
  );

  ready = $derived.by(
    () =>
      this.busy === null &&
      this.#playground.config.identityPoolId.trim() !== '' &&
      this.#playground.config.region.trim() !== ''
  );

  #playground: PlaygroundState;
  #deps: IdentityDeps;
  #jwks: JwksCache;

  constructor(playground: PlaygroundState, deps: IdentityDeps) {
    this.#playground = playground;
    this.#deps = deps;
    this.#jwks = createJwksCache({
      fetch: (url, init) => deps.flows.runner.fetch(url, init),
      now: deps.now
    });
    // Signing out (here or everywhere) ends what the tokens were traded for.
    playground.onSignedOut(() => this.forget());
  }

  get config() {
    return this.#playground.config;
  }

  /** Enhanced (simplified) flow: GetId, then GetCredentialsForIdentity; the pool picks the role. */
  runEnhanced(): Promise<void> {
    return this.#run('Getting credentials (enhanced flow)…', 'The enhanced flow', async (config) => {
      const logins = this.#requireLogins();
      const { identityId, credentials } = await this.#deps.flows.enhanced(config, logins, this.customRoleArn);
      this.identityId = identityId;
      this.#setCredentials(credentials, 'enhanced');
    });
  }

  /** Basic (classic) flow: GetId, GetOpenIdToken, then STS AssumeRoleWithWebIdentity with a role the app names. */
  runBasic(): Promise<void> {
    return this.#run('Getting credentials (basic flow)…', 'The basic flow', async (config) => {
      const logins = this.#requireLogins();
      const roleArn = this.basicRoleArn.trim();
      if (!roleArn) throw new Error('Enter the ARN of the role to assume.');
      const { credentials } = await this.#deps.flows.basic(config, logins, roleArn, (step) => {
        this.identityId = step.identityId;
        if (step.openIdToken) {
          this.openIdToken = step.openIdToken;
          void this.#verifyOpenIdToken(step.openIdToken);
        }
      });
      this.#setCredentials(credentials, 'basic');
    });
  }

  /** A guest (unauthenticated) identity: GetId and GetCredentialsForIdentity without Logins. */
  runGuest(): Promise<void> {
    return this.#run('Getting guest credentials…', 'The guest identity', async (config) => {
      const { identityId, credentials } = await this.#deps.flows.guest(config);
      this.identityId = identityId;
      this.#setCredentials(credentials, 'guest');
    });
  }

  /** STS GetCallerIdentity signed with the credentials: if AWS accepts the signature, they are real. */
  async proveIt(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials || this.busy !== null) return;
    this.busy = 'Calling STS GetCallerIdentity…';
    this.proveError = null;
    try {
      this.caller = await this.#deps.flows.prove($state.snapshot(this.config), credentials);
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

  #setCredentials(credentials: Credentials, flow: IdentityFlow): void {
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

  async #run(
    label: string,
    during: string,
    work: (config: PlaygroundConfig) => Promise<void>
  ): Promise<void> {
    if (this.busy !== null) return;
    this.busy = label;
    this.error = null;
    this.forget();
    try {
      await work($state.snapshot(this.config));
    } catch (error) {
      this.error = { error, explanation: explainError(error), during };
    } finally {
      this.busy = null;
    }
  }
}
