// The sandbox's event feed: what the user pool did out of the app's sight during a federated sign-in (its
// redirect to the IdP, redeeming the IdP's code, verifying the IdP's token, creating or linking the user).
// Only the sandbox has it; against AWS that leg is explained, never shown. The wire format is the IDP contract
// (/work/wt/IDP-CONTRACT.md, "Event feed"): GET <endpoint>/sandbox/events?after=<id> -> { events, last }.

/** The kinds of event the feed reports. */
export const SANDBOX_EVENT_KINDS = [
  'idp-authorize-redirect',
  'idp-code-redeemed',
  'idp-token-verified',
  'federated-user-created',
  'federated-user-updated',
  'federated-user-linked'
] as const;

/**
 * One event, raw (secrets present: the trace redacts them like any other exchange).
 *
 * @example
 * ```ts
 * const event: SandboxEvent = { id: 3, at: '2026-01-15T09:00:01.000Z', kind: 'idp-code-redeemed',
 *   summary: 'The user pool redeemed the code at LensIdP', request: { method: 'POST', url, headers: {}, body: '…' } };
 * ```
 */
export interface SandboxEvent {
  id: number;
  at: string;
  kind: (typeof SANDBOX_EVENT_KINDS)[number] | string;
  summary: string;
  request?: { method?: string; url?: string; headers?: Record<string, string>; body?: unknown };
  response?: { status?: number; headers?: Record<string, string>; body?: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function textRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

/**
 * Keep what reads as an event (id, time, kind, summary; request and response when they are objects); drop
 * the rest, so a feed from another version cannot break the trace.
 *
 * @example
 * ```ts
 * parseSandboxEvents({ events: [{ id: 1, at: '…', kind: 'idp-code-redeemed', summary: '…' }], last: 1 });
 * ```
 */
export function parseSandboxEvents(body: unknown): { events: SandboxEvent[]; last: number } {
  if (!isRecord(body) || !Array.isArray(body.events)) return { events: [], last: 0 };
  const events: SandboxEvent[] = [];
  for (const item of body.events) {
    if (
      !isRecord(item) ||
      typeof item.id !== 'number' ||
      typeof item.at !== 'string' ||
      typeof item.kind !== 'string'
    ) {
      continue;
    }
    const event: SandboxEvent = {
      id: item.id,
      at: item.at,
      kind: item.kind,
      summary: typeof item.summary === 'string' ? item.summary : item.kind
    };
    if (isRecord(item.request)) {
      event.request = {
        method: typeof item.request.method === 'string' ? item.request.method : undefined,
        url: typeof item.request.url === 'string' ? item.request.url : undefined,
        headers: textRecord(item.request.headers),
        body: item.request.body
      };
    }
    if (isRecord(item.response)) {
      event.response = {
        status: typeof item.response.status === 'number' ? item.response.status : undefined,
        headers: textRecord(item.response.headers),
        body: item.response.body
      };
    }
    events.push(event);
  }
  const last = typeof body.last === 'number' ? body.last : (events.at(-1)?.id ?? 0);
  return { events, last };
}

/**
 * Read the feed after event `after` (0: all) through `fetchFn` (the traced fetch: the call is in the trace).
 *
 * @example
 * ```ts
 * const { events, last } = await readSandboxEvents('http://127.0.0.1:9229', 0, runner.fetch);
 * ```
 */
export async function readSandboxEvents(
  endpoint: string,
  after: number,
  fetchFn: typeof fetch
): Promise<{ events: SandboxEvent[]; last: number }> {
  const url = `${endpoint.replace(/\/+$/, '')}/sandbox/events?after=${Math.max(0, Math.floor(after))}`;
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`The sandbox event feed answered HTTP ${response.status}`);
  return parseSandboxEvents(await response.json());
}
