import { describe, expect, it } from 'vitest';
import { isLensError } from '../../../src/lib/errors';
import { jwksSourceFromJwks, parseJwks } from '../../../src/lib/tokens';
import { JWKS, KEYS } from '../../fixtures/tokens/corpus';

describe('jwksSourceFromJwks', () => {
  const source = jwksSourceFromJwks(parseJwks(JSON.stringify(JWKS)));

  it('finds a key by kid', async () => {
    await expect(source.getJwk(KEYS.id.kid)).resolves.toMatchObject({ kid: KEYS.id.kid, kty: 'RSA' });
    expect(source.label).toBe('pasted JWKS');
  });

  it('rejects an unknown kid with the kids it has', async () => {
    const error: unknown = await source.getJwk('nope').catch((err: unknown) => err);
    expect(isLensError(error, 'ERR_JWKS_KID_NOT_FOUND')).toBe(true);
    expect(isLensError(error) && error.details?.available).toContain(KEYS.access.kid);
  });

  it('never matches a key without kid', async () => {
    const keyless = jwksSourceFromJwks({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }, 'test');
    await expect(keyless.getJwk('')).rejects.toMatchObject({ code: 'ERR_JWKS_KID_NOT_FOUND' });
  });
});
