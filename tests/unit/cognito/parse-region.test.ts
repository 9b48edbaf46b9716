import { describe, expect, it } from 'vitest';
import { parseRegion } from '../../../src/lib/cognito';
import { inputError } from './helpers';

describe('parseRegion', () => {
  it.each([
    'us-east-1',
    'eu-central-2',
    'us-gov-west-1',
    'cn-north-1',
    'ap-southeast-5',
    'il-central-1',
    'eusc-de-east-1'
  ])('accepts %s', (region) => {
    expect(parseRegion(region)).toBe(region);
  });

  it.each([
    ['an Availability Zone', 'us-east-1a', /Availability Zone; its region is us-east-1/, 'us-east-1'],
    ['upper case', 'EU-WEST-1', /lower case: eu-west-1/, 'eu-west-1'],
    ['a user pool id', 'eu-west-1_AbC123xyz', /user pool id; its region is eu-west-1/, 'eu-west-1'],
    [
      'an identity pool id',
      'eu-west-1:1a2b3c4d-1111-2222-3333-444455556666',
      /identity pool id; its region is eu-west-1/,
      'eu-west-1'
    ],
    [
      'an endpoint',
      'cognito-idp.eu-west-1.amazonaws.com',
      /Give only the region code: eu-west-1/,
      'eu-west-1'
    ]
  ])('explains %s and suggests the region', (_name, input, message, suggestion) => {
    const error = inputError(() => parseRegion(input));
    expect(error.code).toBe('ERR_REGION_INVALID');
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ field: 'region', suggestion });
  });

  it('explains a display name', () => {
    expect(inputError(() => parseRegion('US East (N. Virginia)')).message).toMatch(/display name/);
  });

  it('explains anything else', () => {
    expect(inputError(() => parseRegion('europe')).message).toBe(
      '"europe" is not a region code (such as us-east-1 or eu-central-2)'
    );
  });

  it('refuses empty input and padded input, offering the cleaned value', () => {
    expect(inputError(() => parseRegion('')).code).toBe('ERR_INPUT_EMPTY');
    expect(inputError(() => parseRegion(undefined)).code).toBe('ERR_INPUT_EMPTY');
    const spaced = inputError(() => parseRegion(' us-east-1\n'));
    expect(spaced).toMatchObject({ code: 'ERR_INPUT_PADDED', message: 'The region has spaces around it' });
    expect(spaced.details).toMatchObject({ suggestion: 'us-east-1' });
    const quoted = inputError(() => parseRegion('"us-east-1"'));
    expect(quoted.message).toBe('The region has quotes around it');
    expect(inputError(() => parseRegion(' \u201cus-east-1\u201d')).message).toBe(
      'The region has spaces and quotes around it'
    );
    expect(inputError(() => parseRegion('""')).code).toBe('ERR_INPUT_EMPTY');
  });
});
