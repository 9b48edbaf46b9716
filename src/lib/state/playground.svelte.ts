import { explainError, type Explanation } from '$lib/errors';
import { validateConfig, type FieldProblem, type PlaygroundConfig } from '$lib/flows/config';
import type { TraceEntry } from '$lib/flows/trace';
import {
  UserPoolSession,
  type AuthFlow,
  type CognitoLibrary,
  type SessionTokens,
  type SignInOutcome
} from '$lib/flows/user-pool-session';
import { deriveAcceptedIssuers, deriveJwksUri, deriveUserPoolEndpoint } from '$lib/cognito';
import {
  createJwksCache,
  inspectToken,
  verifyToken,
  type JwksCache,
  type VerificationResult
} from '$lib/tokens';
import { diffTokens, type RefreshDiff } from '$lib/flows/diff-tokens';
import {
  ChallengeSignIn,
  stepFrom,
  type ChallengeStep,
  type CodeChallenge,
  type FirstFactor,
  type SrpHelper
} from '$lib/flows/challenge-sign-in';

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

export interface PlaygroundDeps {
  loadCognito: () => Promise<CognitoLibrary>;
  now: () => number;
  /** Used for the JWKS download; the page passes the traced fetch so it shows in the trace. */
  fetch: typeof fetch;
  /** For the SRP claim of choice-based sign-in; defaults to the browser's crypto.subtle. */
  subtle?: SubtleCrypto;
}

/**
 * The playground's user-pool side: configuration, the sign-in state machine, the tokens (in memory only) and
 * the trace of every HTTP exchange. Side effects (the Cognito library, the clock) are passed in.
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
  verifyError = $state<Explanation | null>(null);

  #deps: PlaygroundDeps;
  #session: UserPoolSession | undefined;
  #sessionKey = '';
  #jwks: JwksCache;
  /** A challenge answered outside the library (USER_AUTH, EMAIL_OTP...): its Session travels here. */
  #pendingStep: ChallengeStep | undefined;

  constructor(deps: PlaygroundDeps) {
    this.#deps = deps;
    this.#jwks = createJwksCache({ fetch: (url, init) => deps.fetch(url, init), now: deps.now });
  }

  /** The issuer(s) tokens of the configured pool must carry: the sandbox's, or both AWS forms. */
  get expectedIssuers(): string[] {
    const userPoolId = this.config.userPoolId.trim();
    const endpoint = this.config.endpoint.trim();
    return deriveAcceptedIssuers(endpoint ? { userPoolId, endpoint } : { userPoolId });
  }

  /**
   * Runs the verification checklist on the id and access tokens against the pool's published keys, the way a
   * backend (aws-jwt-verify) would: issuer, token use, client id, signature, expiry.
   */
  async verifyTokens(): Promise<void> {
    const tokens = this.tokens;
    if (!tokens) return;
    this.verifying = true;
    this.verifyError = null;
    try {
      const [issuer] = this.expectedIssuers;
      const jwks = this.#jwks.source(deriveJwksUri(issuer ?? ''));
      const clientId = this.config.clientId.trim();
      const common = { issuer: this.expectedIssuers, clientId, groups: null, scopes: null };
      const deps = { now: this.#deps.now, jwks };
      const [id, access] = await Promise.all([
        verifyToken(tokens.idToken, { ...common, tokenUse: 'id' }, deps),
        verifyToken(tokens.accessToken, { ...common, tokenUse: 'access' }, deps)
      ]);
      if (this.tokens === tokens) this.verifications = { id, access };
    } catch (error) {
      this.verifyError = explainError(error);
    } finally {
      this.verifying = false;
    }
  }

  /** True when the user-pool fields are usable (identity pool and domain are optional). */
  get ready(): boolean {
    return !this.problems.some((p) => ['region', 'userPoolId', 'clientId', 'endpoint'].includes(p.field));
  }

  can(action: keyof typeof ALLOWED): boolean {
    return this.busy === null && this.ready && (ALLOWED[action]?.includes(this.phase) ?? false);
  }

  /** The user pool API endpoint requests go to: the override (sandbox) or AWS for the region. */
  get userPoolEndpoint(): string {
    const endpoint = this.config.endpoint.trim();
    if (endpoint) return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
    return deriveUserPoolEndpoint({ region: this.config.region.trim() });
  }

  setConfig(values: Partial<PlaygroundConfig>): void {
    this.config = { ...this.config, ...values };
  }

  recordStart(entry: TraceEntry): void {
    this.trace = [...this.trace, entry];
  }

  recordFinish(entry: TraceEntry): void {
    this.trace = this.trace.map((e) => (e.id === entry.id ? entry : e));
  }

  clearTrace(): void {
    this.trace = [];
  }

  signUp(username: string, password: string, attributes: Record<string, string>): Promise<void> {
    return this.#run('signUp', 'Signing up…', 'Sign-up', async (session) => {
      const result = await session.signUp(username, password, attributes);
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
    return this.#run('confirm', 'Confirming…', 'Confirmation', async (session) => {
      await session.confirmSignUp(username, code);
      this.pendingUsername = username;
      this.notice = `${username} is confirmed: sign in now.`;
      this.phase = 'signed-out';
    });
  }

  resendCode(username: string): Promise<void> {
    return this.#run('confirm', 'Asking for a new code…', 'Resending the code', async (session) => {
      const { destination } = await session.resendCode(username);
      this.pendingUsername = username;
      this.notice = `A new code was sent${destination ? ` to ${destination}` : ''}.`;
      this.phase = 'confirm-sign-up';
    });
  }

  signIn(username: string, password: string, flow: SignInFlow): Promise<void> {
    this.lastFlow = flow;
    this.#pendingStep = undefined;
    if (flow === 'USER_AUTH') {
      return this.#run('signIn', 'Starting choice-based sign-in (USER_AUTH)…', 'Sign-in', async () => {
        this.pendingUsername = username;
        this.#applyStep(await (await this.#challenges()).start(username));
      });
    }
    const label = flow === 'USER_SRP_AUTH' ? 'Signing in with SRP…' : 'Signing in with USER_PASSWORD_AUTH…';
    return this.#run('signIn', label, 'Sign-in', async (session) => {
      this.pendingUsername = username;
      try {
        this.#apply(await session.signIn(username, password, flow));
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
      async (session) => this.#apply(await session.completeNewPassword(newPassword, attributes))
    );
  }

  sendMfaCode(code: string): Promise<void> {
    const challenge = this.mfaChallenge ?? 'SOFTWARE_TOKEN_MFA';
    const pending = this.#pendingStep;
    if (pending?.kind === 'code') {
      return this.#run('sendMfaCode', 'Checking the code…', 'The code', async () =>
        this.#applyStep(await (await this.#challenges()).answerCode(pending, code))
      );
    }
    return this.#run('sendMfaCode', 'Checking the code…', 'The MFA code', async (session) =>
      this.#apply(await session.sendMfaCode(code, challenge === 'SMS_MFA' ? 'SMS_MFA' : 'SOFTWARE_TOKEN_MFA'))
    );
  }

  /** Answers SELECT_CHALLENGE with the first factor the user chose (the password for PASSWORD and PASSWORD_SRP). */
  selectChallenge(answer: FirstFactor, password: string): Promise<void> {
    const pending = this.#pendingStep;
    const label = `Answering SELECT_CHALLENGE with ${answer}…`;
    return this.#run('selectChallenge', label, `Choosing ${answer}`, async () => {
      if (pending?.kind !== 'select-challenge') throw new Error('Start a choice-based sign-in first.');
      this.#applyStep(await (await this.#challenges()).select(pending, answer, password));
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
    return this.#run('refresh', 'Refreshing the tokens…', 'Refresh', async (session) => {
      const before = this.tokens;
      const after = await session.refresh();
      this.tokens = after;
      if (before) {
        this.refreshDiffs = [
          diffTokens(before.idToken, after.idToken, 'id'),
          diffTokens(before.accessToken, after.accessToken, 'access')
        ];
      }
      this.notice = 'New id and access tokens. The refresh token stays the same.';
      void this.verifyTokens();
    });
  }

  globalSignOut(): Promise<void> {
    return this.#run('signOut', 'Signing out everywhere…', 'Global sign-out', async (session) => {
      await session.globalSignOut();
      this.#signedOut('Signed out everywhere: GlobalSignOut revoked every refresh token of this user.');
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
      async (session) => {
        await session.revokeRefreshToken();
        this.refreshRevoked = true;
        this.notice =
          'The refresh token is revoked. Cognito now refuses it and the access tokens issued with it, but a ' +
          'backend that only checks the signature and exp still accepts the tokens below until they expire. ' +
          'Try Refresh tokens to see the refusal.';
      }
    );
  }

  /** Tokens from the managed login's code exchange: shown, verified, and refreshable like any others. */
  adoptTokens(tokens: SessionTokens): Promise<void> {
    const work = async (session: UserPoolSession) => {
      const decoded = inspectToken(tokens.idToken);
      const claims = decoded.kind === 'jws' ? decoded.payload : {};
      const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? 'user');
      session.adopt(tokens, username);
      this.pendingUsername = username;
      this.#apply({ kind: 'signed-in', tokens });
    };
    return this.#run('signIn', 'Taking over the tokens…', 'Managed login', work, 'managedLogin');
  }

  /** Shows a failure that happened outside an action (e.g. the managed login redirect came back with an error). */
  fail(error: unknown, during: string, spot: ActionSpot = 'managedLogin'): void {
    this.lastAction = spot;
    this.error = { explanation: explainError(error), error, during };
  }

  signOutLocally(): void {
    this.lastAction = 'signOut';
    this.error = null;
    this.#session?.signOutLocally();
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
  }

  #apply(outcome: SignInOutcome): void {
    this.unsupportedChallenge = null;
    if (outcome.kind !== 'challenge') this.#pendingStep = undefined;
    switch (outcome.kind) {
      case 'challenge':
        // EMAIL_OTP (or another challenge the library does not know) after a password sign-in.
        this.#applyStep(stepFrom(outcome.response, outcome.username));
        break;
      case 'signed-in':
        this.tokens = outcome.tokens;
        this.refreshDiffs = [];
        this.refreshRevoked = false;
        this.phase = 'signed-in';
        this.notice = null;
        void this.verifyTokens();
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

  /** A step of an exchange run outside the library (challenge-sign-in.ts). */
  #applyStep(step: ChallengeStep): void {
    this.unsupportedChallenge = null;
    switch (step.kind) {
      case 'signed-in':
        // Handed to the library's session so refresh and sign-out work as after any sign-in.
        this.#session?.adopt(step.tokens, step.username);
        this.#apply({ kind: 'signed-in', tokens: step.tokens });
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
        this.#apply(step);
        break;
    }
  }

  async #challenges(): Promise<ChallengeSignIn> {
    const lib = (await this.#deps.loadCognito()) as CognitoLibrary & {
      AuthenticationHelper?: new (poolName: string) => SrpHelper;
    };
    const Helper = lib.AuthenticationHelper;
    if (!Helper) throw new Error('amazon-cognito-identity-js has no AuthenticationHelper.');
    await this.#sessionFor();
    return new ChallengeSignIn({
      fetch: this.#deps.fetch,
      endpoint: this.userPoolEndpoint,
      userPoolId: this.config.userPoolId.trim(),
      clientId: this.config.clientId.trim(),
      now: this.#deps.now,
      subtle: this.#deps.subtle ?? globalThis.crypto.subtle,
      srpHelper: (poolName) => new Helper(poolName)
    });
  }

  async #run(
    action: keyof typeof ALLOWED,
    label: string,
    during: string,
    work: (session: UserPoolSession) => Promise<void>,
    spot: ActionSpot = action
  ): Promise<void> {
    if (this.busy !== null) return;
    if (!ALLOWED[action]?.includes(this.phase)) return;
    this.lastAction = spot;
    this.busy = label;
    this.error = null;
    this.notice = null;
    try {
      await work(await this.#sessionFor());
    } catch (error) {
      // Nothing the user typed is touched: the forms keep their values, only the explanation appears.
      this.error = { explanation: explainError(error), error, during };
    } finally {
      this.busy = null;
    }
  }

  async #sessionFor(): Promise<UserPoolSession> {
    const key = `${this.userPoolEndpoint}|${this.config.userPoolId.trim()}|${this.config.clientId.trim()}`;
    if (!this.#session || key !== this.#sessionKey) {
      const lib = await this.#deps.loadCognito();
      this.#session = new UserPoolSession(lib, {
        userPoolId: this.config.userPoolId.trim(),
        clientId: this.config.clientId.trim(),
        endpoint: this.userPoolEndpoint
      });
      this.#sessionKey = key;
    }
    return this.#session;
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
