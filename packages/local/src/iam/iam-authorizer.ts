import type { StackIam } from '../stack/stack-model.js';
import { conditionOperator } from './conditions.js';
import { type Decision, evaluatePolicies } from './evaluate-policies.js';
import { type PolicyDocument, PolicyDocumentError, parsePolicyDocument } from './policy-document.js';
import { requestContext } from './request-context.js';
import type { ArnScope, Permission } from './required-permissions.js';

/** Who makes a call: a role of the program, through a session (Lambda names it after the function). */
export interface CallerIdentity {
  readonly roleArn: string;
  readonly sessionName: string;
}

/** A call IAM refused, with what AWS puts in the message. */
export interface AccessDenial {
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: the "User:" of AWS's message. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: Exclude<Decision, { effect: 'Allow' }>;
}

/**
 * The program's IAM, read once at start-up (a policy the evaluator cannot read fails then, naming it):
 * answers whether a role may make a call, each permission the call needs checked in turn.
 */
export class IamAuthorizer {
  private readonly identity = new Map<string, PolicyDocument[]>();
  private readonly resource = new Map<string, PolicyDocument[]>();
  private readonly trust = new Map<string, PolicyDocument>();

  constructor(
    iam: StackIam,
    private readonly scope: ArnScope,
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const role of iam.roles) {
      const docs = role.policies.map((p) =>
        checked(parsePolicyDocument(p.document, `role ${role.name}, policy ${p.name}`)),
      );
      this.identity.set(role.arn, docs);
      if (role.trustPolicy !== undefined)
        this.trust.set(
          role.arn,
          checked(parsePolicyDocument(role.trustPolicy, `role ${role.name}, trust policy`)),
        );
    }
    for (const policy of iam.resourcePolicies) {
      const docs = this.resource.get(policy.resourceArn) ?? [];
      docs.push(checked(parsePolicyDocument(policy.document, `resource policy ${policy.name}`)));
      this.resource.set(policy.resourceArn, docs);
    }
  }

  /** Whether the role is one of the program's (a call by any other is denied: it has no policies). */
  knows(roleArn: string): boolean {
    return this.identity.has(roleArn);
  }

  /**
   * Whether an AWS service (`states.amazonaws.com`) may assume the role under its trust policy, given the
   * keys the service sends (`aws:SourceAccount`, `aws:SourceArn`). A role without a trust policy in the
   * model (one built by hand) is not checked.
   */
  mayAssume(roleArn: string, service: string, keys: Readonly<Record<string, string>> = {}): boolean {
    const trust = this.trust.get(roleArn);
    if (trust === undefined) return this.identity.has(roleArn);
    const decision = evaluatePolicies(
      {
        principalArn: service,
        sessionArn: service,
        principalAccount: this.scope.accountId,
        servicePrincipal: service,
        action: 'sts:AssumeRole',
        resource: roleArn,
        context: requestContext(keys),
      },
      { identity: [], resource: [trust] },
    );
    return decision.effect === 'Allow';
  }

  /** The first permission the caller lacks, or undefined when every one is allowed. */
  authorize(caller: CallerIdentity, permissions: readonly Permission[]): AccessDenial | undefined {
    const now = this.clock();
    const principal = sessionArn(caller);
    for (const { action, resource } of permissions) {
      const context = requestContext({
        'aws:PrincipalArn': caller.roleArn,
        'aws:PrincipalAccount': this.scope.accountId,
        'aws:PrincipalType': 'AssumedRole',
        'aws:RequestedRegion': this.scope.region,
        'aws:SecureTransport': 'true',
        'aws:CurrentTime': now.toISOString(),
        'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
        'aws:ResourceAccount': resource.startsWith('arn:') ? resource.split(':')[4] : undefined,
      });
      const decision = evaluatePolicies(
        {
          principalArn: caller.roleArn,
          sessionArn: principal,
          principalAccount: this.scope.accountId,
          action,
          resource,
          context,
        },
        { identity: this.identity.get(caller.roleArn) ?? [], resource: this.resource.get(resource) ?? [] },
      );
      if (decision.effect !== 'Allow') return { principal, action, resource, decision };
    }
    return undefined;
  }
}

/** The assumed-role session ARN AWS names in its messages. */
export function sessionArn(caller: CallerIdentity): string {
  const [, , , , account = '', rest = ''] = caller.roleArn.split(':');
  const roleName = rest.split('/').pop() ?? rest;
  return `arn:aws:sts::${account}:assumed-role/${roleName}/${caller.sessionName}`;
}

/**
 * AWS's wording: `User: <session> is not authorized to perform: <action> on resource: <arn> because no
 * identity-based policy allows the <action> action` (or `with an explicit deny in a <kind> policy`).
 * `servicePrefix` is how the service spells its prefix in messages (SNS writes `SNS:Publish`).
 */
export function accessDeniedMessage(denial: AccessDenial, servicePrefix?: string): string {
  const action =
    servicePrefix === undefined
      ? denial.action
      : `${servicePrefix}:${denial.action.split(':').slice(1).join(':')}`;
  const why =
    denial.decision.effect === 'ExplicitDeny'
      ? `with an explicit deny in ${denial.decision.by.policy === 'identity' ? 'an identity-based' : 'a resource-based'} policy`
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${denial.principal} is not authorized to perform: ${action} on resource: ${denial.resource} ${why}`;
}

/** Refuse, at start-up, a condition operator the evaluator cannot evaluate. */
function checked(document: PolicyDocument): PolicyDocument {
  for (const statement of document.statements) {
    for (const operator of Object.keys(statement.condition ?? {})) {
      try {
        conditionOperator(operator);
      } catch (error) {
        throw new PolicyDocumentError(`${document.source}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return document;
}
