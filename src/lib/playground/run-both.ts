// "Run both live": user pool federation and identity pool federation against the sandbox, each run by the
// playground's own runner and flows, each reporting its trace and the diagram steps it reaches with what moved
// at each step. No Svelte: /compare wires it in, scripts/record-sample-run.js records it, tests run it in Node.
//
// The part a real browser does (the IdP's sign-in page, its consent, the redirects between the pool and the
// IdP) is a `SignInAgent`. `createHeadlessAgent` does it with fetch: manual redirects, a cookie jar per host
// (as browsers keep cookies: the sandbox and LensIdP on two ports share one), and the pages' own form posts.
// It needs a fetch that shows redirects and cookies, which Node's does; a page's fetch cannot (a cross-origin
// redirect is opaque, Set-Cookie unreadable), so in a browser the agent must be another one (see README).

import type { PlaygroundConfig } from './config';
import { stepsForEntry } from './diagram-sync';
import { PlaygroundFlows, type FlowsDeps, type TokenVerification } from './flows';
import {
  finishIdpSignIn,
  startIdpSignIn,
  takePendingIdpLogin,
  type IdpTokens,
  type OAuthLibrary
} from './idp-federation';
import { checkCallback, exchangeCode, startManagedLogin, takePendingLogin } from './managed-login';
import { MemoryStorage } from './memory-storage';
import { redact } from './redact';
import { FlowRunner } from './runner';
import type { SandboxEvent } from './sandbox-events';
import type { FollowedDiagram } from './operations';
import type { CallerIdentity, Credentials, SessionTokens, TraceEntry, TraceEvent } from './types';
import { inspectToken, type VerificationResult } from '../tokens';

/** The two runs, by the diagram they drive: user pool federation (left), identity pool federation (right). */
export type RunSide = 'user-pool' | 'identity-pool';

/** A user of the outside IdP. */
export interface IdpUser {
  username: string;
  password: string;
}

/**
 * What stands in for the browser at the IdP: from `start` (where the app sends the browser), sign `user` in
 * and follow redirects until one reaches `stopAt` (the app's redirect URI); resolve to that URL, unfollowed.
 * Every request goes through `fetchFn` (the run's traced fetch); `name` gives a request its catalogue name.
 *
 * @example
 * ```ts
 * const callback = await agent.signIn(authorizeUrl, redirectUri, { username: 'sam', password }, runner.fetch, name);
 * ```
 */
export interface SignInAgent {
  signIn(
    start: string,
    stopAt: string,
    user: IdpUser,
    fetchFn: typeof fetch,
    name: (method: string, url: string) => void
  ): Promise<URL>;
}

/**
 * What the runs need: the network and a clock (as the runner), the libraries (as the flows), oauth4webapi, Web
 * Crypto for the managed login's PKCE, and the agent (default: {@link createHeadlessAgent}).
 */
export interface RunBothDeps extends Omit<FlowsDeps, 'runner'> {
  fetch: typeof fetch;
  loadOAuth: () => Promise<OAuthLibrary>;
  crypto: Pick<Crypto, 'getRandomValues' | 'subtle'>;
  agent?: SignInAgent;
}

/**
 * What to run: the sandbox configuration (with its IdP), the app's redirect URI (registered at the pool and at
 * the IdP; nothing needs to listen there), the pool's name of the IdP and the IdP user who signs in.
 */
export interface RunBothOptions {
  config: PlaygroundConfig;
  redirectUri: string;
  identityProvider: string;
  user: IdpUser;
}

/**
 * What moved at a step: a sentence, the value as it may be shown (secrets redacted), and for a token the
 * token itself (in memory, to decode on click).
 */
export interface Moved {
  what: string;
  shown: unknown;
  token?: string;
}

/**
 * A diagram step a run reached: which exchange reached it, and what moved there.
 *
 * @example
 * ```ts
 * const step: RunStep = { side: 'identity-pool', diagram: 'cip-federation', step: 'get-id', entryId: 5,
 *   operation: 'GetId', outOfSight: false, at: 1234, moved: { what: 'The IdentityId', shown: 'us-east-1:…' } };
 * ```
 */
export interface RunStep {
  side: RunSide;
  diagram: FollowedDiagram;
  step: string;
  entryId: number;
  operation: string;
  outOfSight: boolean;
  at: number;
  /** Filled when the run has the value (live step events carry the exchange's redacted answer). */
  moved: Moved;
}

/** What a run reports while it runs. */
export type RunEvent =
  { side: RunSide; type: 'trace'; event: TraceEvent } | { side: RunSide; type: 'step'; step: RunStep };

/** User pool federation, finished. */
export interface UserPoolRun {
  side: 'user-pool';
  entries: TraceEntry[];
  steps: RunStep[];
  tokens: SessionTokens;
  verification: TokenVerification;
  /** The pool's exchanges out of the app's sight, from the sandbox's feed (`null`: not readable). */
  unseen: SandboxEvent[] | null;
}

/** Identity pool federation, finished. */
export interface IdentityPoolRun {
  side: 'identity-pool';
  entries: TraceEntry[];
  steps: RunStep[];
  idpTokens: IdpTokens;
  verification: VerificationResult | null;
  providerName: string;
  identityId: string;
  credentials: Credentials;
  caller: CallerIdentity;
}

// ---------------------------------------------------------------------------------------------------------
// The headless agent.

function hostOf(url: string): string {
  return new URL(url).hostname;
}

/** Set-Cookie lines of a response (Node's fetch exposes them; a page's never does). */
function setCookies(response: Response): string[] {
  const headers = response.headers as Headers & { getSetCookie?: () => string[] };
  return typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
}

/** The first `<form method="POST" action="…">` whose action ends with one of `endings`. */
function formAction(html: string, endings: readonly string[]): string | null {
  for (const match of html.matchAll(/<form\b[^>]*\baction="([^"]+)"[^>]*>/gi)) {
    const action = (match[1] ?? '').replace(/&amp;/g, '&');
    if (endings.some((ending) => action.split('?')[0]?.endsWith(ending))) return action;
  }
  return null;
}

/**
 * The agent for Node (tests, the recorder, the benchmark): fetch with `redirect: 'manual'`, a cookie jar per
 * host, and the sign-in and consent forms posted as a browser would post them. It reads only what any OpenID
 * provider's HTML form shows: a form with a password field, then (if asked) a form ending in `/confirm`.
 *
 * @example
 * ```ts
 * const result = await runBoth(options, { ...deps, agent: createHeadlessAgent() });
 * ```
 */
export function createHeadlessAgent(): SignInAgent {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: string) => {
    const cookies = jar.get(hostOf(url));
    return cookies && cookies.size > 0
      ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
      : undefined;
  };
  const remember = (url: string, response: Response) => {
    const host = hostOf(url);
    const cookies = jar.get(host) ?? new Map<string, string>();
    for (const line of setCookies(response)) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(host, cookies);
  };

  return {
    async signIn(start, stopAt, user, fetchFn, name) {
      let url = start;
      let form: Record<string, string> | null = null;
      for (let hops = 0; hops < 30; hops += 1) {
        const method: string = form ? 'POST' : 'GET';
        name(method, url);
        const headers: Record<string, string> = {};
        const cookie = cookieHeader(url);
        if (cookie) headers.cookie = cookie;
        if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
        const response: Response = await fetchFn(url, {
          method,
          headers,
          body: form ? new URLSearchParams(form).toString() : undefined,
          redirect: 'manual'
        });
        if (response.type === 'opaqueredirect') {
          throw new Error(
            'This fetch hides redirects (a browser page): the headless agent cannot follow the sign-in. Give runBoth an agent that uses the real browser.'
          );
        }
        remember(url, response);
        form = null;
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          const next = new URL(location, url);
          if (next.href.startsWith(stopAt)) return next;
          url = next.href;
          continue;
        }
        const html: string = await response.text();
        if (response.status >= 400) {
          throw new Error(`The sign-in stopped at ${new URL(url).pathname}: HTTP ${response.status}`);
        }
        const login: string | null = /type="password"/i.test(html) ? formAction(html, ['/login']) : null;
        const confirm = login ? null : formAction(html, ['/confirm']);
        const action = login ?? confirm;
        if (!action) throw new Error(`No sign-in or consent form at ${new URL(url).pathname}`);
        form = login ? { username: user.username, password: user.password } : {};
        url = new URL(action, url).href;
      }
      throw new Error(`Too many redirects from ${start}`);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// The runs.

function shownAnswer(entry: TraceEntry): unknown {
  if (entry.responseBody) {
    try {
      return JSON.parse(entry.responseBody) as unknown;
    } catch {
      return entry.responseBody;
    }
  }
  return entry.status === null ? entry.error : `HTTP ${entry.status}`;
}

/** A runner for one side, reporting its trace and each step reached. */
function sideRunner(side: RunSide, deps: RunBothDeps, onEvent: (event: RunEvent) => void) {
  const runner = new FlowRunner({ fetch: deps.fetch, now: deps.now });
  const entries: TraceEntry[] = [];
  const steps: RunStep[] = [];
  runner.subscribe((event) => {
    onEvent({ side, type: 'trace', event });
    if (event.type === 'exchange-started') entries.push(event.entry);
    if (event.type !== 'exchange-finished') return;
    const index = entries.findIndex((entry) => entry.id === event.entry.id);
    if (index === -1) entries.push(event.entry);
    else entries[index] = event.entry;
    for (const [diagram, step] of Object.entries(stepsForEntry(event.entry)) as [FollowedDiagram, string][]) {
      const reached: RunStep = {
        side,
        diagram,
        step,
        entryId: event.entry.id,
        operation: event.entry.operation,
        outOfSight: event.entry.outOfSight === true,
        at: event.entry.startedAt,
        moved: { what: event.entry.operation, shown: shownAnswer(event.entry) }
      };
      steps.push(reached);
      onEvent({ side, type: 'step', step: reached });
    }
  });
  const flows = new PlaygroundFlows({ ...deps, runner });
  return { runner, flows, entries, steps };
}

/** The name a hop of the agent gets in the trace: the IdP's pages by method, the pool's by their path. */
function hopNamer(runner: FlowRunner, idpIssuer: string) {
  const idpOrigin = new URL(idpIssuer).origin;
  return (method: string, url: string) => {
    if (new URL(url).origin !== idpOrigin) return;
    runner.nameEndpoint(method, url, method === 'POST' ? 'POST IdP sign-in' : 'GET IdP authorize');
  };
}

/**
 * User pool federation: managed login with `identity_provider=`, the user signs in at the IdP, the pool
 * redeems the IdP's code out of the app's sight and returns its own code; the app exchanges it for the pool's
 * tokens and verifies them; the sandbox's feed adds the unseen leg to the trace.
 *
 * @example
 * ```ts
 * const run = await runUserPoolFederation(options, deps, (event) => console.log(event));
 * ```
 */
export async function runUserPoolFederation(
  options: RunBothOptions,
  deps: RunBothDeps,
  onEvent: (event: RunEvent) => void = () => {}
): Promise<UserPoolRun> {
  const { runner, flows, entries, steps } = sideRunner('user-pool', deps, onEvent);
  const agent = deps.agent ?? createHeadlessAgent();
  const storage = new MemoryStorage();
  // The sandbox's events of this sign-in are those from now on (its clock is this machine's).
  const since = new Date().toISOString();
  const start = await startManagedLogin(options.config, options.redirectUri, {
    storage,
    crypto: deps.crypto,
    federated: { identityProvider: options.identityProvider, since }
  });
  const callback = await runner.run('federated-sign-in', () =>
    agent.signIn(
      start,
      options.redirectUri,
      options.user,
      runner.fetch,
      hopNamer(runner, options.config.idpIssuer)
    )
  );
  const pending = takePendingLogin(storage);
  const checked = checkCallback(callback, pending);
  if ('error' in checked) throw checked.error;
  if (!pending) throw new Error('The managed login was not started');
  const { tokens, verification, unseen } = await flows.managedLogin(
    options.config,
    (fetchFn) =>
      exchangeCode(
        {
          config: options.config,
          redirectUri: options.redirectUri,
          code: checked.code,
          verifier: pending.verifier
        },
        fetchFn
      ),
    (issued) => {
      const decoded = inspectToken(issued.idToken);
      const claims = decoded.kind === 'jws' ? decoded.payload : {};
      return String(claims['cognito:username'] ?? claims.sub ?? 'user');
    },
    // The agent followed the pool's redirect to the IdP itself: that event is in the trace already.
    { since, skip: ['idp-authorize-redirect'] }
  );
  for (const step of steps) {
    if (step.step === 'token-exchange' || step.step === 'use-tokens') {
      step.moved = {
        what: "The user pool's own tokens (id, access, refresh): the IdP's tokens never reach the app",
        shown: redact({
          idToken: tokens.idToken,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken
        }),
        token: tokens.idToken
      };
    }
  }
  return { side: 'user-pool', entries, steps, tokens, verification, unseen };
}

/**
 * Identity pool federation: the app signs in at the IdP itself (code + PKCE), verifies the IdP's id token
 * against the IdP's keys, puts it in `Logins` under the provider's name, gets credentials and proves them.
 *
 * @example
 * ```ts
 * const run = await runIdentityPoolFederation(options, deps);
 * run.caller.Arn; // 'arn:aws:sts::123456789012:assumed-role/LensEditors/…'
 * ```
 */
export async function runIdentityPoolFederation(
  options: RunBothOptions,
  deps: RunBothDeps,
  onEvent: (event: RunEvent) => void = () => {}
): Promise<IdentityPoolRun> {
  const { runner, flows, entries, steps } = sideRunner('identity-pool', deps, onEvent);
  const agent = deps.agent ?? createHeadlessAgent();
  const lib = await deps.loadOAuth();
  const storage = new MemoryStorage();
  const { config, redirectUri } = options;
  const callback = await runner.run('idp-federation', async () => {
    const start = await startIdpSignIn(
      lib,
      { issuer: config.idpIssuer.trim(), clientId: config.idpClientId.trim(), redirectUri, config },
      {
        fetch: runner.fetch,
        storage,
        nameEndpoint: (method, url, operation) => runner.nameEndpoint(method, url, operation)
      }
    );
    return agent.signIn(start, redirectUri, options.user, runner.fetch, hopNamer(runner, config.idpIssuer));
  });
  const pending = takePendingIdpLogin(storage);
  if (!pending) throw new Error('The sign-in at the IdP was not started');
  const result = await flows.idpFederation(config, (idpDeps) =>
    finishIdpSignIn(lib, pending, callback, redirectUri, idpDeps)
  );
  const caller = await flows.prove(config, result.credentials);
  const movedAt: Record<string, Moved> = {
    'idp-token': {
      what: "The IdP's own id token: the app holds it and passes it on itself",
      shown: redact({ id_token: result.tokens.idToken }),
      token: result.tokens.idToken
    },
    'get-id': {
      what: `The IdentityId for ${result.providerName}'s user`,
      shown: {
        IdentityId: result.identityId,
        Logins: redact({ [result.providerName]: result.tokens.idToken })
      }
    },
    'sts-credentials': {
      what: 'Temporary AWS credentials for the role the rules chose',
      shown: redact({
        AccessKeyId: result.credentials.accessKeyId,
        SecretKey: result.credentials.secretAccessKey,
        SessionToken: result.credentials.sessionToken,
        Expiration: result.credentials.expiration.toISOString()
      })
    },
    'call-aws': { what: 'A request signed with the credentials: STS names the role', shown: caller }
  };
  for (const step of steps) {
    const moved = movedAt[step.step];
    if (moved && step.diagram === 'cip-federation') step.moved = moved;
  }
  return {
    side: 'identity-pool',
    entries,
    steps,
    idpTokens: result.tokens,
    verification: result.verification,
    providerName: result.providerName,
    identityId: result.identityId,
    credentials: result.credentials,
    caller
  };
}

/**
 * Both runs at once, each with its own runner and agent (its own cookies): the left and right diagrams of
 * /compare follow them through `onEvent`.
 *
 * @example
 * ```ts
 * const { userPool, identityPool } = await runBoth(options, deps, (event) => stepper.push(event));
 * ```
 */
export async function runBoth(
  options: RunBothOptions,
  deps: RunBothDeps,
  onEvent: (event: RunEvent) => void = () => {}
): Promise<{ userPool: UserPoolRun; identityPool: IdentityPoolRun }> {
  const separate = (agent: SignInAgent | undefined) => agent ?? createHeadlessAgent();
  const [userPool, identityPool] = await Promise.all([
    runUserPoolFederation(options, { ...deps, agent: separate(deps.agent) }, onEvent),
    runIdentityPoolFederation(options, { ...deps, agent: separate(deps.agent) }, onEvent)
  ]);
  return { userPool, identityPool };
}
