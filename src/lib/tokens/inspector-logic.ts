// The token inspector's pure logic: what a token suggests checking, the typed settings as verify options, the
// share link's fragment, and where the signing keys are. No Svelte: src/lib/state/token-inspector.svelte.ts
// wires it to the page.

import { isConnectable } from '../csp.js';
import { classifyIssuer, deriveAcceptedIssuers, deriveJwksUri, type IssuerInfo } from '../cognito';
import type { DecodedJws, JsonObject } from './types';
import type { VerifyOptions } from './verification-types';

/** "any" means no particular token use is required (`tokenUse: null`). */
export type TokenUseChoice = 'id' | 'access' | 'any';

/** What the user expects of the token, as typed into the verification settings. */
export interface ExpectedValues {
  readonly issuer: string;
  readonly clientId: string;
  readonly tokenUse: TokenUseChoice;
  /** Space- or comma-separated; empty means "not checked". */
  readonly groups: string;
  readonly scopes: string;
  readonly clockToleranceSeconds: number;
}

/** Where the signing keys come from, before anything is fetched. */
export type KeyLocation =
  /** The token is unsigned or names no key: the checklist needs no key set. */
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'pasted' }
  /**
   * The token's issuer publishes them; `automatic` only for a Cognito pool's own host. Any other issuer, the
   * local sandbox and every loopback address included, needs the user's agreement first: a link can carry a
   * token whose `iss` points anywhere, and fetching it would tell that host the page was opened.
   */
  | {
      readonly kind: 'issuer';
      readonly uri: string;
      readonly issuer: IssuerInfo;
      readonly automatic: boolean;
      /** This site's Content-Security-Policy lets the page connect there. */
      readonly reachable: boolean;
    }
  /** No `iss`, or not an http(s) URL: nowhere to fetch from. */
  | { readonly kind: 'nowhere'; readonly reason: string };

/** Nothing typed yet. */
export const EMPTY_EXPECTED: ExpectedValues = {
  issuer: '',
  clientId: '',
  tokenUse: 'any',
  groups: '',
  scopes: '',
  clockToleranceSeconds: 0
};

/** The fragment parameter a share link carries the token in. */
export const FRAGMENT_KEY = 'token';

/** A claim's value when it is text. */
export function stringClaim(payload: JsonObject, name: string): string | undefined {
  const value = Object.hasOwn(payload, name) ? payload[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The verification settings a token suggests: its own issuer, client and use. */
export function expectedFromToken(token: DecodedJws): ExpectedValues {
  const tokenUse = stringClaim(token.payload, 'token_use');
  const aud = stringClaim(token.payload, 'aud');
  const clientId = stringClaim(token.payload, 'client_id');
  return {
    ...EMPTY_EXPECTED,
    issuer: stringClaim(token.payload, 'iss') ?? '',
    clientId: (tokenUse === 'access' ? clientId : (aud ?? clientId)) ?? '',
    tokenUse: tokenUse === 'id' || tokenUse === 'access' ? tokenUse : 'any'
  };
}

function list(text: string): string[] | null {
  const items = text.split(/[\s,]+/).filter((item) => item.length > 0);
  return items.length === 0 ? null : items;
}

/** Turn what was typed into `verifyToken` options; an empty field skips its check (`null`). */
export function toVerifyOptions(expected: ExpectedValues): VerifyOptions {
  const issuer = expected.issuer.trim();
  let acceptedIssuers: string[] | null = null;
  if (issuer !== '') {
    const info = classifyIssuer(issuer);
    // Either AWS form of a pool's issuer is accepted, as aws-jwt-verify does.
    acceptedIssuers =
      info.kind === 'cognito' ? deriveAcceptedIssuers({ userPoolId: info.userPoolId }) : [issuer];
  }
  const clientId = expected.clientId.trim();
  const tolerance = expected.clockToleranceSeconds;
  return {
    issuer: acceptedIssuers,
    tokenUse: expected.tokenUse === 'any' ? null : expected.tokenUse,
    clientId: clientId === '' ? null : clientId,
    groups: list(expected.groups),
    scopes: list(expected.scopes),
    clockToleranceSeconds: Number.isFinite(tolerance) && tolerance >= 0 ? tolerance : 0
  };
}

/** The token in a share link's fragment (`#token=...`), or `null`. */
export function readTokenFragment(fragment: string): string | null {
  const prefix = `${FRAGMENT_KEY}=`;
  const pair = fragment
    .replace(/^#/, '')
    .split('&')
    .find((part) => part.startsWith(prefix));
  if (pair === undefined) return null;
  let token: string;
  try {
    token = decodeURIComponent(pair.slice(prefix.length).replace(/\+/g, ' '));
  } catch {
    // A malformed escape: show the text as it is, the decoder will say what is wrong with it.
    token = pair.slice(prefix.length);
  }
  return token.trim() === '' ? null : token;
}

/** Where the keys of a decoded, signed token are to be found. */
export function locateKeys(token: DecodedJws, jwksText: string, pageOrigin?: string): KeyLocation {
  const kid = Object.hasOwn(token.header, 'kid') ? token.header.kid : undefined;
  if (token.unsecured || typeof kid !== 'string') return { kind: 'not-needed' };
  if (jwksText.trim() !== '') return { kind: 'pasted' };
  const iss = Object.hasOwn(token.payload, 'iss') ? token.payload.iss : undefined;
  if (typeof iss !== 'string' || iss === '') {
    return {
      kind: 'nowhere',
      reason: 'The token has no issuer (iss), so there is no address to fetch its keys from.'
    };
  }
  const issuer = classifyIssuer(iss);
  let uri: string;
  try {
    uri = issuer.kind === 'other' ? deriveJwksUri(iss) : issuer.jwksUri;
  } catch {
    return {
      kind: 'nowhere',
      reason: `The issuer ${JSON.stringify(iss)} is not an http(s) URL, so it publishes no keys.`
    };
  }
  return {
    kind: 'issuer',
    uri,
    issuer,
    automatic: issuer.kind === 'cognito',
    reachable: isConnectable(uri, pageOrigin)
  };
}
