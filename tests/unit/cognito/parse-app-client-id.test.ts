import { describe, expect, it } from 'vitest';
import { parseAppClientId } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('parseAppClientId', () => {
  it('accepts real ids and whatever the API accepts', () => {
    expect(parseAppClientId('3n4b5urk1ft4fl3mg5e62d9ado')).toBe('3n4b5urk1ft4fl3mg5e62d9ado');
    expect(parseAppClientId('abc_DEF+123')).toBe('abc_DEF+123');
    expect(parseAppClientId('a'.repeat(39))).toHaveLength(39);
  });

  it.each([
    ['a user pool id', 'eu-west-1_AbC123xyz', /is a user pool id/],
    ['a sandbox user pool id', 'local_AbC123', /is a user pool id/],
    ['an identity pool id', 'eu-west-1:1a2b3c4d-1111-2222-3333-444455556666', /is an identity pool id/]
  ])('catches %s', (_name, input, message) => {
    const error = inputError(() => parseAppClientId(input));
    expect(error.code).toBe('ERR_CLIENT_ID_IS_POOL_ID');
    expect(error.message).toMatch(message);
  });

  it('catches the client secret pasted instead of the id', () => {
    const error = inputError(() => parseAppClientId('1h2k3j4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9a0b1c2d3e4f5g6h'));
    expect(error.code).toBe('ERR_CLIENT_ID_LOOKS_LIKE_SECRET');
  });

  it('says which character is not allowed, and what ids look like', () => {
    const error = inputError(() => parseAppClientId('3n4b5urk1ft4fl3m-g5e62d9ado'));
    expect(error.code).toBe('ERR_CLIENT_ID_INVALID');
    expect(error.message).toMatch(
      /^Character 17 \("-"\) is not allowed: app client ids are 26 lowercase letters and digits/
    );
    expect(error.message).toMatch(/the API accepts letters, digits, "_" and "\+"/);
  });

  it('refuses more than 128 characters', () => {
    expect(inputError(() => parseAppClientId('A'.repeat(129))).message).toMatch(/at most 128/);
  });
});
