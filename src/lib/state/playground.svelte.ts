import { explainError, type Explanation } from '$lib/errors';
import { validateConfig, type FieldProblem, type PlaygroundConfig } from '$lib/playground/config';
import { diffTokens, type RefreshDiff } from '$lib/playground/diff-tokens';
import {
  expectedIssuersOf,
  userPoolEndpointOf,
  type PlaygroundFlows,
  type TokenVerification
} from '$lib/playground/flows';
import type { SessionTokens, TraceEntry, TraceEvent } from '$lib/playground/types';
import type { AuthFlow, SignInOutcome } from '$lib/playground/user-pool-session';
import { inspectToken, type TokenInspection, type VerificationResult } from '$lib/tokens';

/**
 * Where the user-pool conversation stands. A small state machine: each action is allowed only in the phases
 * listed for it, so the page never offers a button that cannot work.
 */
export type Phase = 'signed-out' | 'confirm-sign-up' | 'new-password' | 'mfa' | 'signed-in';

export const ALLOWED: Record<string, readonly Phase[]> = {
  signIn: ['signed-out', 'confirm-sign-up', 'new-password', 'mfa'],
  signUp: ['signed-out', 'confirm-sign-up'],
  confirm: ['signed-out', 'confirm-sign-up'],
  completeNewPassword: ['new-password'],
  sendMfaCode: ['mfa'],
  refresh: ['signed-in'],
  signOut: ['signed-in']
};

/**
 * The claims of a JWS, or `null` for anything else.
 *
 * @example
 * ```ts
 * claimsOf(inspectToken(idToken))?.sub;
 * ```
 */
export function claimsOf(decoded: TokenInspection | null): Record<string, unknown> | null {
  return decoded?.kind === 'jws' ? decoded.payload : null;
}

/**
 * The playground's user-pool side: configuration, the sign-in state machine, the tokens (in memory only, each
 * decoded once) and the trace of every HTTP exchange, fed by the runner's events. The flows are passed in.
 */
export class PlaygroundState {
  config = $state<PlaygroundConfig>({
    region: '',
    userPoolId: '',
    clientId: '',
    domain: '',
    identityPoolId: '',
    endpoint: ''
  });
  problems: FieldProblem[] = $derived(validateConfig(this.config));
  /** True when the user-pool fields are usable (identity pool and domain are optional). */
  ready = $derived(
    !this.problems.some((p) => ['region', 'userPoolId', 'clientId', 'endpoint'].includes(p.field))
  );
  /** The issuer(s) tokens of the configured pool must carry: the sandbox's, or both AWS forms. */
  expectedIssuers = $derived(expectedIssuersOf(this.config));
  /** The user pool API endpoint requests go to: the override (sandbox) or AWS for the region. */
  userPoolEndpoint = $derived(userPoolEndpointOf(this.config));
  phase = $state<Phase>('signed-out');
  busy = $state<string | null>(null);
  error = $state<{ explanation: Explanation; error: unknown; during: string } | null>(null);
  notice = $state<string | null>(null);
  trace = $state<TraceEntry[]>([]);
  tokens = $state<SessionTokens | null>(null);
  /** The tokens decoded, once per new token (never per read). */
  decoded = $derived(
    this.tokens
      ? { id: inspectToken(this.tokens.idToken), access: inspectToken(this.tokens.accessToken) }
      : null
  );
  idClaims = $derived(claimsOf(this.decoded?.id ?? null));
  refreshDiffs = $state<RefreshDiff[]>([]);
  pendingUsername = $state('');
  requiredAttributes = $state<string[]>([]);
  mfaChallenge = $state<'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | null>(null);
  unsupportedChallenge = $state<string | null>(null);
  lastFlow = $state<AuthFlow>('USER_SRP_AUTH');
  verifications = $state<{ id: VerificationResult | null; access: VerificationResult | null }>({
    id: null,
    access: null
  });
  verifying = $state(false);
  verifyError = $state<Explanation | null>(null);

  #flows: PlaygroundFlows;
  #signedOutListeners: (() => void)[] = [];

  constructor(flows: PlaygroundFlows) {
    this.#flows = flows;
    flows.runner.subscribe((event) => this.record(event));
  }

  /** Called whenever the user is signed out (locally or everywhere): the identity side forgets its credentials. */
  onSignedOut(listener: () => void): () => void {
    this.#signedOutListeners.push(listener);
    return () => {
      this.#signedOutListeners = this.#signedOutListeners.filter((l) => l !== listener);
    };
  }

  /** Checks the tokens again against the pool's keys (the page's "verify again"). */
  async verifyTokens(): Promise<void> {
    const tokens = this.tokens;
    if (!tokens) return;
    this.verifying = true;
    const verification = await this.#flows.verify(this.config, tokens);
    if (this.tokens === tokens) this.#applyVerification(verification);
    this.verifying = false;
  }

  can(action: keyof typeof ALLOWED): boolean {
    return this.busy === null && this.ready && (ALLOWED[action]?.includes(this.phase) ?? false);
  }

  setConfig(values: Partial<PlaygroundConfig>): void {
    this.config = { ...this.config, ...values };
  }

  /** One runner event: exchanges enter the trace, and are replaced when they finish. */
  record(event: TraceEvent): void {
    if (event.type === 'exchange-started') this.trace = [...this.trace, event.entry];
    else if (event.type === 'exchange-finished') {
      this.trace = this.trace.map((e) => (e.id === event.entry.id ? event.entry : e));
    }
  }

  clearTrace(): void {
    this.trace = [];
  }

  signUp(username: string, password: string, attributes: Record<string, string>): Promise<void> {
    return this.#run('signUp', 'Signing up…', 'Sign-up', async (config) => {
      const result = await this.#flows.signUp(config, username, password, attributes);
      this.pendingUsername = username;
      if (result.userConfirmed) {
        this.notice = `${username} is signed up and already confirmed: sign in.`;
        this.phase = 'signed-out';
      } else {
        this.notice = `Cognito sent a confirmation code${result.destination ? ` to ${result.destination}` : ''}. Enter it to confirm ${username}.`;
        this.phase = 'confirm-sign-up';
      }
    });
  }

  confirmSignUp(username: string, code: string): Promise<void> {
    return this.#run('confirm', 'Confirming…', 'Confirmation', async (config) => {
      await this.#flows.confirmSignUp(config, username, code);
      this.pendingUsername = username;
      this.notice = `${username} is confirmed: sign in now.`;
      this.phase = 'signed-out';
    });
  }

  resendCode(username: string): Promise<void> {
    return this.#run('confirm', 'Asking for a new code…', 'Resending the code', async (config) => {
      const { destination } = await this.#flows.resendCode(config, username);
      this.pendingUsername = username;
      this.notice = `A new code was sent${destination ? ` to ${destination}` : ''}.`;
      this.phase = 'confirm-sign-up';
    });
  }

  signIn(username: string, password: string, flow: AuthFlow): Promise<void> {
    this.lastFlow = flow;
    const label = flow === 'USER_SRP_AUTH' ? 'Signing in with SRP…' : 'Signing in with USER_PASSWORD_AUTH…';
    return this.#run('signIn', label, 'Sign-in', async (config) => {
      this.pendingUsername = username;
      const result = await this.#flows.signIn(config, username, password, flow);
      this.#apply(result.outcome, result.verification);
    });
  }

  completeNewPassword(newPassword: string, attributes: Record<string, string>): Promise<void> {
    return this.#run(
      'completeNewPassword',
      'Setting the new password…',
      'Setting a new password',
      async (config) => {
        const result = await this.#flows.completeNewPassword(config, newPassword, attributes);
        this.#apply(result.outcome, result.verification);
      }
    );
  }

  sendMfaCode(code: string): Promise<void> {
    const challenge = this.mfaChallenge ?? 'SOFTWARE_TOKEN_MFA';
    return this.#run('sendMfaCode', 'Checking the code…', 'The MFA code', async (config) => {
      const result = await this.#flows.sendMfaCode(config, code, challenge);
      this.#apply(result.outcome, result.verification);
    });
  }

  refresh(): Promise<void> {
    return this.#run('refresh', 'Refreshing the tokens…', 'Refresh', async (config) => {
      const before = this.tokens;
      const { tokens: after, verification } = await this.#flows.refresh(config);
      this.tokens = after;
      if (before) {
        this.refreshDiffs = [
          diffTokens(before.idToken, after.idToken, 'id'),
          diffTokens(before.accessToken, after.accessToken, 'access')
        ];
      }
      this.#applyVerification(verification);
      this.notice = 'New id and access tokens. The refresh token stays the same.';
    });
  }

  globalSignOut(): Promise<void> {
    return this.#run('signOut', 'Signing out everywhere…', 'Global sign-out', async (config) => {
      await this.#flows.globalSignOut(config);
      this.#signedOut('Signed out everywhere: GlobalSignOut revoked every refresh token of this user.');
    });
  }

  revokeRefreshToken(): Promise<void> {
    return this.#run(
      'signOut',
      'Revoking the refresh token…',
      'Revoking the refresh token',
      async (config) => {
        await this.#flows.revokeRefreshToken(config);
        this.#signedOut('The refresh token is revoked: it, and tokens issued from it, no longer work.');
      }
    );
  }

  /**
   * The managed login's code exchange (see `managed-login.ts`): the tokens are shown, verified, and
   * refreshable like any others.
   */
  finishManagedLogin(exchange: (fetchFn: typeof fetch) => Promise<SessionTokens>): Promise<void> {
    return this.#run('signIn', 'Exchanging the code for tokens…', 'Managed login', async (config) => {
      let username = 'user';
      const { tokens, verification } = await this.#flows.managedLogin(config, exchange, (issued) => {
        const claims = claimsOf(inspectToken(issued.idToken)) ?? {};
        username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? 'user');
        return username;
      });
      this.pendingUsername = username;
      this.#apply({ kind: 'signed-in', tokens }, verification);
    });
  }

  /** Shows a failure that happened outside an action (e.g. the managed login redirect came back with an error). */
  fail(error: unknown, during: string): void {
    this.error = { explanation: explainError(error), error, during };
  }

  signOutLocally(): void {
    this.#flows.signOutLocally();
    this.#signedOut(
      'Signed out in this tab. Cognito was not told: the refresh token stays valid until it expires.'
    );
  }

  dismissError(): void {
    this.error = null;
  }

  #signedOut(notice: string): void {
    this.tokens = null;
    this.verifications = { id: null, access: null };
    this.refreshDiffs = [];
    this.phase = 'signed-out';
    this.notice = notice;
    for (const listener of this.#signedOutListeners) listener();
  }

  #applyVerification(verification: TokenVerification | null): void {
    if (verification === null) return;
    this.verifications = { id: verification.id, access: verification.access };
    this.verifyError = verification.error === null ? null : explainError(verification.error);
  }

  #apply(outcome: SignInOutcome, verification: TokenVerification | null): void {
    this.unsupportedChallenge = null;
    switch (outcome.kind) {
      case 'signed-in':
        this.tokens = outcome.tokens;
        this.refreshDiffs = [];
        this.phase = 'signed-in';
        this.notice = null;
        this.#applyVerification(verification);
        break;
      case 'new-password-required':
        this.requiredAttributes = outcome.requiredAttributes;
        this.phase = 'new-password';
        this.notice =
          'Cognito asks for a new password (NEW_PASSWORD_REQUIRED): this user was created by an admin.';
        break;
      case 'mfa-required':
        this.mfaChallenge = outcome.challenge;
        this.phase = 'mfa';
        this.notice =
          outcome.challenge === 'SMS_MFA'
            ? `Cognito sent a code by SMS${outcome.destination ? ` to ${outcome.destination}` : ''} (SMS_MFA).`
            : 'Enter the code from your authenticator app (SOFTWARE_TOKEN_MFA).';
        break;
      case 'unsupported-challenge':
        this.unsupportedChallenge = outcome.challenge;
        this.phase = 'signed-out';
        this.notice = null;
        break;
    }
  }

  async #run(
    action: keyof typeof ALLOWED,
    label: string,
    during: string,
    work: (config: PlaygroundConfig) => Promise<void>
  ): Promise<void> {
    if (this.busy !== null) return;
    if (!ALLOWED[action]?.includes(this.phase)) return;
    this.busy = label;
    this.error = null;
    this.notice = null;
    try {
      await work($state.snapshot(this.config));
    } catch (error) {
      // Nothing the user typed is touched: the forms keep their values, only the explanation appears.
      this.error = { explanation: explainError(error), error, during };
    } finally {
      this.busy = null;
    }
  }
}
