// Property tests: whatever is pasted, decoding returns a result or one of our typed errors, never anything
// else; and every such error has a friendly explanation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainError, TOKEN_ERROR_CODES, TokenError } from '../../../src/lib/errors';
import { decodeToken, inspectToken } from '../../../src/lib/tokens';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Chunks that look like token parts: base64url runs, sometimes with a stray character. */
const chunk = fc.oneof(
  fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...BASE64URL, '=', '+', '/', ' ', '\n', '!', 'é'), maxLength: 12 }),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }))
    .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64url'))
);
const dotted = fc.array(chunk, { minLength: 0, maxLength: 7 }).map((parts) => parts.join('.'));

/** Decode, and report what happened: 'ok', or the code of the TokenError. Anything else fails the property. */
function outcome(input: unknown): string {
  try {
    const decoded = decodeToken(input);
    expect(['jws', 'jwe']).toContain(decoded.kind);
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(TokenError);
    const error = err as TokenError;
    expect(TOKEN_ERROR_CODES).toContain(error.code);
    const explanation = explainError(error);
    expect(explanation.code).toBe(error.code);
    expect(explanation.title).not.toBe('');
    expect(explanation.cause).not.toBe('');
    expect(explanation.fix).not.toBe('');
    return error.code;
  }
}

describe('decodeToken never throws anything but a TokenError', () => {
  it('for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        outcome(input);
      }),
      { numRuns: 2000 }
    );
  });

  it('for strings built from dots and base64url-ish chunks', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(dotted, (input) => {
        seen.add(outcome(input));
      }),
      { numRuns: 3000 }
    );
    // The generator reaches deep into the decoder, not just the first checks.
    for (const code of ['ERR_TOKEN_PARTS', 'ERR_TOKEN_BASE64URL', 'ERR_TOKEN_JSON', 'ERR_TOKEN_NOT_OBJECT']) {
      expect(seen).toContain(code);
    }
  });

  it('for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        outcome(input);
      })
    );
  });

  it('and inspectToken never throws', () => {
    fc.assert(
      fc.property(fc.oneof(dotted, fc.string({ unit: 'binary' }), fc.anything()), (input) => {
        const result = inspectToken(input);
        expect(['jws', 'jwe', 'invalid']).toContain(result.kind);
      })
    );
  });
});

describe('decodeToken round-trips', () => {
  it('any JSON objects signed into a 3-part token', () => {
    const object = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(object, object, fc.uint8Array({ maxLength: 64 }), (header, payload, signature) => {
        const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
        const token = `${encode(header)}.${encode(payload)}.${Buffer.from(signature).toString('base64url')}`;
        const decoded = decodeToken(token);
        if (decoded.kind !== 'jws') throw new Error('expected a JWS');
        // Compare through JSON: it is what went in (and it maps -0 to 0, as the token text does).
        expect(decoded.header).toEqual(JSON.parse(JSON.stringify(header)));
        expect(decoded.payload).toEqual(JSON.parse(JSON.stringify(payload)));
        expect(Buffer.from(decoded.signature).equals(Buffer.from(signature))).toBe(true);
      })
    );
  });
});
