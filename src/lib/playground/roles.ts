/** What the id token says about roles, and what the identity pool did with it. */
export interface RoleChoice {
  /** The role the credentials belong to (from GetCallerIdentity's assumed-role ARN), when known. */
  chosen: string | null;
  /** Why, in one sentence. */
  why: string;
  preferredRole: string | null;
  tokenRoles: string[];
}

/**
 * Turns an assumed-role ARN (`arn:aws:sts::123:assumed-role/Name/Session`) into the role ARN
 * (`arn:aws:iam::123:role/Name`).
 *
 * @example
 * roleArnFromAssumedRole('arn:aws:sts::123456789012:assumed-role/LensEditors/CognitoIdentityCredentials')
 * // 'arn:aws:iam::123456789012:role/LensEditors'
 */
export function roleArnFromAssumedRole(assumed: string): string | null {
  const match = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(assumed);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : null;
}

/**
 * Checks a role ARN typed for the basic flow before anything is sent, and says what is wrong in one sentence
 * (null when it looks right). Role ARNs have the form `arn:<partition>:iam::<12-digit account>:role/<path/name>`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 *
 * @example
 * checkRoleArn('') // 'Enter the ARN of the role to assume, …'
 * checkRoleArn('arn:aws:iam::123456789012:role/LensReaders') // null
 */
export function checkRoleArn(value: string): string | null {
  const arn = value.trim();
  const example = 'arn:aws:iam::123456789012:role/MyRole';
  if (arn === '') return `Enter the ARN of the role to assume, such as ${example}.`;
  if (/^arn:aws[\w-]*:sts::\d{12}:assumed-role\//.test(arn)) {
    return 'That is an assumed-role session ARN (from STS): name the role itself, arn:…:iam::…:role/Name.';
  }
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) {
    return `Not a role ARN: the form is ${example} (12-digit account id, then role/ and the name).`;
  }
  return null;
}

/**
 * Explains which role the identity pool chose: a CustomRoleArn the app asked for, the token's
 * `cognito:preferred_role` (token-based role mapping), or the pool's default role.
 *
 * @example
 * describeRoleChoice({ claims: idTokenClaims, customRoleArn: '', assumedRoleArn: callerArn })
 */
export function describeRoleChoice(input: {
  claims: Record<string, unknown> | null;
  customRoleArn: string;
  assumedRoleArn: string | null;
  guest?: boolean;
}): RoleChoice {
  const claims = input.claims ?? {};
  const preferredRole =
    typeof claims['cognito:preferred_role'] === 'string' ? claims['cognito:preferred_role'] : null;
  const tokenRoles = Array.isArray(claims['cognito:roles'])
    ? claims['cognito:roles'].filter((role): role is string => typeof role === 'string')
    : [];
  const chosen = input.assumedRoleArn ? roleArnFromAssumedRole(input.assumedRoleArn) : null;
  const name = (arn: string) => arn.split('/').pop() ?? arn;
  let why: string;
  if (input.guest) {
    why = "A guest identity gets the pool's unauthenticated role (scoped down further by a session policy).";
  } else if (input.customRoleArn && chosen === input.customRoleArn) {
    why = `You asked for ${name(input.customRoleArn)} with CustomRoleArn; the token lists it in cognito:roles, so the pool allowed it.`;
  } else if (chosen && preferredRole && chosen === preferredRole) {
    why = `The token's cognito:preferred_role is ${name(preferredRole)} (the user's group with the lowest precedence): the pool maps roles from the token.`;
  } else if (chosen) {
    why = `${name(chosen)} is not from the token, so it is the pool's default authenticated role${preferredRole ? ' (this pool does not map roles from the token)' : ''}.`;
  } else {
    why = 'Call GetCallerIdentity with the credentials to see which role they belong to.';
  }
  return { chosen, why, preferredRole, tokenRoles };
}

/**
 * The trust policy a role needs so this identity pool can hand out its credentials: the principal is
 * cognito-identity.amazonaws.com, `aud` must be this pool, and `amr` says signed-in users or guests.
 *
 * @example
 * trustPolicy('us-east-1:4f2a9c1e-8b7d-4e3a-9f10-2c6b5d8e7a01', 'authenticated')
 */
export function trustPolicy(identityPoolId: string, amr: 'authenticated' | 'unauthenticated'): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId || '<identity pool id>' },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr }
          }
        }
      ]
    },
    null,
    2
  );
}
