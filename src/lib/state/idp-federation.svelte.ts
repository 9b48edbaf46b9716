import { explainError, type Explanation } from '$lib/errors';
import type { PlaygroundConfig } from '$lib/playground/config';
import type { PlaygroundFlows } from '$lib/playground/flows';
import {
  finishIdpSignIn,
  providerNameOf,
  startIdpSignIn,
  type IdpTokens,
  type OAuthLibrary,
  type PendingIdpLogin
} from '$lib/playground/idp-federation';
import { explainRoleChoice, type KnownPoolRoles, type RoleExplanation } from '$lib/playground/role-rules';
import type { CallerIdentity, Credentials } from '$lib/playground/types';
import { inspectToken, type VerificationResult } from '$lib/tokens';
import { claimsOf, type PlaygroundState } from './playground.svelte';

/**
 * What identity pool federation with an outside IdP needs: the flows, a clock, oauth4webapi (loaded only when
 * this flow starts) and what the page knows of the pool's roles (the sandbox preset; `null` on AWS).
 */
export interface IdpFederationDeps {
  flows: PlaygroundFlows;
  now: () => number;
  loadOAuth: () => Promise<OAuthLibrary>;
  knownRoles: (identityPoolId: string, providerName: string) => KnownPoolRoles | null;
}

/**
 * Identity pool federation, direct: sign in at an outside OpenID provider (code + PKCE), show its id token
 * checked against its own keys, put it in `Logins` under the provider's name, get AWS credentials, prove them,
 * and explain the role. Tokens and credentials live in memory only.
 */
export class IdpFederationState {
  busy = $state<string | null>(null);
  error = $state<{ error: unknown; explanation: Explanation; during: string } | null>(null);
  tokens = $state<IdpTokens | null>(null);
  verification = $state<VerificationResult | null>(null);
  providerName = $state('');
  identityId = $state<string | null>(null);
  credentials = $state<Credentials | null>(null);
  caller = $state<CallerIdentity | null>(null);

  /** The IdP's id token decoded once per token. */
  decoded = $derived(this.tokens ? inspectToken(this.tokens.idToken) : null);
  claims = $derived(claimsOf(this.decoded));
  /** The issuer the token names, next to the user pool's: not the same one. */
  issuer = $derived(typeof this.claims?.iss === 'string' ? this.claims.iss : null);

  /** Usable: an identity pool and both IdP fields, without problems. */
  ready = $derived.by(() => {
    const config = this.#playground.config;
    const problems = this.#playground.problems.filter((problem) =>
      ['idpIssuer', 'idpClientId', 'identityPoolId', 'region'].includes(problem.field)
    );
    return (
      problems.length === 0 &&
      config.idpIssuer.trim() !== '' &&
      config.idpClientId.trim() !== '' &&
      config.identityPoolId.trim() !== ''
    );
  });

  /** The Logins key the identity pool expects for this provider. */
  loginsKey = $derived.by(() => providerNameOf(this.#playground.config.idpIssuer));

  roles: RoleExplanation = $derived.by(() => {
    const config = this.#playground.config;
    return explainRoleChoice({
      claims: this.claims,
      known: this.#deps.knownRoles(config.identityPoolId, this.loginsKey),
      assumedRoleArn: this.caller?.Arn ?? null,
      provider: this.loginsKey
    });
  });

  #playground: PlaygroundState;
  #deps: IdpFederationDeps;

  constructor(playground: PlaygroundState, deps: IdpFederationDeps) {
    this.#playground = playground;
    this.#deps = deps;
    // Signing out ends the session on this page: every credential it holds goes, this sign-in's too.
    playground.onSignedOut(() => this.forget());
  }

  get config(): PlaygroundConfig {
    return this.#playground.config;
  }

  /** Start the sign-in at the IdP: resolves to the URL to send the browser to, or `null` after a failure. */
  async start(redirectUri: string, storage: Pick<Storage, 'setItem'> | null): Promise<string | null> {
    if (this.busy !== null) return null;
    this.busy = "Reading the IdP's configuration…";
    this.error = null;
    const config = $state.snapshot(this.config);
    try {
      const lib = await this.#deps.loadOAuth();
      const runner = this.#deps.flows.runner;
      return await runner.run('idp-federation', () =>
        startIdpSignIn(
          lib,
          { issuer: config.idpIssuer.trim(), clientId: config.idpClientId.trim(), redirectUri, config },
          {
            fetch: runner.fetch,
            storage,
            nameEndpoint: (method, url, operation) => runner.nameEndpoint(method, url, operation)
          }
        )
      );
    } catch (error) {
      this.error = { error, explanation: explainError(error), during: 'Starting the sign-in at the IdP' };
      return null;
    } finally {
      this.busy = null;
    }
  }

  /**
   * The IdP came back to the page: exchange its code, verify its id token, trade it for credentials, then
   * prove them (GetCallerIdentity) so the role can be named and explained.
   */
  async finish(pending: PendingIdpLogin, callback: URL, redirectUri: string): Promise<void> {
    if (this.busy !== null) return;
    this.busy = "Exchanging the IdP's code, then asking the identity pool…";
    this.error = null;
    this.forget();
    const config = pending.config;
    try {
      const lib = await this.#deps.loadOAuth();
      const result = await this.#deps.flows.idpFederation(
        config,
        (deps) => finishIdpSignIn(lib, pending, callback, redirectUri, deps),
        (step) => {
          this.tokens = step.tokens;
          this.verification = step.verification;
          this.providerName = step.providerName;
        }
      );
      this.identityId = result.identityId;
      this.credentials = result.credentials;
    } catch (error) {
      this.error = { error, explanation: explainError(error), during: 'Identity pool federation' };
      return;
    } finally {
      this.busy = null;
    }
    await this.prove(config);
  }

  /** STS GetCallerIdentity with the credentials: names the role they belong to. */
  async prove(config: PlaygroundConfig = $state.snapshot(this.config)): Promise<void> {
    const credentials = this.credentials;
    if (!credentials || this.busy !== null) return;
    this.busy = 'Calling STS GetCallerIdentity…';
    try {
      this.caller = await this.#deps.flows.prove(config, credentials);
    } catch (error) {
      this.error = { error, explanation: explainError(error), during: 'GetCallerIdentity' };
    } finally {
      this.busy = null;
    }
  }

  /** Shows a failure that happened outside an action (the IdP came back with an error). */
  fail(error: unknown, during: string): void {
    this.error = { error, explanation: explainError(error), during };
  }

  forget(): void {
    this.tokens = null;
    this.verification = null;
    this.identityId = null;
    this.credentials = null;
    this.caller = null;
  }
}
