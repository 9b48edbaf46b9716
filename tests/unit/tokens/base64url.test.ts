import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../../src/lib/tokens/base64url';

describe('decodeBase64Url', () => {
  it('decodes exactly what Node encodes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = decodeBase64Url(Buffer.from(bytes).toString('base64url'));
        expect(result.ok && Buffer.from(result.bytes).equals(Buffer.from(bytes))).toBe(true);
      })
    );
  });

  it('decodes the empty string to no bytes', () => {
    const result = decodeBase64Url('');
    expect(result.ok && result.bytes.length).toBe(0);
  });

  it('reports the first invalid character and its index', () => {
    expect(decodeBase64Url('abc=')).toMatchObject({ ok: false, index: 3, character: '=' });
    expect(decodeBase64Url('a\u{1F600}b')).toMatchObject({ ok: false, index: 1, character: '\u{1F600}' });
  });

  it('refuses a length that cannot come from whole bytes', () => {
    expect(decodeBase64Url('abcde')).toMatchObject({ ok: false, index: 4 });
  });
});

describe('encodeBase64Url, the decoder’s counterpart', () => {
  it('encodes exactly as Node does, and the decoder gives the bytes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = encodeBase64Url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        const decoded = decodeBase64Url(encoded);
        expect(decoded.ok && Buffer.from(decoded.bytes).equals(Buffer.from(bytes))).toBe(true);
      })
    );
  });
});
