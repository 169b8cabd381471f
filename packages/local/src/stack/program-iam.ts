import type { MockedResource } from './program-model.js';
import type { PolicyJson, ResourcePolicySpec, RoleSpec, StackIam } from './stack-model.js';

const ROLE = 'aws:iam/role:Role';
const ROLE_POLICY = 'aws:iam/rolePolicy:RolePolicy';
const MANAGED_POLICY = 'aws:iam/policy:Policy';
const POLICY_ATTACHMENT = 'aws:iam/rolePolicyAttachment:RolePolicyAttachment';
const TOPIC_POLICY = 'aws:sns/topicPolicy:TopicPolicy';

/** How the model reads a resource's field (state first, then inputs) and rewrites mock ARNs to local ones. */
export interface ResourceReader {
  field(resource: MockedResource, key: string): unknown;
  /** Mock ARNs → local ARNs in a text. */
  swap(text: string): string;
}

/**
 * The program's roles with their policies (inline `aws:iam/rolePolicy`, the Role's own `inlinePolicies`, and
 * `aws:iam/policy` attached with `aws:iam/rolePolicyAttachment`) and its resource policies (SNS topic policies).
 * A policy that names a role the program does not have, or attaches a policy it does not define (an AWS
 * managed one), is a problem: the local stack would deny what that policy grants without saying why.
 */
export function iamFromProgram(
  resources: readonly MockedResource[],
  reader: ResourceReader,
  problems: string[],
): StackIam {
  const document = (r: MockedResource, key: string): PolicyJson | undefined => {
    const raw = reader.field(r, key);
    const text = typeof raw === 'string' ? raw : raw === undefined ? undefined : JSON.stringify(raw);
    if (text === undefined) {
      problems.push(`${r.type} ${r.name} has no ${key}`);
      return undefined;
    }
    try {
      return JSON.parse(reader.swap(text)) as PolicyJson;
    } catch (error) {
      problems.push(`${r.type} ${r.name}: ${key} is not JSON (${(error as Error).message})`);
      return undefined;
    }
  };
  const roles = new Map<
    MockedResource,
    { name: string; arn: string; policies: RoleSpec['policies'][number][]; trustPolicy?: PolicyJson }
  >();
  for (const r of resources.filter((x) => x.type === ROLE)) {
    const name = String(reader.field(r, 'name') ?? r.name);
    const arn = String(reader.field(r, 'arn') ?? '');
    const inline = (reader.field(r, 'inlinePolicies') ?? []) as Array<{ name?: string; policy?: string }>;
    const policies = inline.flatMap((p, i) => {
      if (typeof p.policy !== 'string') return [];
      try {
        return [
          {
            name: p.name ?? `${name}-inline-${i}`,
            document: JSON.parse(reader.swap(p.policy)) as PolicyJson,
          },
        ];
      } catch {
        problems.push(`role ${name}: inlinePolicies[${i}] is not JSON`);
        return [];
      }
    });
    const trust =
      reader.field(r, 'assumeRolePolicy') === undefined ? undefined : document(r, 'assumeRolePolicy');
    roles.set(r, {
      name,
      arn: reader.swap(arn),
      policies,
      ...(trust === undefined ? {} : { trustPolicy: trust }),
    });
  }
  const roleFor = (ref: unknown) =>
    [...roles.entries()].find(([r, role]) => ref === role.name || ref === role.arn || ref === r.id)?.[1];
  const managed = new Map(
    resources
      .filter((r) => r.type === MANAGED_POLICY)
      .map((r) => [String(reader.field(r, 'arn') ?? ''), r] as const),
  );

  for (const r of resources) {
    if (r.type === ROLE_POLICY) {
      const role = roleFor(reader.field(r, 'role'));
      const doc = document(r, 'policy');
      if (role === undefined)
        problems.push(
          `role policy ${r.name} names role ${String(reader.field(r, 'role'))}, which the program does not create`,
        );
      else if (doc !== undefined)
        role.policies.push({ name: String(reader.field(r, 'name') ?? r.name), document: doc });
    } else if (r.type === POLICY_ATTACHMENT) {
      const role = roleFor(reader.field(r, 'role'));
      const policyArn = String(reader.field(r, 'policyArn'));
      const policy = managed.get(policyArn);
      if (role === undefined)
        problems.push(`policy attachment ${r.name} names a role the program does not create`);
      else if (policy === undefined)
        problems.push(
          `role ${role.name} attaches ${policyArn}, a policy the program does not define (AWS managed policies are not read locally)`,
        );
      else {
        const doc = document(policy, 'policy');
        if (doc !== undefined)
          role.policies.push({ name: String(reader.field(policy, 'name') ?? policy.name), document: doc });
      }
    }
  }

  const resourcePolicies: ResourcePolicySpec[] = [];
  for (const r of resources.filter((x) => x.type === TOPIC_POLICY)) {
    const doc = document(r, 'policy');
    const topicArn = reader.field(r, 'arn');
    if (typeof topicArn !== 'string') problems.push(`topic policy ${r.name} has no topic arn`);
    else if (doc !== undefined)
      resourcePolicies.push({ resourceArn: reader.swap(topicArn), name: r.name, document: doc });
  }
  return { roles: [...roles.values()], resourcePolicies };
}
