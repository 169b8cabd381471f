import * as pulumi from '@pulumi/pulumi';

/** One IAM statement: explicit actions on explicit resources (Outputs allowed). */
export interface PolicyStatement {
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resources: readonly pulumi.Input<string>[];
}

/** Render statements as an IAM policy JSON document; Outputs are joined by `jsonStringify`, not an apply. */
export function policyDocument(statements: readonly PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      ...(s.sid === undefined ? {} : { Sid: s.sid }),
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: [...s.resources],
    })),
  });
}

/** IAM condition operators to condition keys to values, e.g. `{ StringEquals: { 'aws:SourceAccount': id } }`. */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, pulumi.Input<string>>>>>;

/**
 * The trust policy that lets one AWS service assume a role, optionally only on the conditions given (the
 * confused-deputy guard: `aws:SourceAccount` / `aws:SourceArn`).
 */
export function assumeRolePolicy(service: string, conditions?: PolicyConditions): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(conditions === undefined ? {} : { Condition: conditions }),
      },
    ],
  });
}
