import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../../src/lib/tokens';

const NOW_MS = 1_700_000_000_000;
const NOW = NOW_MS / 1000;

describe('formatRelativeTime', () => {
  it('says how far in the future or past', () => {
    expect(formatRelativeTime(NOW + 42 * 60, { now: NOW_MS })).toBe('in 42 min');
    expect(formatRelativeTime(NOW - 3 * 3600, { now: NOW_MS })).toBe('3 h ago');
    expect(formatRelativeTime(NOW - 5, { now: NOW_MS })).toBe('5 s ago');
  });

  it('says "now" within the same second', () => {
    expect(formatRelativeTime(NOW, { now: NOW_MS })).toBe('now');
    expect(formatRelativeTime(NOW, { now: NOW_MS + 999 })).toBe('now');
    expect(formatRelativeTime(NOW, { now: NOW_MS + 1000 })).toBe('1 s ago');
  });

  it('copes with a time that is not finite', () => {
    expect(formatRelativeTime(Number.NaN, { now: NOW_MS })).toBe('at an unknown time');
  });
});
