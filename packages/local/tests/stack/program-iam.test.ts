import { describe, expect, it } from 'vitest';
import { IamAuthorizer } from '../../src/iam/iam-authorizer.js';
import { loadStackModel } from '../../src/stack/load-program.js';
import { iamFromProgram } from '../../src/stack/program-iam.js';
import type { MockedResource } from '../../src/stack/program-model.js';

const reader = {
  field: (r: MockedResource, key: string) => r.state?.[key] ?? r.inputs[key],
  swap: (text: string) => text.split('999999999999').join('123456789012'),
};
const allow = (action: string, resource: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });

describe('iamFromProgram', () => {
  it('puts inline and attached policies on their roles (named by id, name or ARN) and reads topic policies', () => {
    const resources: MockedResource[] = [
      {
        type: 'aws:iam/role:Role',
        name: 'r',
        id: 'r-id',
        inputs: {},
        state: { name: 'fn-role', arn: 'arn:aws:iam::999999999999:role/fn-role' },
      },
      {
        type: 'aws:iam/rolePolicy:RolePolicy',
        name: 'inline',
        inputs: { role: 'r-id', policy: allow('sns:Publish', 'arn:aws:sns:us-east-1:999999999999:t') },
      },
      {
        type: 'aws:iam/policy:Policy',
        name: 'managed',
        inputs: { policy: allow('dynamodb:GetItem', '*') },
        state: { arn: 'arn:aws:iam::999999999999:policy/managed' },
      },
      {
        type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
        name: 'attach',
        inputs: { role: 'fn-role', policyArn: 'arn:aws:iam::999999999999:policy/managed' },
      },
      {
        type: 'aws:sns/topicPolicy:TopicPolicy',
        name: 'tp',
        inputs: { arn: 'arn:aws:sns:us-east-1:999999999999:t', policy: allow('sns:Publish', '*') },
      },
    ];
    const problems: string[] = [];
    const iam = iamFromProgram(resources, reader, problems);
    expect(problems).toEqual([]);
    expect(iam.roles).toHaveLength(1);
    expect(iam.roles[0]?.arn).toBe('arn:aws:iam::123456789012:role/fn-role');
    expect(iam.roles[0]?.policies.map((p) => p.name)).toEqual(['inline', 'managed']);
    expect(JSON.stringify(iam.roles[0]?.policies[0]?.document)).toContain(
      'arn:aws:sns:us-east-1:123456789012:t',
    );
    expect(iam.resourcePolicies).toEqual([
      {
        resourceArn: 'arn:aws:sns:us-east-1:123456789012:t',
        name: 'tp',
        document: JSON.parse(allow('sns:Publish', '*')),
      },
    ]);
  });

  it('names every policy it cannot place: an unknown role, an AWS managed policy, a policy that is not JSON', () => {
    const resources: MockedResource[] = [
      {
        type: 'aws:iam/role:Role',
        name: 'r',
        inputs: { name: 'fn-role' },
        state: { arn: 'arn:aws:iam::1:role/fn-role' },
      },
      {
        type: 'aws:iam/rolePolicy:RolePolicy',
        name: 'stray',
        inputs: { role: 'nobody', policy: allow('a:b', '*') },
      },
      {
        type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
        name: 'aws-managed',
        inputs: { role: 'fn-role', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
      { type: 'aws:iam/rolePolicy:RolePolicy', name: 'broken', inputs: { role: 'fn-role', policy: '{nope' } },
    ];
    const problems: string[] = [];
    iamFromProgram(resources, reader, problems);
    expect(problems).toEqual([
      'role policy stray names role nobody, which the program does not create',
      'role fn-role attaches arn:aws:iam::aws:policy/ReadOnlyAccess, a policy the program does not define (AWS managed policies are not read locally)',
      expect.stringMatching(/^aws:iam\/rolePolicy:RolePolicy broken: policy is not JSON/),
    ]);
  });
});

describe('the IAM of the Pulumi program (stack local)', () => {
  it('gives each function and the state machine a role of the program, with exactly the grants infra declares', async () => {
    const model = await loadStackModel();
    const iam = model.iam;
    if (iam === undefined) throw new Error('the model has no IAM');
    const authorizer = new IamAuthorizer(iam, { region: model.region, accountId: model.accountId });
    for (const fn of model.functions)
      expect(fn.roleArn !== undefined && authorizer.knows(fn.roleArn)).toBe(true);
    expect(authorizer.knows(model.stateMachine.roleArn)).toBe(true);

    const table = (name: string) => `arn:aws:dynamodb:${model.region}:${model.accountId}:table/${name}`;
    const { ordersTableName: orders, inventoryTableName: inventory, functionNames } = model.outputs;
    const may = (roleArn: string | undefined, action: string, resource: string) =>
      authorizer.authorize({ roleArn: String(roleArn), sessionName: 's' }, [{ action, resource }]) ===
      undefined;
    const fn = (key: string) => model.functions.find((f) => f.key === key)?.roleArn;

    const machine = model.stateMachine.roleArn;
    for (const name of Object.values(functionNames)) {
      expect(
        may(
          machine,
          'lambda:InvokeFunction',
          `arn:aws:lambda:${model.region}:${model.accountId}:function:${name}`,
        ),
      ).toBe(true);
    }
    expect(may(machine, 'dynamodb:UpdateItem', table(orders))).toBe(true);
    expect(may(machine, 'dynamodb:UpdateItem', table(inventory))).toBe(false);
    expect(may(machine, 'sns:Publish', model.outputs.notificationTopicArn)).toBe(true);
    expect(may(fn('reserveStock'), 'dynamodb:UpdateItem', table(inventory))).toBe(true);
    expect(may(fn('reserveStock'), 'dynamodb:PutItem', table(inventory))).toBe(false);
    expect(may(fn('chargePayment'), 'dynamodb:UpdateItem', table(orders))).toBe(true);
    expect(may(fn('chargePayment'), 'dynamodb:UpdateItem', table(inventory))).toBe(false);
    expect(may(fn('verifyPayment'), 'dynamodb:GetItem', table(orders))).toBe(false);

    // The trust policies: Step Functions for this state machine only, Lambda for each function's role.
    const keys = { 'aws:SourceAccount': model.accountId, 'aws:SourceArn': model.outputs.stateMachineArn };
    expect(authorizer.mayAssume(machine, 'states.amazonaws.com', keys)).toBe(true);
    expect(
      authorizer.mayAssume(machine, 'states.amazonaws.com', {
        ...keys,
        'aws:SourceArn': `${keys['aws:SourceArn']}-2`,
      }),
    ).toBe(false);
    expect(authorizer.mayAssume(machine, 'lambda.amazonaws.com', keys)).toBe(false);
    for (const f of model.functions)
      expect(authorizer.mayAssume(String(f.roleArn), 'lambda.amazonaws.com')).toBe(true);
  });
});
