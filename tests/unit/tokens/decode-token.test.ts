import { describe, expect, it } from 'vitest';
import { TokenError } from '../../../src/lib/errors';
import { decodeToken, MAX_TOKEN_LENGTH } from '../../../src/lib/tokens';
import { b64url, idClaims, refreshLikeJwe, sign } from '../../fixtures/tokens/corpus';

function decodeError(input: unknown): TokenError {
  try {
    decodeToken(input);
  } catch (err) {
    if (err instanceof TokenError) return err;
    throw new Error(`Not a TokenError: ${String(err)}`, { cause: err });
  }
  throw new Error('decodeToken did not throw');
}

const header = b64url('{"kid":"k1","alg":"RS256"}');
const payload = b64url('{"sub":"abc","exp":1700003000}');

describe('decodeToken: signed tokens', () => {
  it('decodes header, payload and signature, and keeps the raw segments', async () => {
    const token = await sign(idClaims());
    const decoded = decodeToken(token);
    if (decoded.kind !== 'jws') throw new Error('expected a JWS');
    const [h, p, s] = token.split('.');
    expect(decoded.segments).toEqual({ header: h, payload: p, signature: s });
    expect(decoded.header.alg).toBe('RS256');
    expect(decoded.payload['cognito:username']).toBe('alice');
    expect(decoded.payloadJson).toBe(JSON.stringify(idClaims()));
    expect(decoded.signature).toHaveLength(256);
    expect(decoded.unsecured).toBe(false);
    expect(decoded.normalizations).toEqual([]);
    expect(decoded.token).toBe(token);
  });

  it('decodes an unsecured token (empty signature) and says so', () => {
    const decoded = decodeToken(`${b64url('{"alg":"none"}')}.${payload}.`);
    expect(decoded.kind).toBe('jws');
    expect(decoded.kind === 'jws' && decoded.unsecured).toBe(true);
  });

  it('removes what copy and paste adds: whitespace, quotes, a Bearer prefix', () => {
    const token = `${header}.${payload}.c2ln`;
    const decoded = decodeToken(`  "Bearer ${token}"\n`);
    expect(decoded.token).toBe(token);
    expect(decoded.normalizations).toEqual(['trimmed-whitespace', 'removed-quotes', 'removed-bearer-prefix']);
  });

  it('keeps JSON text exactly, including unusual but valid content', () => {
    const text = '{"name":"<script>alert(1)</script>","emoji":"\u{1F600}","__proto__":{"polluted":true}}';
    const decoded = decodeToken(`${header}.${b64url(text)}.c2ln`);
    if (decoded.kind !== 'jws') throw new Error('expected a JWS');
    expect(decoded.payloadJson).toBe(text);
    expect(decoded.payload.name).toBe('<script>alert(1)</script>');
    // JSON.parse defines __proto__ as an own member; nothing leaks into Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeToken: encrypted tokens', () => {
  it('decodes the protected header of a JWE and recognises a Cognito refresh token', async () => {
    const decoded = decodeToken(await refreshLikeJwe());
    if (decoded.kind !== 'jwe') throw new Error('expected a JWE');
    expect(decoded.header).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(decoded.looksLikeCognitoRefreshToken).toBe(true);
    expect(decoded.explanation).toMatch(/only the user pool can read it/);
    expect(decoded.byteLengths.encryptedKey).toBe(256);
    expect(decoded.byteLengths.iv).toBe(12);
    expect(decoded.byteLengths.tag).toBe(16);
    expect(Object.keys(decoded.segments)).toEqual([
      'protectedHeader',
      'encryptedKey',
      'iv',
      'ciphertext',
      'tag'
    ]);
  });

  it('explains any other JWE too', () => {
    const decoded = decodeToken(`${b64url('{"alg":"dir","enc":"A128GCM"}')}..aXY.Y2lwaGVy.dGFn`);
    if (decoded.kind !== 'jwe') throw new Error('expected a JWE');
    expect(decoded.looksLikeCognitoRefreshToken).toBe(false);
    expect(decoded.byteLengths.encryptedKey).toBe(0);
    expect(decoded.explanation).toMatch(/A Cognito refresh token looks like this/);
  });

  it('refuses a JWE without ciphertext', () => {
    const error = decodeError(`${b64url('{"alg":"dir","enc":"A128GCM"}')}..aXY..dGFn`);
    expect(error.code).toBe('ERR_TOKEN_PART_EMPTY');
    expect(error.details).toMatchObject({ part: 4, partName: 'ciphertext' });
  });
});

describe('decodeToken: errors say what and where', () => {
  it('refuses non-strings', () => {
    expect(decodeError(42).code).toBe('ERR_TOKEN_NOT_STRING');
    expect(decodeError(undefined).code).toBe('ERR_TOKEN_NOT_STRING');
  });

  it('refuses empty input, or only whitespace and quotes', () => {
    expect(decodeError('').code).toBe('ERR_TOKEN_EMPTY');
    expect(decodeError(' \n\t').code).toBe('ERR_TOKEN_EMPTY');
    expect(decodeError('""').code).toBe('ERR_TOKEN_EMPTY');
  });

  it('refuses oversized input before any work', () => {
    const error = decodeError('a'.repeat(MAX_TOKEN_LENGTH + 1));
    expect(error.code).toBe('ERR_TOKEN_TOO_LARGE');
    expect(error.details).toEqual({ length: MAX_TOKEN_LENGTH + 1, limit: MAX_TOKEN_LENGTH });
    expect(() => decodeToken(`${header}.${payload}.c2ln`, { maxLength: 10 })).toThrow(TokenError);
  });

  it.each([
    ['no dot', 'abc', 1],
    ['two parts', `${header}.${payload}`, 2],
    ['four parts', `${header}.${payload}.c2ln.more`, 4],
    ['six parts', 'a.b.c.d.e.f', 6]
  ])('refuses %s', (_name, input, count) => {
    const error = decodeError(input);
    expect(error.code).toBe('ERR_TOKEN_PARTS');
    expect(error.details).toEqual({ count });
  });

  it('refuses an empty header or payload', () => {
    expect(decodeError(`.${payload}.c2ln`).details).toMatchObject({ part: 1, partName: 'header' });
    const error = decodeError(`${header}..c2ln`);
    expect(error.code).toBe('ERR_TOKEN_PART_EMPTY');
    expect(error.details).toMatchObject({ part: 2, partName: 'payload', offset: header.length + 1 });
  });

  it.each([
    ['a line break', '\n', /line break/],
    ['a space', ' ', /a space/],
    ['standard base64 "+"', '+', /standard base64/],
    ['standard base64 "/"', '/', /standard base64/],
    ['"=" padding', '=', /padding/],
    ['a stray character', '!', /not a base64url character/],
    ['a control character', '\u0001', /control character U\+0001/]
  ])('pinpoints %s inside the payload', (_name, char, reason) => {
    const broken = `${payload.slice(0, 5)}${char}${payload.slice(5)}`;
    const error = decodeError(`${header}.${broken}.c2ln`);
    expect(error.code).toBe('ERR_TOKEN_BASE64URL');
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/^Part 2 \(the payload\) is not valid base64url: character 6 is/);
    expect(error.details).toEqual({
      part: 2,
      partName: 'payload',
      position: 6,
      offset: header.length + 1 + 5,
      character: char
    });
  });

  it('finds bad base64url in the signature too', () => {
    const error = decodeError(`${header}.${payload}.ab+c`);
    expect(error.details).toMatchObject({ part: 3, partName: 'signature', position: 3 });
  });

  it('refuses an impossible base64url length', () => {
    const error = decodeError(`${header}.${payload}.abcde`);
    expect(error.code).toBe('ERR_TOKEN_BASE64URL');
    expect(error.message).toMatch(/its length is impossible/);
  });

  it('refuses bytes that are not UTF-8', () => {
    const error = decodeError(`${b64url(new Uint8Array([0xff, 0xfe, 0xfd]))}.${payload}.c2ln`);
    expect(error.code).toBe('ERR_TOKEN_UTF8');
    expect(error.details).toEqual({ part: 1, partName: 'header' });
  });

  it('refuses text that is not JSON, with the parser detail', () => {
    const error = decodeError(`${header}.${b64url('{"sub": ')}.c2ln`);
    expect(error.code).toBe('ERR_TOKEN_JSON');
    expect(error.details).toMatchObject({ part: 2, partName: 'payload' });
    expect(error.details?.detail).toEqual(expect.any(String));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"abc"'],
    ['a number', '42'],
    ['null', 'null'],
    ['a boolean', 'true']
  ])('refuses JSON that is %s, not an object', (actualType, json) => {
    const error = decodeError(`${b64url(json)}.${payload}.c2ln`);
    expect(error.code).toBe('ERR_TOKEN_NOT_OBJECT');
    expect(error.details).toEqual({ part: 1, partName: 'header', actualType });
  });
});
