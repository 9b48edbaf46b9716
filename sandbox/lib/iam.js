// @ts-check
// What a role's credentials may do: each request is evaluated against the assumed role's identity policies by
// @cloud-copilot/iam-simulate, a real IAM policy evaluator (the sandbox writes no policy logic of its own).
//
// Why not the package's `runSimulation`: it keeps only the context keys its data lists for the action, and the web
// identity keys a Cognito identity pool session carries (`cognito-identity.amazonaws.com:sub`, `:aud`, `:amr`,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif)
// are not listed for S3 actions, so `${cognito-identity.amazonaws.com:sub}` would never resolve. Its
// `runUnsafeSimulation` keeps every key but answers only Allowed/Denied. Both call the package's core `authorize`
// with the analysis of every statement; the sandbox calls it the way `runUnsafeSimulation` does, to show the
// learner which statement decided. The policies themselves are validated once, at start, by `runSimulation`.
import { loadPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation } from '@cloud-copilot/iam-simulate';

// The package's own modules, next to its entry point (the version is pinned exactly in package.json).
const entry = import.meta.resolve('@cloud-copilot/iam-simulate');
const [{ authorize }, { AwsRequestImpl }, { RequestContextImpl }, { DiscoveryContextKeyConstraints }] =
  await Promise.all([
    import(new URL('./core_engine/CoreSimulatorEngine.js', entry).href),
    import(new URL('./request/request.js', entry).href),
    import(new URL('./requestContext.js', entry).href),
    import(new URL('./context_keys/discoveryContextKeyConstraints.js', entry).href)
  ]);

/**
 * @typedef {object} Decision
 * @property {'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied'} result
 * @property {string} action e.g. s3:PutObject
 * @property {string} resource the ARN asked for
 * @property {string} roleArn
 * @property {{sid: string | undefined, index: number, effect: string}[]} decidedBy the statements that allowed
 *   (Allowed) or denied (ExplicitlyDenied) the request; none for an implicit deny (no statement allows it)
 * @property {{sid: string | undefined, index: number, actionMatch: boolean, resourceMatch: boolean,
 *   conditionMatch: boolean}[]} statements how each statement of the role's policy compared with the request
 */

/**
 * A statement as the analysis names it: its Sid and its 0-based position in the policy's Statement list.
 * @param {{statement: {sid(): string | undefined, index(): number, effect(): string}}} analysed
 */
const statementOf = ({ statement }) => ({
  sid: statement.sid(),
  // iam-policy numbers statements from 1.
  index: statement.index() - 1,
  effect: statement.effect()
});

/**
 * @param {{
 *   accountId: string,
 *   roles: Map<string, {arn: string, name: string, policy?: unknown}>
 * }} deps
 */
export async function createIam({ accountId, roles }) {
  // Each role's policy, parsed once; a policy the evaluator refuses stops the sandbox at start.
  /** @type {Map<string, {document: any, loaded: unknown}>} */
  const policies = new Map();
  for (const role of roles.values()) {
    if (!role.policy) continue;
    const check = await runSimulation(
      {
        request: {
          principal: `arn:aws:sts::${accountId}:assumed-role/${role.name}/CognitoIdentityCredentials`,
          action: 's3:GetObject',
          resource: { resource: 'arn:aws:s3:::bucket/key', accountId },
          contextVariables: {}
        },
        identityPolicies: [{ name: role.name, policy: role.policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: []
      },
      {}
    );
    if (check.resultType === 'error') {
      throw new Error(`The policy of role ${role.arn} is not valid: ${JSON.stringify(check.errors)}`);
    }
    policies.set(role.arn, {
      document: role.policy,
      loaded: loadPolicy(role.policy, { name: role.name })
    });
  }

  return {
    /** @param {string} roleArn @returns {any} the role's identity policy document, if it has one */
    policyOf: (roleArn) => policies.get(roleArn)?.document,

    /**
     * @param {{
     *   roleArn: string,
     *   sessionName: string,
     *   action: string,
     *   resource: string,
     *   context: Record<string, string | string[]>
     * }} request
     * @returns {Decision}
     */
    evaluate({ roleArn, sessionName, action, resource, context }) {
      const role = roles.get(roleArn);
      const policy = policies.get(roleArn);
      const principal = `arn:aws:sts::${accountId}:assumed-role/${role?.name ?? 'unknown'}/${sessionName}`;
      const analysis = authorize({
        request: new AwsRequestImpl(
          principal,
          { resource, accountId },
          action,
          new RequestContextImpl(context)
        ),
        sessionPolicy: undefined,
        identityPolicies: policy ? [policy.loaded] : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: undefined,
        permissionBoundaries: undefined,
        vpcEndpointPolicies: undefined,
        simulationParameters: {
          simulationMode: 'Strict',
          discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([])
        },
        serviceSettings: { s3: { blockPublicAccess: undefined } }
      });
      const identity = analysis.identityAnalysis ?? {
        allowStatements: [],
        denyStatements: [],
        unmatchedStatements: []
      };
      const deciding =
        analysis.result === 'Allowed'
          ? identity.allowStatements
          : analysis.result === 'ExplicitlyDenied'
            ? identity.denyStatements
            : [];
      const all = [...identity.allowStatements, ...identity.denyStatements, ...identity.unmatchedStatements];
      return {
        result: analysis.result,
        action,
        resource,
        roleArn,
        decidedBy: deciding.map(statementOf),
        statements: all
          .map((/** @type {any} */ analysed) => ({
            sid: statementOf(analysed).sid,
            index: statementOf(analysed).index,
            actionMatch: analysed.actionMatch === true,
            resourceMatch: analysed.resourceMatch === true,
            conditionMatch: analysed.conditionMatch === 'Match'
          }))
          .sort((a, b) => a.index - b.index)
      };
    }
  };
}

/** @typedef {Awaited<ReturnType<typeof createIam>>} Iam */
