import { describe, expect, it } from 'vitest';
import { inspectToken } from '../../../src/lib/tokens';
import { b64url, idClaims, refreshLikeJwe, sign } from '../../fixtures/tokens/corpus';

describe('inspectToken', () => {
  it('classifies a signed JWT', async () => {
    expect(inspectToken(await sign(idClaims())).kind).toBe('jws');
  });

  it('classifies an encrypted JWE', async () => {
    expect(inspectToken(await refreshLikeJwe()).kind).toBe('jwe');
  });

  it('classifies anything else as invalid, with the error and the parts to colour', () => {
    const header = b64url('{"alg":"RS256"}');
    const result = inspectToken(` "${header}.d!ef.ghi" `);
    if (result.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.error.code).toBe('ERR_TOKEN_BASE64URL');
    expect(result.error.details).toMatchObject({ part: 2, position: 2, offset: header.length + 2 });
    // The parts are those of the normalised token, so details.offset points into them.
    expect(result.parts).toEqual([header, 'd!ef', 'ghi']);
    expect(result.parts.join('.').charAt(header.length + 2)).toBe('!');
  });

  it('gives no parts for oversized or non-string input', () => {
    const huge = inspectToken('a.'.repeat(10_000));
    expect(huge.kind === 'invalid' && huge.error.code).toBe('ERR_TOKEN_TOO_LARGE');
    expect(huge.kind === 'invalid' && huge.parts).toEqual([]);
    const number = inspectToken(12);
    expect(number.kind === 'invalid' && number.parts).toEqual([]);
  });

  it('says "not a JWT" for an opaque string', () => {
    const result = inspectToken('5f4dcc3b5aa765d61d8327deb882cf99');
    expect(result.kind === 'invalid' && result.error.code).toBe('ERR_TOKEN_PARTS');
  });
});
