import { inspectToken } from '../tokens';

/** A token refresh compared with the tokens before it. */
export interface RefreshDiff {
  token: 'id' | 'access';
  changed: string[];
  unchanged: string[];
  authTimeKept: boolean | null;
}

function claimsOf(token: string): Record<string, unknown> {
  const decoded = inspectToken(token);
  return decoded.kind === 'jws' ? decoded.payload : {};
}

/**
 * Which claims a refresh changed, and whether `auth_time` stayed the original sign-in time.
 *
 * @example
 * diffTokens(oldIdToken, newIdToken, 'id').authTimeKept // true: a refresh keeps the original sign-in time
 */
export function diffTokens(before: string, after: string, token: 'id' | 'access'): RefreshDiff {
  const a = claimsOf(before);
  const b = claimsOf(after);
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changed = names.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
  return {
    token,
    changed,
    unchanged: names.filter((name) => !changed.includes(name)),
    authTimeKept: 'auth_time' in a || 'auth_time' in b ? a.auth_time === b.auth_time : null
  };
}
