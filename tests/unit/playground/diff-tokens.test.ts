import { describe, expect, it } from 'vitest';
import { diffTokens } from '../../../src/lib/playground/diff-tokens';

const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('diffTokens', () => {
  it('lists changed claims and sees that auth_time was kept', () => {
    const before = jwt({ sub: 'u', auth_time: 100, iat: 100, exp: 3700, jti: 'a' });
    const after = jwt({ sub: 'u', auth_time: 100, iat: 200, exp: 3800, jti: 'b' });
    expect(diffTokens(before, after, 'id')).toEqual({
      token: 'id',
      changed: ['exp', 'iat', 'jti'],
      unchanged: ['auth_time', 'sub'],
      authTimeKept: true
    });
  });

  it('notices a changed auth_time, and a token without one', () => {
    expect(diffTokens(jwt({ auth_time: 1 }), jwt({ auth_time: 2 }), 'access').authTimeKept).toBe(false);
    expect(diffTokens(jwt({ a: 1 }), jwt({ a: 1 }), 'access').authTimeKept).toBeNull();
  });

  it('treats something that is not a token as having no claims', () => {
    expect(diffTokens('garbage', jwt({ a: 1 }), 'id').changed).toEqual(['a']);
  });
});
