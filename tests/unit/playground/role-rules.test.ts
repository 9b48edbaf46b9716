// Role mapping by rules, as documented: in order, the first match wins, then AmbiguousRoleResolution.
// https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MappingRule.html
import { describe, expect, it } from 'vitest';
import {
  evaluateRules,
  explainRoleChoice,
  matchRule,
  type MappingRule,
  type RoleMapping
} from '../../../src/lib/playground/role-rules';

const EDITORS = 'arn:aws:iam::123456789012:role/LensEditors';
const READERS = 'arn:aws:iam::123456789012:role/LensReaders';
const DEFAULT = 'arn:aws:iam::123456789012:role/LensAuthenticated';
const assumed = (name: string) => `arn:aws:sts::123456789012:assumed-role/${name}/CognitoIdentityCredentials`;

const rule = (
  MatchType: MappingRule['MatchType'],
  Value: string,
  RoleARN = EDITORS,
  Claim = 'department'
) => ({
  Claim,
  MatchType,
  Value,
  RoleARN
});

describe('matchRule', () => {
  it('Equals matches only the exact value', () => {
    expect(matchRule(rule('Equals', 'engineering'), 'engineering')).toBe(true);
    expect(matchRule(rule('Equals', 'engineering'), 'Engineering')).toBe(false);
    expect(matchRule(rule('Equals', 'engineering'), 'engineering-2')).toBe(false);
  });
  it('Contains matches a value anywhere in the claim', () => {
    expect(matchRule(rule('Contains', 'gin'), 'engineering')).toBe(true);
    expect(matchRule(rule('Contains', 'sales'), 'engineering')).toBe(false);
  });
  it('StartsWith matches a prefix only', () => {
    expect(matchRule(rule('StartsWith', 'eng'), 'engineering')).toBe(true);
    expect(matchRule(rule('StartsWith', 'ring'), 'engineering')).toBe(false);
  });
  it('NotEqual matches any other value, but never a missing claim', () => {
    expect(matchRule(rule('NotEqual', 'engineering'), 'sales')).toBe(true);
    expect(matchRule(rule('NotEqual', 'engineering'), 'engineering')).toBe(false);
    expect(matchRule(rule('NotEqual', 'engineering'), undefined)).toBe(false);
  });
});

describe('evaluateRules', () => {
  it('stops at the first match: later rules are skipped, not evaluated', () => {
    const checks = evaluateRules(
      [rule('Equals', 'sales', READERS), rule('StartsWith', 'eng'), rule('Contains', 'e', READERS)],
      { department: 'engineering' }
    );
    expect(checks.map((c) => [c.matched, c.skipped])).toEqual([
      [false, false],
      [true, false],
      [false, true]
    ]);
    expect(checks[0]?.why).toBe('department is "engineering", which does not equal "sales".');
  });
  it('says when the token lacks the claim', () => {
    expect(evaluateRules([rule('Equals', 'x')], {})[0]?.why).toMatch(/has no department claim/);
  });
});

const mapping = (
  rules: MappingRule[],
  ambiguous: 'AuthenticatedRole' | 'Deny' = 'AuthenticatedRole'
): RoleMapping => ({
  Type: 'Rules',
  AmbiguousRoleResolution: ambiguous,
  RulesConfiguration: { Rules: rules }
});

describe('explainRoleChoice', () => {
  it('names the rule that chose the role, and agrees with the credentials', () => {
    const explanation = explainRoleChoice({
      claims: { department: 'engineering' },
      known: { authenticatedRole: DEFAULT, mapping: mapping([rule('Equals', 'engineering')]) },
      assumedRoleArn: assumed('LensEditors')
    });
    expect(explanation.chosenBy).toBe(0);
    expect(explanation.expected).toBe(EDITORS);
    expect(explanation.agrees).toBe(true);
    expect(explanation.summary).toBe(
      'Rule 1 (department Equals "engineering") matched first, so the pool chose LensEditors.'
    );
  });
  it('falls back to the authenticated role when no rule matches (ambiguous: AuthenticatedRole)', () => {
    const explanation = explainRoleChoice({
      claims: { department: 'sales' },
      known: { authenticatedRole: DEFAULT, mapping: mapping([rule('Equals', 'engineering')]) },
      assumedRoleArn: assumed('LensAuthenticated')
    });
    expect(explanation.chosenBy).toBeNull();
    expect(explanation.expected).toBe(DEFAULT);
    expect(explanation.summary).toMatch(/No rule matched: AmbiguousRoleResolution is AuthenticatedRole/);
  });
  it('refuses when no rule matches and ambiguity is Deny', () => {
    const explanation = explainRoleChoice({
      claims: { department: 'sales' },
      known: { authenticatedRole: DEFAULT, mapping: mapping([rule('Equals', 'engineering')], 'Deny') },
      assumedRoleArn: null
    });
    expect(explanation.expected).toBeNull();
    expect(explanation.summary).toMatch(/Deny, so the pool refuses credentials/);
  });
  it('flags credentials that disagree with the rules it knows', () => {
    const explanation = explainRoleChoice({
      claims: { department: 'engineering' },
      known: { authenticatedRole: DEFAULT, mapping: mapping([rule('Equals', 'engineering')]) },
      assumedRoleArn: assumed('LensReaders')
    });
    expect(explanation.agrees).toBe(false);
    expect(explanation.details.join(' ')).toMatch(/belong to LensReaders, not LensEditors/);
  });
  it('without the rules (a pool on AWS) says what it can from the credentials', () => {
    const explanation = explainRoleChoice({
      claims: { department: 'engineering' },
      known: null,
      assumedRoleArn: assumed('LensEditors')
    });
    expect(explanation.mode).toBe('unknown');
    expect(explanation.summary).toMatch(/belong to LensEditors/);
    expect(explanation.details[0]).toMatch(/GetIdentityPoolRoles/);
  });
});
