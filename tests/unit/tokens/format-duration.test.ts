import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/lib/tokens';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [5.9, '5 s'],
    [59, '59 s'],
    [60, '1 min'],
    [2520, '42 min'],
    [7199, '119 min'],
    [7200, '2 h'],
    [3 * 3600 + 59, '3 h'],
    [47 * 3600, '47 h'],
    [2 * 86_400, '2 d'],
    [400 * 86_400, '400 d'],
    [3 * 365.25 * 86_400, '3 y'],
    [-2520, '42 min']
  ])('%d s is "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
