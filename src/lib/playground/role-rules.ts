// Which role an identity pool gives a federated user, and why: role mapping by rules (claim, match type, value,
// role; in order, the first match wins; no match -> AmbiguousRoleResolution), by the token, or the default role.
// Pure: it reads the pool's role mapping when the playground knows it (the sandbox preset) and says what it can
// when it does not (a pool on AWS: reading its rules takes GetIdentityPoolRoles, signed with developer
// credentials, which the playground never has).
//
// Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RoleMapping.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MappingRule.html

import { roleArnFromAssumedRole } from './roles';

/** How a rule compares the claim with its value (MappingRule.MatchType). */
export type MatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

/** Every match type, in the API's order. */
export const MATCH_TYPES: readonly MatchType[] = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];

/**
 * One rule, with the API's names.
 *
 * @example
 * ```ts
 * const rule: MappingRule = { Claim: 'department', MatchType: 'Equals', Value: 'engineering',
 *   RoleARN: 'arn:aws:iam::123456789012:role/LensEditors' };
 * ```
 */
export interface MappingRule {
  Claim: string;
  MatchType: MatchType;
  Value: string;
  RoleARN: string;
}

/**
 * A provider's role mapping (RoleMapping), with the API's names.
 *
 * @example
 * ```ts
 * const mapping: RoleMapping = { Type: 'Rules', AmbiguousRoleResolution: 'AuthenticatedRole',
 *   RulesConfiguration: { Rules: [rule] } };
 * ```
 */
export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
}

/**
 * What the playground knows of the identity pool's roles: its default authenticated role and the mapping for
 * the provider (absent: default role only).
 *
 * @example
 * ```ts
 * const known: KnownPoolRoles = { authenticatedRole: 'arn:aws:iam::123456789012:role/LensAuthenticated', mapping };
 * ```
 */
export interface KnownPoolRoles {
  authenticatedRole: string | null;
  mapping: RoleMapping | null;
}

/**
 * One rule checked against the token.
 *
 * @example
 * ```ts
 * const check: RuleCheck = { index: 0, rule, claimValue: 'engineering', matched: true,
 *   why: 'department is "engineering", which equals "engineering"' };
 * ```
 */
export interface RuleCheck {
  index: number;
  rule: MappingRule;
  /** The claim's value in the token (`undefined`: the token lacks it). */
  claimValue: unknown;
  matched: boolean;
  why: string;
  /** Not evaluated: an earlier rule matched first. */
  skipped: boolean;
}

/**
 * The explanation: the role the pool's configuration picks for these claims (`expected`, `null` = refused or
 * unknown), the rule that picked it, each rule's check, and sentences to show.
 *
 * @example
 * ```ts
 * explainRoleChoice({ claims, known, assumedRoleArn }).summary;
 * // 'Rule 1 (department Equals "engineering") matched first, so the pool chose LensEditors.'
 * ```
 */
export interface RoleExplanation {
  /** How the pool picks roles for this provider, as far as the playground knows. */
  mode: 'rules' | 'token' | 'default' | 'unknown';
  checks: RuleCheck[];
  /** The index of the rule that chose the role, or `null`. */
  chosenBy: number | null;
  /** The role the configuration picks (`null`: Deny, or not knowable here). */
  expected: string | null;
  /** The role the credentials belong to (from GetCallerIdentity), when known. */
  actual: string | null;
  /** False when both are known and differ (the explainer's reading of the rules is not what the pool did). */
  agrees: boolean | null;
  summary: string;
  details: string[];
}

function roleName(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/**
 * Does the claim's value match the rule? Claims that are not text are compared as their JSON text (AWS
 * documents rules for string claims only).
 *
 * @example
 * ```ts
 * matchRule({ Claim: 'email', MatchType: 'StartsWith', Value: 'sam@', RoleARN }, 'sam@social.example'); // true
 * ```
 */
export function matchRule(rule: MappingRule, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (rule.MatchType) {
    case 'Equals':
      return text === rule.Value;
    case 'NotEqual':
      return text !== rule.Value;
    case 'StartsWith':
      return text.startsWith(rule.Value);
    case 'Contains':
      return text.includes(rule.Value);
    default:
      return false;
  }
}

const VERB: Record<MatchType, [string, string]> = {
  Equals: ['equals', 'does not equal'],
  NotEqual: ['differs from', 'equals'],
  StartsWith: ['starts with', 'does not start with'],
  Contains: ['contains', 'does not contain']
};

/**
 * Check the rules in order, as the identity pool does: the first rule that matches chooses the role.
 *
 * @example
 * ```ts
 * evaluateRules(rules, { department: 'sales' }).find((check) => check.matched); // undefined: no rule matched
 * ```
 */
export function evaluateRules(rules: readonly MappingRule[], claims: Record<string, unknown>): RuleCheck[] {
  let found = false;
  return rules.map((rule, index) => {
    const claimValue = Object.hasOwn(claims, rule.Claim) ? claims[rule.Claim] : undefined;
    if (found) {
      return {
        index,
        rule,
        claimValue,
        matched: false,
        skipped: true,
        why: 'Not checked: an earlier rule matched.'
      };
    }
    const matched = matchRule(rule, claimValue);
    found = matched;
    const [yes, no] = VERB[rule.MatchType] ?? ['matches', 'does not match'];
    const why =
      claimValue === undefined
        ? `The token has no ${rule.Claim} claim, so the rule cannot match.`
        : `${rule.Claim} is ${shown(claimValue)}, which ${matched ? yes : no} "${rule.Value}".`;
    return { index, rule, claimValue, matched, skipped: false, why };
  });
}

function describeRule(rule: MappingRule): string {
  return `${rule.Claim} ${rule.MatchType} "${rule.Value}"`;
}

/**
 * Explain the role an identity pool chose for a federated sign-in: with the pool's rules when they are known,
 * and otherwise from what can be seen (the role the credentials belong to, the token's claims).
 *
 * @example
 * ```ts
 * const explanation = explainRoleChoice({
 *   claims: { sub: 'sam', department: 'engineering' },
 *   known: { authenticatedRole: 'arn:aws:iam::123456789012:role/LensAuthenticated', mapping },
 *   assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials'
 * });
 * explanation.chosenBy; // 0
 * ```
 */
export function explainRoleChoice(input: {
  claims: Record<string, unknown> | null;
  known: KnownPoolRoles | null;
  /** GetCallerIdentity's Arn, when the credentials were proved. */
  assumedRoleArn: string | null;
  /** The provider name (Logins key), for the sentences. */
  provider?: string;
}): RoleExplanation {
  const claims = input.claims ?? {};
  const actual = input.assumedRoleArn ? roleArnFromAssumedRole(input.assumedRoleArn) : null;
  const provider = input.provider ? ` for ${input.provider}` : '';
  const compare = (expected: string | null) =>
    expected === null || actual === null ? null : expected === actual;

  if (input.known === null) {
    const details = [
      "Reading an identity pool's role mapping takes GetIdentityPoolRoles, signed with developer credentials: this page has none, so it cannot show the rules.",
      "An identity pool picks a role for a provider in one of three ways: its default authenticated role; rules on the token's claims (in order, the first match wins, then AmbiguousRoleResolution); or roles named in the token (cognito:preferred_role, cognito:roles)."
    ];
    const summary = actual
      ? `The credentials belong to ${roleName(actual)}. Compare it with the pool's default authenticated role: if they differ, a rule${provider} or the token chose it.`
      : 'Prove the credentials (GetCallerIdentity) to see which role they belong to.';
    return {
      mode: 'unknown',
      checks: [],
      chosenBy: null,
      expected: null,
      actual,
      agrees: null,
      summary,
      details
    };
  }

  const { authenticatedRole, mapping } = input.known;
  const defaultRole = authenticatedRole;
  if (mapping === null) {
    const summary = defaultRole
      ? `No role mapping${provider}: every signed-in user gets the default authenticated role, ${roleName(defaultRole)}.`
      : `No role mapping${provider} and no default authenticated role: the pool refuses credentials.`;
    return {
      mode: 'default',
      checks: [],
      chosenBy: null,
      expected: defaultRole,
      actual,
      agrees: compare(defaultRole),
      summary,
      details: []
    };
  }

  const ambiguous = mapping.AmbiguousRoleResolution ?? 'AuthenticatedRole';
  const fallback = ambiguous === 'Deny' ? null : defaultRole;
  const fallbackText =
    ambiguous === 'Deny'
      ? 'AmbiguousRoleResolution is Deny, so the pool refuses credentials (InvalidIdentityPoolConfigurationException or NotAuthorizedException).'
      : `AmbiguousRoleResolution is AuthenticatedRole, so the pool falls back to its default authenticated role${defaultRole ? `, ${roleName(defaultRole)}` : ''}.`;

  if (mapping.Type === 'Token') {
    const preferred =
      typeof claims['cognito:preferred_role'] === 'string' ? claims['cognito:preferred_role'] : null;
    const expected = preferred ?? fallback;
    const summary = preferred
      ? `Roles come from the token${provider}: its cognito:preferred_role is ${roleName(preferred)}.`
      : `Roles come from the token${provider}, but it names none (no cognito:preferred_role): ${fallbackText}`;
    return {
      mode: 'token',
      checks: [],
      chosenBy: null,
      expected,
      actual,
      agrees: compare(expected),
      summary,
      details: []
    };
  }

  const rules = mapping.RulesConfiguration?.Rules ?? [];
  const checks = evaluateRules(rules, claims);
  const first = checks.find((check) => check.matched) ?? null;
  const expected = first ? first.rule.RoleARN : fallback;
  const summary = first
    ? `Rule ${first.index + 1} (${describeRule(first.rule)}) matched first, so the pool chose ${roleName(first.rule.RoleARN)}.`
    : `No rule matched${rules.length === 0 ? ' (there are none)' : ''}: ${fallbackText}`;
  const details = [
    'Rules are checked in order against the claims of the token in Logins; the first that matches chooses the role, the others are not looked at.'
  ];
  const agrees = compare(expected);
  if (agrees === false && actual) {
    details.push(
      `The credentials belong to ${roleName(actual)}, not ${expected ? roleName(expected) : 'nothing'}: the pool's rules are not the ones this page knows (they changed, or CustomRoleArn asked for another allowed role).`
    );
  }
  return {
    mode: 'rules',
    checks,
    chosenBy: first ? first.index : null,
    expected,
    actual,
    agrees,
    summary,
    details
  };
}
