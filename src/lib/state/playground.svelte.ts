import { explainError, type Explanation } from '$lib/errors';
import { validateConfig, type FieldProblem, type PlaygroundConfig } from '$lib/playground/config';
import { diffTokens, type RefreshDiff } from '$lib/playground/diff-tokens';
import {
  stepFrom,
  type ChallengeStep,
  type CodeChallenge,
  type FirstFactor
} from '$lib/playground/challenge-sign-in';
import {
  expectedIssuersOf,
  userPoolEndpointOf,
  type ChallengeResult,
  type PlaygroundFlows,
  type TokenVerification
} from '$lib/playground/flows';
import { EMPTY_CONFIG } from '$lib/playground/link-trust';
import type { SessionTokens, TraceEntry, TraceEvent } from '$lib/playground/types';
import type { AuthFlow, SignInOutcome } from '$lib/playground/user-pool-session';
import { inspectToken, type TokenInspection, type VerificationResult } from '$lib/tokens';

/** How the sign-in form starts: the library's two flows, or choice-based sign-in (challenge-sign-in.ts). */
export type SignInFlow = AuthFlow | 'USER_AUTH';

/**
 * Where the user-pool conversation stands. A small state machine: each action is allowed only in the phases
 * listed for it, so the page never offers a button that cannot work.
 */
export type Phase =
  'signed-out' | 'confirm-sign-up' | 'new-password' | 'mfa' | 'select-challenge' | 'signed-in';

export const ALLOWED: Record<string, readonly Phase[]> = {
  signIn: ['signed-out', 'confirm-sign-up', 'new-password', 'mfa', 'select-challenge'],
  selectChallenge: ['select-challenge'],
  signUp: ['signed-out', 'confirm-sign-up'],
  confirm: ['signed-out', 'confirm-sign-up'],
  completeNewPassword: ['new-password'],
  sendMfaCode: ['mfa'],
  refresh: ['signed-in'],
  revoke: ['signed-in'],
  signOut: ['signed-in']
};

/**
 * Where on the page an action's progress, notice or error belongs: next to the control that started it. The
 * managed login's own round trip (redirect back, code exchange) reports next to its button.
 */
export type ActionSpot = keyof typeof ALLOWED | 'managedLogin';

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
  config = $state<PlaygroundConfig>({ ...EMPTY_CONFIG });
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
  /** The last action started: busy, notice and error show next to its control. */
  lastAction = $state<ActionSpot | null>(null);
  /**
   * RevokeToken succeeded: the tokens stay on screen (they still verify locally until they expire) and Refresh
   * stays enabled, so the user can see Cognito refuse the revoked refresh token.
   */
  refreshRevoked = $state(false);
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
  mfaChallenge = $state<CodeChallenge | null>(null);
  /** SELECT_CHALLENGE of choice-based sign-in: the first factors Cognito offers this user. */
  availableChallenges = $state<string[]>([]);
  unsupportedChallenge = $state<string | null>(null);
  lastFlow = $state<SignInFlow>('USER_SRP_AUTH');
  verifications = $state<{ id: VerificationResult | null; access: VerificationResult | null }>({
    id: null,
    access: null
  });
  verifying = $state(false);
  /** The outside IdP of the last sign-in (user pool federation), or `null`. */
  federatedWith = $state<string | null>(null);
  /**
   * How many exchanges the pool made out of the app's sight that the sandbox reported (they are in the
   * trace); `null` when none could be read (AWS shows nothing of that leg).
   */
  unseenLeg = $state<number | null>(null);
  verifyError = $state<Explanation | null>(null);

  #flows: PlaygroundFlows;
  #signedOutListeners: (() => void)[] = [];
  /** A challenge answered outside the library (USER_AUTH, EMAIL_OTP...): its Session travels here. */
  #pendingStep: ChallengeStep | undefined;

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

  signIn(username: string, password: string, flow: SignInFlow): Promise<void> {
    this.lastFlow = flow;
    this.#pendingStep = undefined;
    if (flow === 'USER_AUTH') {
      const label = 'Starting choice-based sign-in (USER_AUTH)…';
      return this.#run('signIn', label, 'Sign-in', async (config) => {
        this.pendingUsername = username;
        this.#applyStep(await this.#flows.challengeStart(config, username));
      });
    }
    const label = flow === 'USER_SRP_AUTH' ? 'Signing in with SRP…' : 'Signing in with USER_PASSWORD_AUTH…';
    return this.#run('signIn', label, 'Sign-in', async (config) => {
      this.pendingUsername = username;
      try {
        const result = await this.#flows.signIn(config, username, password, flow);
        this.#apply(result.outcome, result.verification);
      } catch (error) {
        // Signed up but never confirmed: the next step is the confirmation form, so open it.
        if (explainError(error).code === 'UserNotConfirmedException') this.phase = 'confirm-sign-up';
        throw error;
      }
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
    const pending = this.#pendingStep;
    if (pending?.kind === 'code') {
      return this.#run('sendMfaCode', 'Checking the code…', 'The code', async (config) =>
        this.#applyStep(await this.#flows.challengeAnswerCode(config, pending, code))
      );
    }
    const challenge = this.mfaChallenge === 'SMS_MFA' ? 'SMS_MFA' : 'SOFTWARE_TOKEN_MFA';
    return this.#run('sendMfaCode', 'Checking the code…', 'The MFA code', async (config) => {
      const result = await this.#flows.sendMfaCode(config, code, challenge);
      this.#apply(result.outcome, result.verification);
    });
  }

  /** Answers SELECT_CHALLENGE with the first factor the user chose (the password for PASSWORD and PASSWORD_SRP). */
  selectChallenge(answer: FirstFactor, password: string): Promise<void> {
    const pending = this.#pendingStep;
    const label = `Answering SELECT_CHALLENGE with ${answer}…`;
    return this.#run('selectChallenge', label, `Choosing ${answer}`, async (config) => {
      if (pending?.kind !== 'select-challenge') throw new Error('Start a choice-based sign-in first.');
      this.#applyStep(await this.#flows.challengeSelect(config, pending, answer, password));
    });
  }

  /** Leaves a choice or code challenge unanswered and goes back to the sign-in form. */
  cancelChallenge(): void {
    if (this.busy !== null) return;
    this.#pendingStep = undefined;
    this.availableChallenges = [];
    this.phase = 'signed-out';
    this.notice = null;
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
      this.#signedOut(
        "Signed out everywhere: GlobalSignOut revoked this user's tokens. Cognito's APIs and refresh refuse " +
          'them now; an API that verifies the JWT itself accepts the access token until it expires, an identity ' +
          'pool notices only with ServerSideTokenCheck, and the managed login cookie still signs this browser in ' +
          'until it visits /logout.'
      );
    });
  }

  /**
   * RevokeToken: Cognito stops accepting this refresh token and the access tokens issued with it
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html).
   * The tokens stay here on purpose: a backend that verifies JWTs locally still accepts them until `exp`, and
   * Refresh stays available so the user can watch Cognito refuse.
   */
  revokeRefreshToken(): Promise<void> {
    return this.#run(
      'revoke',
      'Revoking the refresh token…',
      'Revoking the refresh token',
      async (config) => {
        await this.#flows.revokeRefreshToken(config);
        this.refreshRevoked = true;
        this.notice =
          "The refresh token is revoked, with the id and access tokens issued from it: Cognito's APIs refuse " +
          'them now, but a backend that only checks the signature and exp still accepts the tokens below until ' +
          'they expire. Try Refresh tokens to see the refusal.';
      }
    );
  }

  /**
   * The managed login's code exchange (see `managed-login.ts`): the tokens are shown, verified, and
   * refreshable like any others.
   */
  finishManagedLogin(
    exchange: (fetchFn: typeof fetch) => Promise<SessionTokens>,
    federated: { identityProvider: string; since: string } | null = null
  ): Promise<void> {
    return this.#run(
      'signIn',
      'Exchanging the code for tokens…',
      federated ? `Sign-in with ${federated.identityProvider}` : 'Managed login',
      async (config) => {
        let username = 'user';
        const { tokens, verification, unseen } = await this.#flows.managedLogin(
          config,
          exchange,
          (issued) => {
            const claims = claimsOf(inspectToken(issued.idToken)) ?? {};
            username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? 'user');
            return username;
          },
          federated ? { since: federated.since } : null
        );
        this.pendingUsername = username;
        this.federatedWith = federated?.identityProvider ?? null;
        this.unseenLeg = unseen === null ? null : unseen.length;
        this.#apply({ kind: 'signed-in', tokens }, verification);
      },
      'managedLogin'
    );
  }

  /** Shows a failure that happened outside an action (e.g. the managed login redirect came back with an error). */
  fail(error: unknown, during: string, spot: ActionSpot = 'managedLogin'): void {
    this.lastAction = spot;
    this.error = { explanation: explainError(error), error, during };
  }

  signOutLocally(): void {
    this.lastAction = 'signOut';
    this.error = null;
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
    this.refreshRevoked = false;
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
    if (outcome.kind !== 'challenge') this.#pendingStep = undefined;
    switch (outcome.kind) {
      case 'challenge':
        // EMAIL_OTP (or another challenge the library does not know) after a password sign-in.
        this.#applyStep({ step: stepFrom(outcome.response, outcome.username), verification: null });
        break;
      case 'signed-in':
        this.tokens = outcome.tokens;
        this.refreshDiffs = [];
        this.refreshRevoked = false;
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
        this.notice = codeNotice(outcome.challenge, outcome.destination);
        break;
      case 'unsupported-challenge':
        this.unsupportedChallenge = outcome.challenge;
        this.phase = 'signed-out';
        this.notice = null;
        break;
    }
  }

  /** A step of a sign-in run outside the library (challenge-sign-in.ts). */
  #applyStep({ step, verification }: ChallengeResult): void {
    this.unsupportedChallenge = null;
    switch (step.kind) {
      case 'signed-in':
        this.#pendingStep = undefined;
        this.#apply({ kind: 'signed-in', tokens: step.tokens }, verification);
        break;
      case 'select-challenge':
        this.#pendingStep = step;
        this.availableChallenges = step.available;
        this.phase = 'select-challenge';
        this.notice = `Cognito offers ${step.available.join(', ') || 'nothing'} (SELECT_CHALLENGE): choose how ${step.username} proves who they are.`;
        break;
      case 'code':
        this.#pendingStep = step;
        this.mfaChallenge = step.challenge;
        this.phase = 'mfa';
        this.notice = codeNotice(step.challenge, step.destination);
        break;
      case 'unsupported-challenge':
        this.#apply(step, null);
        break;
    }
  }

  async #run(
    action: keyof typeof ALLOWED,
    label: string,
    during: string,
    work: (config: PlaygroundConfig) => Promise<void>,
    spot: ActionSpot = action
  ): Promise<void> {
    if (this.busy !== null) return;
    if (!ALLOWED[action]?.includes(this.phase)) return;
    this.lastAction = spot;
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

/** What the user reads when Cognito asks for a code. */
function codeNotice(challenge: CodeChallenge, destination?: string): string {
  const to = destination ? ` to ${destination}` : '';
  switch (challenge) {
    case 'SMS_MFA':
      return `Cognito sent a code by SMS${to} (SMS_MFA).`;
    case 'SMS_OTP':
      return `Cognito sent a sign-in code by SMS${to} (SMS_OTP).`;
    case 'EMAIL_OTP':
      return `Cognito sent a code by email${to} (EMAIL_OTP).`;
    case 'SOFTWARE_TOKEN_MFA':
      return 'Enter the code from your authenticator app (SOFTWARE_TOKEN_MFA).';
  }
}
