import { getCallerIdentityOutput } from '@pulumi/aws/getCallerIdentity.js';
import * as kms from '@pulumi/aws/kms/index.js';
import * as pulumi from '@pulumi/pulumi';

/** What the account root (and through it the account's IAM policies) may do with a customer managed key. */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/** The account the stack deploys to, and its partition, for key policies. */
export interface KeyAccount {
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
}

/** One key policy statement besides the account's administration (Resource is always "*": this key). */
export interface KeyStatement {
  readonly sid: string;
  readonly principal: Readonly<
    Partial<Record<'AWS' | 'Service', pulumi.Input<string> | pulumi.Input<string>[]>>
  >;
  readonly actions: readonly string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, pulumi.Input<string>>>>>;
}

/**
 * A rotating customer managed KMS key whose policy lets the account administer it and grants exactly the
 * statements given (`account` is the caller's identity, for building them).
 */
export function customerManagedKey(
  name: string,
  args: {
    readonly description: string;
    readonly statements: (account: KeyAccount) => readonly KeyStatement[];
    readonly tags?: Record<string, string>;
  },
  opts: pulumi.CustomResourceOptions & { readonly parent: pulumi.Resource },
): kms.Key {
  const identity = getCallerIdentityOutput({}, { parent: opts.parent });
  const account: KeyAccount = {
    accountId: identity.accountId,
    partition: identity.arn.apply((arn) => arn.split(':')[1] ?? 'aws'),
  };
  return new kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // In a key policy, Resource "*" means "this key": it is the only form KMS accepts.
      policy: pulumi.jsonStringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: pulumi.interpolate`arn:${account.partition}:iam::${account.accountId}:root` },
            Action: [...KEY_ADMIN_ACTIONS],
            Resource: '*',
          },
          ...args.statements(account).map((s) => ({
            Sid: s.sid,
            Effect: 'Allow',
            Principal: s.principal,
            Action: [...s.actions],
            Resource: '*',
            ...(s.condition === undefined ? {} : { Condition: s.condition }),
          })),
        ],
      }),
      ...(args.tags === undefined ? {} : { tags: args.tags }),
    },
    opts,
  );
}
