import { explainError, type Explanation } from '$lib/errors';
import {
  explainApiCall,
  validateApiUrl,
  type ApiCallResult,
  type ApiRoute,
  type ApiVerdict,
  type AuthorizerKind,
  type TokenChoice
} from '$lib/playground/api-call';
import type { PlaygroundFlows } from '$lib/playground/flows';
import {
  explainDecision,
  objectKey,
  otherFolder,
  ownFolder,
  validateBucketName,
  type PolicyDecision,
  type StorageAccess,
  type StoredObject
} from '$lib/playground/storage-access';
import type { Credentials } from '$lib/playground/types';
import { claimsOf, type PlaygroundState } from './playground.svelte';

/** The sandbox's APIs, as the page passes them in (from the preset). */
export interface SandboxApis {
  endpoint: string;
  rest: { id: string; stage: string; methods: readonly ApiRoute[] };
  http: { id: string; routes: readonly ApiRoute[] };
}

/**
 * "Call an API with your tokens": which token, which API and route, the answer and its explanation. Against the
 * sandbox the APIs and routes are known; against AWS the user gives the invoke URL, the path and the scopes the
 * method requires (so the refusal can be explained).
 */
export class ApiCallState {
  kind = $state<AuthorizerKind>('rest-cognito');
  token = $state<TokenChoice>('id');
  path = $state('/profile');
  /** Against AWS: the invoke URL and the route's required scopes (space separated). */
  awsUrl = $state('');
  awsScopes = $state('');
  busy = $state(false);
  result = $state<ApiCallResult | null>(null);
  verdict = $state<ApiVerdict | null>(null);
  error = $state<Explanation | null>(null);

  #playground: PlaygroundState;
  #flows: PlaygroundFlows;
  #sandbox: () => SandboxApis | null;

  /** The routes the chosen API offers (sandbox), or the one the user typed (AWS). */
  routes = $derived.by((): readonly ApiRoute[] => {
    const sandbox = this.#sandbox();
    if (sandbox) return this.kind === 'rest-cognito' ? sandbox.rest.methods : sandbox.http.routes;
    const scopes = this.awsScopes.split(/[\s,]+/).filter(Boolean);
    return [{ method: 'GET', path: this.path.startsWith('/') ? this.path : `/${this.path}`, scopes }];
  });

  route = $derived(this.routes.find((candidate) => candidate.path === this.path) ?? this.routes[0]);

  /** The API's base URL, or why it cannot be called. */
  apiUrl = $derived.by((): { ok: true; url: string } | { ok: false; reason: string } => {
    const sandbox = this.#sandbox();
    if (!sandbox) return validateApiUrl(this.awsUrl);
    const base = `${sandbox.endpoint.replace(/\/+$/, '')}/execute-api`;
    return {
      ok: true,
      url:
        this.kind === 'rest-cognito'
          ? `${base}/${sandbox.rest.id}/${sandbox.rest.stage}`
          : `${base}/${sandbox.http.id}`
    };
  });

  constructor(playground: PlaygroundState, flows: PlaygroundFlows, sandbox: () => SandboxApis | null) {
    this.#playground = playground;
    this.#flows = flows;
    this.#sandbox = sandbox;
    playground.onSignedOut(() => {
      this.result = null;
      this.verdict = null;
    });
  }

  get signedIn(): boolean {
    return this.#playground.tokens !== null;
  }

  async call(): Promise<void> {
    const tokens = this.#playground.tokens;
    const route = this.route;
    const apiUrl = this.apiUrl;
    if (!tokens || !route || !apiUrl.ok || this.busy) return;
    this.busy = true;
    this.error = null;
    const token = this.token === 'id' ? tokens.idToken : tokens.accessToken;
    const decoded = this.#playground.decoded?.[this.token] ?? null;
    const claims = claimsOf(decoded);
    try {
      const result = await this.#flows.callApi({ apiUrl: apiUrl.url, route, kind: this.kind, token });
      this.result = result;
      this.verdict = explainApiCall({
        kind: this.kind,
        route,
        tokenUse: typeof claims?.token_use === 'string' ? claims.token_use : null,
        tokenScopes: typeof claims?.scope === 'string' ? claims.scope.split(' ') : [],
        result
      });
    } catch (error) {
      this.result = null;
      this.verdict = null;
      this.error = explainError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** One S3 attempt and what came of it. */
export interface StorageAttempt {
  id: number;
  label: string;
  outcome: 'allowed' | 'refused' | 'failed';
  /** The sandbox's account of the policy decision, or null (AWS, or a refusal before the policy). */
  decision: PolicyDecision | null;
  /** One sentence: which statement decided (sandbox), or the explanation of the error. */
  summary: string;
  explanation: Explanation | null;
}

export interface StorageDeps {
  flows: PlaygroundFlows;
  /** The identity pool side: its credentials and identity id (signed in or guest). */
  identity: { credentials: Credentials | null; identityId: string | null };
  /** The sandbox's bucket and role policies, or null against AWS. */
  sandbox: () => {
    bucket: string;
    maxObjectBytes: number;
    endpoint: string;
    rolePolicies: Record<string, unknown>;
  } | null;
  /** Object URLs for downloads (the page's `URL.createObjectURL`). */
  objectUrl: (blob: Blob) => string;
}

/**
 * "Use the credentials": the identity pool's credentials on S3. The S3 client loads when the panel opens.
 * Every attempt is kept with the policy statement that decided it (sandbox) or the error's explanation.
 */
export class StorageState {
  #deps: StorageDeps;
  #client: StorageAccess | null = null;
  #clientFor: Credentials | null = null;
  #nextId = 1;

  opened = $state(false);
  awsBucket = $state('');
  busy = $state<string | null>(null);
  /** An upload in flight: its name and size (the bar is indeterminate: fetch reports no upload progress). */
  uploading = $state<{ name: string; size: number } | null>(null);
  listing = $state<StoredObject[] | null>(null);
  download = $state<{ key: string; url: string; size: number } | null>(null);
  attempts = $state<StorageAttempt[]>([]);
  loadError = $state<Explanation | null>(null);

  bucket = $derived.by(() => this.#deps.sandbox()?.bucket ?? this.awsBucket.trim());
  bucketProblem = $derived.by(() => (this.#deps.sandbox() ? null : validateBucketName(this.awsBucket)));
  folder = $derived.by(() =>
    this.#deps.identity.identityId ? ownFolder(this.#deps.identity.identityId) : null
  );
  ready = $derived.by(
    () =>
      this.opened &&
      this.busy === null &&
      this.#deps.identity.credentials !== null &&
      this.bucketProblem === null
  );

  constructor(deps: StorageDeps) {
    this.#deps = deps;
  }

  /** The role policy the sandbox evaluated for a decision, for display next to it. */
  policyFor(decision: PolicyDecision | null): unknown {
    return decision ? (this.#deps.sandbox()?.rolePolicies[decision.role] ?? null) : null;
  }

  /** Opening the panel loads @aws-sdk/client-s3 (once). */
  async open(config: { region: string }): Promise<void> {
    this.opened = true;
    const credentials = this.#deps.identity.credentials;
    if (credentials) await this.#clientWith(config, credentials).catch(() => undefined);
  }

  async upload(config: { region: string }, file: File): Promise<void> {
    const folder = this.folder;
    if (!folder) return;
    this.uploading = { name: file.name, size: file.size };
    try {
      await this.#attempt(config, `Upload ${file.name} to your folder`, (client) =>
        client.put(objectKey(folder, file.name), file, file.type || 'application/octet-stream')
      );
    } finally {
      this.uploading = null;
    }
    await this.list(config);
  }

  async list(config: { region: string }): Promise<void> {
    const folder = this.folder;
    if (!folder) return;
    const value = await this.#attempt(config, 'List your folder', (client) => client.list(folder));
    if (value) this.listing = value;
  }

  async get(config: { region: string }, key: string): Promise<void> {
    const value = await this.#attempt(config, `Download ${key.split('/').pop()}`, (client) =>
      client.get(key)
    );
    if (!value) return;
    if (this.download) URL.revokeObjectURL(this.download.url);
    const blob = new Blob([value.bytes as BlobPart], { type: value.contentType });
    this.download = { key, url: this.#deps.objectUrl(blob), size: value.bytes.length };
  }

  /** PutObject into a made-up identity's folder: the policy variable confines each identity to its own. */
  async tryOtherFolder(config: { region: string }): Promise<void> {
    const id = this.#deps.identity.identityId;
    if (!id) return;
    const key = `${otherFolder(id)}not-yours.txt`;
    await this.#attempt(config, "Write into another identity's folder", (client) =>
      client.put(key, 'written with somebody else’s credentials', 'text/plain')
    );
  }

  /** A guest's credentials (a new unauthenticated identity) trying to write to public/. */
  async guestWrite(config: Parameters<PlaygroundFlows['guest']>[0]): Promise<void> {
    if (this.busy !== null) return;
    this.busy = 'Getting guest credentials…';
    try {
      const guest = await this.#deps.flows.guest(config);
      const client = await this.#deps.flows.storage(this.#target(config), guest.credentials);
      const outcome = await this.#deps.flows.useCredentials(() =>
        client.put('public/from-a-guest.txt', 'a guest was here', 'text/plain')
      );
      client.destroy();
      this.#record('A guest writes public/from-a-guest.txt', outcome);
    } catch (error) {
      this.#record('A guest writes public/from-a-guest.txt', { ok: false, error, decision: null });
    } finally {
      this.busy = null;
    }
  }

  #target(config: { region: string }) {
    const sandbox = this.#deps.sandbox();
    return {
      region: config.region.trim(),
      bucket: this.bucket,
      endpoint: sandbox ? sandbox.endpoint.replace(/\/+$/, '') : ''
    };
  }

  async #clientWith(config: { region: string }, credentials: Credentials): Promise<StorageAccess> {
    if (this.#client && this.#clientFor === credentials) return this.#client;
    this.#client?.destroy();
    try {
      this.#client = await this.#deps.flows.storage(this.#target(config), credentials);
      this.#clientFor = credentials;
      this.loadError = null;
      return this.#client;
    } catch (error) {
      this.loadError = explainError(error);
      throw error;
    }
  }

  async #attempt<T>(
    config: { region: string },
    label: string,
    work: (client: StorageAccess) => Promise<import('$lib/playground/storage-access').S3Outcome<T>>
  ): Promise<T | null> {
    const credentials = this.#deps.identity.credentials;
    if (!credentials || this.busy !== null) return null;
    this.busy = `${label}…`;
    try {
      const client = await this.#clientWith(config, credentials);
      const outcome = await this.#deps.flows.useCredentials(() => work(client));
      this.#record(label, outcome);
      return outcome.ok ? outcome.value : null;
    } catch (error) {
      this.#record(label, { ok: false, error, decision: null });
      return null;
    } finally {
      this.busy = null;
    }
  }

  #record(
    label: string,
    outcome:
      | { ok: true; decision: PolicyDecision | null }
      | { ok: false; error: unknown; decision: PolicyDecision | null }
  ): void {
    const explanation = outcome.ok ? null : explainError(outcome.error);
    const refused = !outcome.ok && explanation?.code === 'AccessDenied';
    const result: StorageAttempt['outcome'] = outcome.ok ? 'allowed' : refused ? 'refused' : 'failed';
    const summary = outcome.decision
      ? explainDecision(outcome.decision)
      : explanation
        ? `${explanation.title}: ${explanation.cause}`
        : 'Done.';
    this.attempts = [
      {
        id: this.#nextId++,
        label,
        outcome: result,
        decision: outcome.decision,
        summary,
        explanation
      },
      ...this.attempts
    ].slice(0, 8);
  }
}
