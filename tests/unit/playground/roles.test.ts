import { describe, expect, it } from 'vitest';
import {
  checkRoleArn,
  describeRoleChoice,
  roleArnFromAssumedRole,
  trustPolicy
} from '../../../src/lib/playground/roles';

const editors = 'arn:aws:iam::123456789012:role/LensEditors';
const readers = 'arn:aws:iam::123456789012:role/LensReaders';
const assumed = (name: string) => `arn:aws:sts::123456789012:assumed-role/${name}/CognitoIdentityCredentials`;
const claims = { 'cognito:preferred_role': editors, 'cognito:roles': [editors, readers] };

describe('roles', () => {
  it('checks a typed role ARN before the basic flow sends it', () => {
    expect(checkRoleArn(readers)).toBeNull();
    expect(checkRoleArn(`  ${readers} `)).toBeNull();
    expect(checkRoleArn('arn:aws-cn:iam::123456789012:role/path/to/Role')).toBeNull();
    expect(checkRoleArn('')).toMatch(/Enter the ARN/);
    expect(checkRoleArn('   ')).toMatch(/Enter the ARN/);
    expect(checkRoleArn(assumed('LensReaders'))).toMatch(/assumed-role session/);
    expect(checkRoleArn('LensReaders')).toMatch(/Not a role ARN/);
    expect(checkRoleArn('arn:aws:iam::1234:role/LensReaders')).toMatch(/12-digit/);
    expect(checkRoleArn('arn:aws:iam::123456789012:user/bob')).toMatch(/Not a role ARN/);
  });

  it('turns an assumed-role ARN into the role ARN', () => {
    expect(roleArnFromAssumedRole(assumed('LensEditors'))).toBe(editors);
    expect(roleArnFromAssumedRole('arn:aws:iam::123456789012:user/bob')).toBeNull();
  });

  it('says the role came from cognito:preferred_role', () => {
    const choice = describeRoleChoice({ claims, customRoleArn: '', assumedRoleArn: assumed('LensEditors') });
    expect(choice.chosen).toBe(editors);
    expect(choice.why).toMatch(/cognito:preferred_role is LensEditors/);
    expect(choice.tokenRoles).toEqual([editors, readers]);
  });

  it('says the role came from CustomRoleArn', () => {
    const choice = describeRoleChoice({
      claims,
      customRoleArn: readers,
      assumedRoleArn: assumed('LensReaders')
    });
    expect(choice.why).toMatch(/CustomRoleArn/);
  });

  it("says a role not in the token is the pool's default", () => {
    const choice = describeRoleChoice({
      claims,
      customRoleArn: '',
      assumedRoleArn: assumed('LensAuthenticated')
    });
    expect(choice.why).toMatch(/default authenticated role/);
    expect(describeRoleChoice({ claims: null, customRoleArn: '', assumedRoleArn: null }).why).toMatch(
      /GetCallerIdentity/
    );
    expect(
      describeRoleChoice({ claims: null, customRoleArn: '', assumedRoleArn: null, guest: true }).why
    ).toMatch(/unauthenticated role/);
  });

  it('writes the trust policy for this pool', () => {
    const policy = JSON.parse(trustPolicy('us-east-1:4f2a9c1e-8b7d-4e3a-9f10-2c6b5d8e7a01', 'authenticated'));
    const statement = policy.Statement[0];
    expect(statement.Principal).toEqual({ Federated: 'cognito-identity.amazonaws.com' });
    expect(statement.Condition.StringEquals['cognito-identity.amazonaws.com:aud']).toBe(
      'us-east-1:4f2a9c1e-8b7d-4e3a-9f10-2c6b5d8e7a01'
    );
    expect(statement.Condition['ForAnyValue:StringLike']['cognito-identity.amazonaws.com:amr']).toBe(
      'authenticated'
    );
  });
});
