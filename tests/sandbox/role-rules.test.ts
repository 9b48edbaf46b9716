// Role mapping by rules (sandbox/lib/role-rules.js), one behaviour per match type and for ambiguity, as the
// developer guide describes them: https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
// ("rules are evaluated in order, and the IAM role for the first matching rule is used, unless CustomRoleArn is
// specified to override the order"; no match: AmbiguousRoleResolution AuthenticatedRole or Deny).
import { describe, expect, it } from 'vitest';
import { evaluateRules, ruleMatches, type MappingRule } from '../../sandbox/lib/role-rules.js';

const EDITORS = 'arn:aws:iam::123456789012:role/LensEditors';
const READERS = 'arn:aws:iam::123456789012:role/LensReaders';
const rule = (
  MatchType: MappingRule['MatchType'],
  Value: string,
  Claim = 'department',
  RoleARN = EDITORS
) => ({
  Claim,
  MatchType,
  Value,
  RoleARN
});

describe('ruleMatches', () => {
  it('Equals: the whole value, case-sensitive', () => {
    expect(ruleMatches(rule('Equals', 'engineering'), { department: 'engineering' })).toBe(true);
    expect(ruleMatches(rule('Equals', 'engineering'), { department: 'Engineering' })).toBe(false);
    expect(ruleMatches(rule('Equals', 'engineering'), { department: 'engineering-ops' })).toBe(false);
    expect(ruleMatches(rule('Equals', 'engineering'), {})).toBe(false);
  });

  it('Contains: a substring', () => {
    expect(ruleMatches(rule('Contains', '@example.com', 'email'), { email: 'alice@example.com' })).toBe(true);
    expect(ruleMatches(rule('Contains', '@example.com', 'email'), { email: 'sam@social.example' })).toBe(
      false
    );
  });

  it('StartsWith: a prefix only', () => {
    expect(ruleMatches(rule('StartsWith', 'eng'), { department: 'engineering' })).toBe(true);
    expect(ruleMatches(rule('StartsWith', 'ring'), { department: 'engineering' })).toBe(false);
  });

  it('NotEqual: anything but the value, an absent claim included', () => {
    expect(ruleMatches(rule('NotEqual', 'sales'), { department: 'engineering' })).toBe(true);
    expect(ruleMatches(rule('NotEqual', 'sales'), { department: 'sales' })).toBe(false);
    expect(ruleMatches(rule('NotEqual', 'sales'), {})).toBe(true);
  });

  it('a list claim (cognito:groups) matches when one of its values does', () => {
    const claims = { 'cognito:groups': ['readers', 'editors'] };
    expect(ruleMatches(rule('Equals', 'editors', 'cognito:groups'), claims)).toBe(true);
    expect(ruleMatches(rule('NotEqual', 'editors', 'cognito:groups'), claims)).toBe(false);
  });
});

describe('evaluateRules', () => {
  const rules = [rule('Equals', 'engineering'), rule('Contains', '@example.com', 'email', READERS)];

  it('takes the first matching rule, in order', () => {
    const both = { department: 'engineering', email: 'x@example.com' };
    expect(evaluateRules({ rules, ambiguousRoleResolution: 'Deny', claims: both })).toMatchObject({
      outcome: 'rule',
      roleArn: EDITORS,
      ruleIndex: 0,
      matching: [0, 1]
    });
    const reversed = [...rules].reverse();
    expect(evaluateRules({ rules: reversed, ambiguousRoleResolution: 'Deny', claims: both }).roleArn).toBe(
      READERS
    );
  });

  it('no match: the default authenticated role, or denied', () => {
    const claims = { department: 'sales', email: 'sam@social.example' };
    expect(evaluateRules({ rules, ambiguousRoleResolution: 'AuthenticatedRole', claims })).toMatchObject({
      outcome: 'ambiguous-default',
      roleArn: undefined,
      matching: []
    });
    expect(evaluateRules({ rules, ambiguousRoleResolution: 'Deny', claims }).outcome).toBe('ambiguous-deny');
  });

  it('CustomRoleArn picks another matching rule, never a role no matching rule grants', () => {
    const claims = { department: 'engineering', email: 'x@example.com' };
    expect(
      evaluateRules({ rules, ambiguousRoleResolution: 'Deny', claims, customRoleArn: READERS })
    ).toMatchObject({ outcome: 'custom', roleArn: READERS, ruleIndex: 1 });
    expect(
      evaluateRules({
        rules,
        ambiguousRoleResolution: 'AuthenticatedRole',
        claims: { department: 'engineering' },
        customRoleArn: READERS
      }).outcome
    ).toBe('custom-refused');
  });
});
