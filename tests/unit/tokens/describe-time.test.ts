import { describe, expect, it } from 'vitest';
import { describeTime, MILLISECONDS_THRESHOLD } from '../../../src/lib/tokens';

const NOW_MS = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const NOW = NOW_MS / 1000;
const UTC = { now: NOW_MS, locale: 'en-GB', timeZone: 'UTC' } as const;

describe('describeTime', () => {
  it('shows exp as local date-time and "expires in"', () => {
    const t = describeTime('exp', NOW + 42 * 60, UTC);
    expect(t).toMatchObject({
      seconds: NOW + 2520,
      iso: '2023-11-14T22:55:20.000Z',
      local: '14 Nov 2023, 22:55:20 UTC',
      relative: 'in 42 min',
      phrase: 'expires in 42 min',
      looksLikeMilliseconds: false
    });
    expect(t?.note).toBeUndefined();
  });

  it('phrases each time claim in its own words', () => {
    expect(describeTime('exp', NOW - 3 * 3600, UTC)?.phrase).toBe('expired 3 h ago');
    expect(describeTime('exp', NOW, UTC)?.phrase).toBe('expires now');
    expect(describeTime('iat', NOW - 5, UTC)?.phrase).toBe('issued 5 s ago');
    expect(describeTime('iat', NOW + 120, UTC)?.phrase).toBe('issued 2 min in the future (check the clocks)');
    expect(describeTime('nbf', NOW + 600, UTC)?.phrase).toBe('not valid for another 10 min');
    expect(describeTime('nbf', NOW - 600, UTC)?.phrase).toBe('valid since 10 min ago');
    expect(describeTime('auth_time', NOW - 2 * 86_400, UTC)?.phrase).toBe('signed in 2 d ago');
    expect(describeTime('updated_at', NOW - 90, UTC)?.phrase).toBe('updated 1 min ago');
    expect(describeTime('custom:renewal', NOW + 90, UTC)?.phrase).toBe('in 1 min');
  });

  it('uses the time zone and locale it is given', () => {
    const paris = describeTime('exp', NOW, { now: NOW_MS, locale: 'en-GB', timeZone: 'Europe/Paris' });
    expect(paris?.local).toBe('14 Nov 2023, 23:13:20 CET');
    const us = describeTime('exp', NOW, { now: NOW_MS, locale: 'en-US', timeZone: 'America/New_York' });
    // ICU versions differ on the space before PM (U+0020 or U+202F); \s matches both.
    expect(us?.local).toMatch(/^Nov 14, 2023, 5:13:20\sPM EST$/);
  });

  it('falls back to defaults for an unknown time zone instead of throwing', () => {
    expect(describeTime('exp', NOW, { now: NOW_MS, timeZone: 'Mars/Olympus_Mons' })?.local).toEqual(
      expect.any(String)
    );
  });

  it('flags a timestamp that looks like milliseconds', () => {
    const t = describeTime('exp', NOW_MS + 3_600_000, UTC);
    expect(t?.looksLikeMilliseconds).toBe(true);
    expect(t?.note).toMatch(/looks like milliseconds/);
    expect(t?.note).toContain('14 Nov 2023, 23:13:20 UTC');
    expect(t?.note).toContain('in 60 min');
    expect(describeTime('exp', MILLISECONDS_THRESHOLD, UTC)?.looksLikeMilliseconds).toBe(false);
    expect(describeTime('exp', MILLISECONDS_THRESHOLD + 1, UTC)?.looksLikeMilliseconds).toBe(true);
  });

  it('returns undefined for values that are not times', () => {
    for (const value of ['1700000000', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}]) {
      expect(describeTime('exp', value, UTC)).toBeUndefined();
    }
  });

  it('survives values beyond what a Date holds', () => {
    const t = describeTime('exp', 1e300, UTC);
    expect(t).toMatchObject({ iso: '', local: 'not a valid date', looksLikeMilliseconds: true });
  });
});
