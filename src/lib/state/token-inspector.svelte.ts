import { VerifyError } from '$lib/errors';
import { createJwksCache, inspectToken, jwksSourceFromJwks, parseJwks, verifyToken } from '$lib/tokens';
import {
  EMPTY_EXPECTED,
  FRAGMENT_KEY,
  expectedFromToken,
  stringClaim,
  locateKeys,
  readTokenFragment,
  toVerifyOptions,
  type ExpectedValues,
  type KeyLocation,
  type TokenUseChoice
} from '$lib/tokens/inspector-logic';
export {
  expectedFromToken,
  locateKeys,
  readTokenFragment,
  toVerifyOptions,
  type ExpectedValues,
  type KeyLocation,
  type TokenUseChoice
};
export { isConnectable } from '$lib/csp.js';
import type {
  DecodedJws,
  FetchLike,
  JwksCache,
  JwksSource,
  TokenInspection,
  VerificationResult
} from '$lib/tokens';

/** How long typing pauses before the token is decoded again; a paste or a drop decodes at once. */
export const TYPING_DEBOUNCE_MS = 120;
/** How long typing in a verification setting pauses before the checklist runs again. */
export const OPTIONS_DEBOUNCE_MS = 250;

/** How text reached the token field: typing is debounced, a paste, drop or load is not. */
export type InputKind = 'typing' | 'paste';

/** Where verification stands: a small state machine, one value at a time. */
export type VerificationState =
  | { readonly status: 'idle' }
  | { readonly status: 'encrypted' }
  | { readonly status: 'needs-consent'; readonly uri: string; readonly reachable: boolean }
  | { readonly status: 'no-keys'; readonly reason: string }
  | { readonly status: 'bad-jwks'; readonly error: unknown }
  | { readonly status: 'running'; readonly previous: VerificationResult | undefined }
  | { readonly status: 'done'; readonly result: VerificationResult }
  | { readonly status: 'error'; readonly error: unknown };

/** Reads and writes the address's fragment (`#token=...`), the only place a token may be put. */
export interface FragmentStore {
  /** The current fragment, with or without its leading `#`. */
  read(): string;
  /** Replace the fragment (no new history entry); `null` removes it. */
  write(fragment: string | null): void;
}

/** What the inspector needs from the outside world. */
export interface TokenInspectorDeps {
  /** Used only for the JWKS request to the token's issuer. */
  readonly fetch: FetchLike;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly fragment: FragmentStore;
  /** Run `task` after `ms`; returns a cancel function. Default: `setTimeout`. */
  readonly schedule?: (task: () => void, ms: number) => () => void;
  /** The page's own origin, which the Content-Security-Policy also allows (`'self'`). */
  readonly pageOrigin?: string;
}

function defaultSchedule(task: () => void, ms: number): () => void {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
}

/**
 * The token inspector's state: the text in the token field, what it decodes to, the verification settings and
 * the checklist. Side effects (fetch, clock, timers, the address fragment) are passed in. Nothing is stored:
 * the token lives in this object only, and in the address only after {@link TokenInspector.share}.
 *
 * @example
 * ```ts
 * const inspector = new TokenInspector({ fetch, now: Date.now, fragment });
 * inspector.input(pasted, 'paste');
 * inspector.inspection?.kind; // 'jws'
 * ```
 */
export class TokenInspector {
  #deps: Required<Omit<TokenInspectorDeps, 'pageOrigin'>>;
  #cache: JwksCache;
  #pageOrigin: string | undefined;

  #text = $state('');
  #inspection = $state.raw<TokenInspection | null>(null);
  #expected = $state.raw<ExpectedValues>(EMPTY_EXPECTED);
  #prefilledFrom = '';
  #jwksText = $state('');
  /** A key set loaded together with a token (the sample): dropped when a token from another issuer arrives. */
  #companion: { readonly issuer: string | undefined; readonly jwks: string } | null = null;
  #consented = $state.raw<readonly string[]>([]);
  #verification = $state.raw<VerificationState>({ status: 'idle' });
  #fetching = $state<string | null>(null);
  #now = $state(0);
  #shared = $state<string | null>(null);

  #run = 0;
  #cancelDecode: (() => void) | undefined;
  #cancelVerify: (() => void) | undefined;
  #destroyed = false;

  constructor(deps: TokenInspectorDeps) {
    this.#deps = { schedule: defaultSchedule, ...deps };
    this.#pageOrigin = deps.pageOrigin;
    this.#now = deps.now();
    // One cache per page: a JWKS is downloaded once per issuer, and the progress shows while it is.
    this.#cache = createJwksCache({
      fetch: async (url, init) => {
        this.#fetching = url;
        try {
          return await this.#deps.fetch(url, init);
        } finally {
          if (this.#fetching === url) this.#fetching = null;
        }
      },
      now: () => this.#deps.now()
    });
  }

  /** What is in the token field, verbatim (kept as typed, even when it is not a token). */
  get text(): string {
    return this.#text;
  }

  /** The decoded token, or why it is not one; `null` while the field is empty. */
  get inspection(): TokenInspection | null {
    return this.#inspection;
  }

  /** The current time in milliseconds, ticking while {@link start}ed, for "expires in 42 min". */
  get now(): number {
    return this.#now;
  }

  get expected(): ExpectedValues {
    return this.#expected;
  }

  get jwksText(): string {
    return this.#jwksText;
  }

  get verification(): VerificationState {
    return this.#verification;
  }

  /** The JWKS URL being downloaded right now, or `null`. */
  get fetching(): string | null {
    return this.#fetching;
  }

  /** Where the keys of the current token would come from (`undefined` when there is no signed token). */
  get keyLocation(): KeyLocation | undefined {
    return this.#keyLocation;
  }

  // Derived once per token or key set, however often the page and the verification read it.
  #keyLocation = $derived.by((): KeyLocation | undefined => {
    const token = this.#inspection;
    return token?.kind === 'jws' ? locateKeys(token, this.#jwksText, this.#pageOrigin) : undefined;
  });

  /** The token that can be shared: the decoded (normalised) token, or `null` when the field holds none. */
  get shareable(): string | null {
    const token = this.#inspection;
    return token === null || token.kind === 'invalid' ? null : token.token;
  }

  /** True while the address holds the current token (after {@link share}, or opened from a share link). */
  get shared(): boolean {
    return this.#shared !== null && this.#shared === this.shareable;
  }

  /** The field changed. Typing is decoded after a short pause; a paste or drop at once. */
  input(text: string, kind: InputKind = 'typing'): void {
    this.#text = text;
    this.#cancelDecode?.();
    this.#cancelDecode = undefined;
    if (kind === 'paste') this.#decode();
    else this.#cancelDecode = this.#deps.schedule(() => this.#decode(), TYPING_DEBOUNCE_MS);
  }

  /** Put a token in the field (a sample, a share link), optionally with the key set that verifies it. */
  load(text: string, jwksText?: string): void {
    if (jwksText !== undefined) {
      this.#jwksText = jwksText;
      const token = inspectToken(text);
      const issuer = token.kind === 'jws' ? stringClaim(token.payload, 'iss') : undefined;
      this.#companion = jwksText === '' ? null : { issuer, jwks: jwksText };
    }
    this.input(text, 'paste');
  }

  clear(): void {
    this.load('', '');
  }

  /** Change verification settings; text fields re-run the checklist after a pause, choices at once. */
  setExpected(changes: Partial<ExpectedValues>, immediate = false): void {
    this.#expected = { ...this.#expected, ...changes };
    this.#scheduleVerify(immediate ? 0 : OPTIONS_DEBOUNCE_MS);
  }

  /** Put the settings back to what the token suggests. */
  resetExpected(): void {
    const token = this.#inspection;
    if (token?.kind !== 'jws') return;
    this.#expected = expectedFromToken(token);
    this.#scheduleVerify(0);
  }

  setJwksText(text: string): void {
    this.#jwksText = text;
    this.#scheduleVerify(OPTIONS_DEBOUNCE_MS);
  }

  /** The user agreed to fetch keys from an issuer that is not a Cognito user pool. */
  allowFetch(uri: string): void {
    if (!this.#consented.includes(uri)) this.#consented = [...this.#consented, uri];
    this.#scheduleVerify(0);
  }

  /** Run the checklist again now (e.g. after a network failure). */
  recheck(): void {
    this.#scheduleVerify(0);
  }

  /** Put the current token in the address fragment, so the address can be shared. */
  share(): void {
    const token = this.shareable;
    if (token === null) return;
    this.#deps.fragment.write(`${FRAGMENT_KEY}=${encodeURIComponent(token)}`);
    this.#shared = token;
  }

  /** Take the token out of the address. */
  unshare(): void {
    if (this.#shared === null) return;
    this.#shared = null;
    this.#deps.fragment.write(null);
  }

  /** Load the token of a share link, if the address has one. Call once mounted, and on `hashchange`. */
  loadFromFragment(): boolean {
    const token = readTokenFragment(this.#deps.fragment.read());
    if (token === null) return false;
    this.#shared = null;
    this.load(token);
    // Opened from a share link: the address already holds this token, until the field changes.
    this.#shared = this.shareable ?? token;
    return true;
  }

  /** Start the clock that keeps relative times current; returns the function that stops everything. */
  start(intervalMs = 1000): () => void {
    let stop = (): void => {};
    const tick = (): void => {
      this.#tick();
      stop = this.#deps.schedule(tick, intervalMs);
    };
    stop = this.#deps.schedule(tick, intervalMs);
    return () => {
      stop();
      this.destroy();
    };
  }

  destroy(): void {
    this.#destroyed = true;
    this.#cancelDecode?.();
    this.#cancelVerify?.();
  }

  #tick(): void {
    this.#now = this.#deps.now();
    // A token that expires while it is on screen: say so without waiting for an edit.
    const state = this.#verification;
    const token = this.#inspection;
    if (state.status === 'done' && state.result.valid && token?.kind === 'jws') {
      const exp = token.payload.exp;
      const tolerance = state.result.clockToleranceSeconds;
      if (typeof exp === 'number' && (exp + tolerance) * 1000 < this.#now) this.#scheduleVerify(0);
    }
  }

  #decode(): void {
    this.#cancelDecode = undefined;
    this.#now = this.#deps.now();
    const text = this.#text;
    const inspection = text === '' ? null : inspectToken(text);
    this.#inspection = inspection;
    if (inspection?.kind === 'jws') {
      // The sample's key set must not be used for a token of another issuer; a key set the user typed stays.
      const companion = this.#companion;
      if (
        companion !== null &&
        this.#jwksText === companion.jwks &&
        stringClaim(inspection.payload, 'iss') !== companion.issuer
      ) {
        this.#jwksText = '';
        this.#companion = null;
      }
      // New settings only for a token from another issuer, client or use: edits survive re-pasting.
      const suggested = expectedFromToken(inspection);
      const key = JSON.stringify([suggested.issuer, suggested.clientId, suggested.tokenUse]);
      if (key !== this.#prefilledFrom) {
        this.#prefilledFrom = key;
        this.#expected = suggested;
      }
    }
    // The address holds a token only while it is the token on screen.
    if (this.#shared !== null && this.#shared !== this.shareable) this.unshare();
    this.#scheduleVerify(0);
  }

  /** Run the checklist after `ms`; even "now" is a new task, so a pasted token is on screen before it is checked. */
  #scheduleVerify(ms: number): void {
    this.#cancelVerify?.();
    this.#cancelVerify = this.#deps.schedule(() => void this.#verify(), ms);
  }

  #source(token: DecodedJws): JwksSource | VerificationState {
    const location = this.#inspection === token ? this.#keyLocation : undefined;
    if (location === undefined) return { status: 'no-keys', reason: 'The token changed; checking again.' };
    switch (location.kind) {
      case 'not-needed':
        // verifyToken asks for no key when the token is unsigned or names none.
        return jwksSourceFromJwks({ keys: [] }, 'no key set (none needed)');
      case 'pasted':
        try {
          return jwksSourceFromJwks(parseJwks(this.#jwksText));
        } catch (error) {
          return { status: 'bad-jwks', error };
        }
      case 'nowhere':
        return { status: 'no-keys', reason: location.reason };
      case 'issuer':
        if (!location.automatic && !this.#consented.includes(location.uri)) {
          return { status: 'needs-consent', uri: location.uri, reachable: location.reachable };
        }
        return this.#cache.source(location.uri);
    }
  }

  async #verify(): Promise<void> {
    this.#cancelVerify = undefined;
    const run = ++this.#run;
    const token = this.#inspection;
    if (token === null || token.kind === 'invalid') {
      this.#verification = { status: 'idle' };
      return;
    }
    if (token.kind === 'jwe') {
      this.#verification = { status: 'encrypted' };
      return;
    }
    const source = this.#source(token);
    if ('status' in source) {
      this.#verification = source;
      return;
    }
    const previous = this.#verification;
    this.#verification = {
      status: 'running',
      previous: previous.status === 'done' ? previous.result : undefined
    };
    let next: VerificationState;
    try {
      const result = await verifyToken(token.token, toVerifyOptions(this.#expected), {
        now: this.#deps.now,
        jwks: source
      });
      next = { status: 'done', result };
    } catch (error) {
      // verifyToken only throws for options it cannot use: a bug here, still shown as an explanation.
      next = {
        status: 'error',
        error: error instanceof Error ? error : new VerifyError('ERR_UNEXPECTED', String(error))
      };
    }
    if (run === this.#run && !this.#destroyed) this.#verification = next;
  }
}
