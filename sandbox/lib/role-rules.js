// @ts-check
// Role mapping by rules, as identity pools evaluate it (pure: no I/O).
// https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html ("Using rules to
// assign roles to users"): each rule names a claim of the login's token, a match type (Equals, NotEqual, StartsWith,
// Contains) and a value; rules are evaluated in order and the role of the first matching rule is used, unless
// CustomRoleArn asks for the role of another matching rule. When no rule matches, AmbiguousRoleResolution decides:
// AuthenticatedRole (the pool's default authenticated role) or Deny.
// Shapes: https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MappingRule.html and
// API_RoleMapping.html. A claim holding a list (such as cognito:groups) matches when one of its values matches
// (NotEqual: when none equals the value): the sandbox's reading, as AWS does not spell it out.

/**
 * @typedef {object} MappingRule
 * @property {string} Claim
 * @property {'Equals' | 'Contains' | 'StartsWith' | 'NotEqual'} MatchType
 * @property {string} Value
 * @property {string} RoleARN
 */

/**
 * @typedef {object} RulesDecision
 * @property {'rule' | 'custom' | 'ambiguous-default' | 'ambiguous-deny'} outcome
 * @property {string | undefined} roleArn undefined: the pool's default authenticated role (or denied)
 * @property {number | undefined} ruleIndex the rule that chose the role (0-based)
 * @property {MappingRule | undefined} rule
 * @property {number[]} matching every rule that matched, in order
 */

/** @param {unknown} value @returns {string[]} */
function valuesOf(value) {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/**
 * @param {MappingRule} rule
 * @param {Record<string, unknown>} claims
 */
export function ruleMatches(rule, claims) {
  const values = valuesOf(claims[rule.Claim]);
  switch (rule.MatchType) {
    case 'Equals':
      return values.includes(rule.Value);
    case 'NotEqual':
      // An absent claim is not equal to anything.
      return !values.includes(rule.Value);
    case 'StartsWith':
      return values.some((value) => value.startsWith(rule.Value));
    case 'Contains':
      return values.some((value) => value.includes(rule.Value));
    default:
      return false;
  }
}

/**
 * @param {{
 *   rules: MappingRule[],
 *   ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny',
 *   claims: Record<string, unknown>,
 *   customRoleArn?: string
 * }} input
 * @returns {RulesDecision | {outcome: 'custom-refused', roleArn: string, matching: number[]}}
 */
export function evaluateRules({ rules, ambiguousRoleResolution, claims, customRoleArn }) {
  const matching = rules.flatMap((rule, index) => (ruleMatches(rule, claims) ? [index] : []));
  if (customRoleArn !== undefined) {
    const index = matching.find((candidate) => rules[candidate]?.RoleARN === customRoleArn);
    if (index === undefined) return { outcome: 'custom-refused', roleArn: customRoleArn, matching };
    return { outcome: 'custom', roleArn: customRoleArn, ruleIndex: index, rule: rules[index], matching };
  }
  const [first] = matching;
  if (first !== undefined) {
    return {
      outcome: 'rule',
      roleArn: rules[first]?.RoleARN,
      ruleIndex: first,
      rule: rules[first],
      matching
    };
  }
  return {
    outcome: ambiguousRoleResolution === 'Deny' ? 'ambiguous-deny' : 'ambiguous-default',
    roleArn: undefined,
    ruleIndex: undefined,
    rule: undefined,
    matching
  };
}
