import { describe, expect, it } from 'vitest';
import { type ApplicablePolicies, evaluatePolicies } from '../../src/iam/evaluate-policies.js';
import { PolicyDocumentError, parsePolicyDocument } from '../../src/iam/policy-document.js';
import { requestContext } from '../../src/iam/request-context.js';

// The examples come from the IAM User Guide; each describe names its page
// (docs.aws.amazon.com/IAM/latest/UserGuide/<page>.html).
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/session`;

const policy = (statement: object | object[], source = 'test policy') =>
  parsePolicyDocument({ Version: '2012-10-17', Statement: statement }, source);

function decide(
  action: string,
  resource: string,
  policies: Partial<ApplicablePolicies>,
  context: Record<string, string> = {},
) {
  return evaluatePolicies(
    {
      principalArn: ROLE,
      sessionArn: SESSION,
      principalAccount: ACCOUNT,
      action,
      resource,
      context: requestContext({ 'aws:PrincipalArn': ROLE, ...context }),
    },
    { identity: policies.identity ?? [], resource: policies.resource ?? [] },
  ).effect;
}

describe('reference_policies_evaluation-logic: deny by default, explicit deny wins', () => {
  const table = `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/Books`;
  const allow = policy({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table });

  it('denies what no statement allows (the implicit deny)', () => {
    expect(decide('dynamodb:GetItem', table, {})).toBe('ImplicitDeny');
    expect(decide('dynamodb:PutItem', table, { identity: [allow] })).toBe('ImplicitDeny');
  });

  it('allows what an identity policy allows', () => {
    expect(decide('dynamodb:GetItem', table, { identity: [allow] })).toBe('Allow');
  });

  it('lets an explicit Deny in any policy override every Allow', () => {
    const deny = policy({ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }, 'guard');
    expect(decide('dynamodb:GetItem', table, { identity: [allow, deny] })).toBe('ExplicitDeny');
    const resourceDeny = policy({ Effect: 'Deny', Principal: '*', Action: 'dynamodb:GetItem' });
    expect(decide('dynamodb:GetItem', table, { identity: [allow], resource: [resourceDeny] })).toBe(
      'ExplicitDeny',
    );
  });

  it('names the statement that decided', () => {
    const decision = evaluatePolicies(
      {
        principalArn: ROLE,
        sessionArn: SESSION,
        principalAccount: ACCOUNT,
        action: 'dynamodb:GetItem',
        resource: table,
        context: requestContext({}),
      },
      {
        identity: [
          policy({ Sid: 'ReadBooks', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table }, 'p1'),
        ],
        resource: [],
      },
    );
    expect(decision).toEqual({ effect: 'Allow', by: { policy: 'identity', source: 'p1', sid: 'ReadBooks' } });
  });
});

describe('reference_policies_evaluation-logic_policies-types: resource policies in the same account', () => {
  const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
  it('allows through a resource policy that names the role, with no identity policy', () => {
    const topicPolicy = policy({
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'SNS:Publish',
      Resource: topic,
    });
    expect(decide('sns:Publish', topic, { resource: [topicPolicy] })).toBe('Allow');
  });

  it('a grant to the account only defers to the identity policies', () => {
    const toAccount = policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'sns:Publish',
      Resource: topic,
    });
    expect(decide('sns:Publish', topic, { resource: [toAccount] })).toBe('ImplicitDeny');
    const identity = policy({ Effect: 'Allow', Action: 'sns:Publish', Resource: topic });
    expect(decide('sns:Publish', topic, { resource: [toAccount], identity: [identity] })).toBe('Allow');
  });

  it('service principals never match a role session', () => {
    const toService = policy({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic,
    });
    expect(decide('sns:Publish', topic, { resource: [toService] })).toBe('ImplicitDeny');
  });
});

describe('reference_policies_elements_action: wildcards in actions', () => {
  it('matches the service prefix and action names without case, with * and ?', () => {
    const p = policy({ Effect: 'Allow', Action: 'iam:*AccessKey*', Resource: '*' });
    for (const action of [
      'iam:CreateAccessKey',
      'iam:DeleteAccessKey',
      'iam:ListAccessKeys',
      'IAM:updateaccesskey',
    ])
      expect(decide(action, '*', { identity: [p] })).toBe('Allow');
    expect(decide('iam:CreateUser', '*', { identity: [p] })).toBe('ImplicitDeny');
    const q = policy({ Effect: 'Allow', Action: 'dynamodb:?etItem', Resource: '*' });
    expect(decide('dynamodb:GetItem', '*', { identity: [q] })).toBe('Allow');
    expect(decide('dynamodb:BatchGetItem', '*', { identity: [q] })).toBe('ImplicitDeny');
  });
});

describe('reference_policies_elements_notaction: everything but', () => {
  it('Allow with NotAction allows every other action (here: everything but IAM)', () => {
    const p = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    expect(decide('s3:GetObject', 'arn:aws:s3:::bucket/key', { identity: [p] })).toBe('Allow');
    expect(decide('iam:CreateUser', '*', { identity: [p] })).toBe('ImplicitDeny');
  });

  it('Deny with NotAction and BoolIfExists: without MFA, only the MFA set-up actions are left', () => {
    const p = [
      policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      policy({
        Sid: 'DenyAllUsersNotUsingMFA',
        Effect: 'Deny',
        NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices'],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    ];
    expect(decide('s3:ListBucket', 'arn:aws:s3:::b', { identity: p })).toBe('ExplicitDeny'); // key absent: IfExists holds
    expect(
      decide('s3:ListBucket', 'arn:aws:s3:::b', { identity: p }, { 'aws:MultiFactorAuthPresent': 'false' }),
    ).toBe('ExplicitDeny');
    expect(
      decide('s3:ListBucket', 'arn:aws:s3:::b', { identity: p }, { 'aws:MultiFactorAuthPresent': 'true' }),
    ).toBe('Allow');
    expect(decide('iam:EnableMFADevice', '*', { identity: p })).toBe('Allow');
  });
});

describe('reference_policies_elements_resource and _notresource', () => {
  it('matches a table exactly: an index needs its own ARN (table/Books/index/*)', () => {
    const p = policy({
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/Books`,
    });
    expect(
      decide('dynamodb:Query', `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/Books`, { identity: [p] }),
    ).toBe('Allow');
    expect(
      decide('dynamodb:Query', `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/Books/index/ByAuthor`, {
        identity: [p],
      }),
    ).toBe('ImplicitDeny');
    expect(
      decide('dynamodb:Query', `arn:aws:dynamodb:us-east-2:${ACCOUNT}:table/books`, { identity: [p] }),
    ).toBe('ImplicitDeny'); // case counts
  });

  it('a wildcard stays inside its ARN part; in the resource part it spans / and :', () => {
    const p = policy({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:*:${ACCOUNT}:function:orders-*`,
    });
    expect(
      decide('lambda:InvokeFunction', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-charge`, {
        identity: [p],
      }),
    ).toBe('Allow');
    expect(
      decide('lambda:InvokeFunction', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-charge:live`, {
        identity: [p],
      }),
    ).toBe('Allow');
    expect(
      decide('lambda:InvokeFunction', `arn:aws:lambda:eu-west-1:999999999999:function:orders-charge`, {
        identity: [p],
      }),
    ).toBe('ImplicitDeny');
    // An unqualified function ARN does not cover a qualified invocation.
    const exact = policy({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`,
    });
    expect(
      decide('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge:live`, {
        identity: [exact],
      }),
    ).toBe('ImplicitDeny');
  });

  it('Deny with NotResource: nothing outside the payroll folder (the HRBucket example)', () => {
    const p = [
      policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      policy({
        Effect: 'Deny',
        Action: 's3:*',
        NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'],
      }),
    ];
    expect(decide('s3:GetObject', 'arn:aws:s3:::HRBucket/Payroll/2026.csv', { identity: p })).toBe('Allow');
    expect(decide('s3:GetObject', 'arn:aws:s3:::HRBucket/Other/x', { identity: p })).toBe('ExplicitDeny');
  });

  it('policy variables: aws:username resolves from the request, an unknown one matches nothing', () => {
    const p = policy({
      Effect: 'Allow',
      Action: 's3:GetObject',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
      Resource: 'arn:aws:s3:::bucket/home/${aws:username}/*',
    });
    expect(
      decide('s3:GetObject', 'arn:aws:s3:::bucket/home/ana/f', { identity: [p] }, { 'aws:username': 'ana' }),
    ).toBe('Allow');
    expect(
      decide('s3:GetObject', 'arn:aws:s3:::bucket/home/bo/f', { identity: [p] }, { 'aws:username': 'ana' }),
    ).toBe('ImplicitDeny');
    expect(decide('s3:GetObject', 'arn:aws:s3:::bucket/home//f', { identity: [p] })).toBe('ImplicitDeny');
  });
});

describe('reference_policies_elements_condition_operators', () => {
  const allowIf = (condition: object) =>
    policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: condition });
  const trust = allowIf({
    StringEquals: { 'aws:SourceAccount': ACCOUNT },
    ArnLike: { 'aws:SourceArn': `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:*` },
  });

  it('every operator and key must hold (AND); values of one key are alternatives (OR)', () => {
    const sm = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;
    expect(
      decide(
        'sts:AssumeRole',
        '*',
        { identity: [trust] },
        { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sm },
      ),
    ).toBe('Allow');
    expect(
      decide(
        'sts:AssumeRole',
        '*',
        { identity: [trust] },
        { 'aws:SourceAccount': '111122223333', 'aws:SourceArn': sm },
      ),
    ).toBe('ImplicitDeny');
    expect(decide('sts:AssumeRole', '*', { identity: [trust] }, { 'aws:SourceAccount': ACCOUNT })).toBe(
      'ImplicitDeny',
    );
    const either = allowIf({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } });
    expect(
      decide('sts:AssumeRole', '*', { identity: [either] }, { 'aws:RequestedRegion': 'eu-west-1' }),
    ).toBe('Allow');
  });

  it('condition key names ignore case, values do not (but StringEqualsIgnoreCase)', () => {
    const p = allowIf({ StringEquals: { 'AWS:REQUESTEDREGION': 'us-east-1' } });
    expect(decide('sts:AssumeRole', '*', { identity: [p] }, { 'aws:RequestedRegion': 'us-east-1' })).toBe(
      'Allow',
    );
    expect(decide('sts:AssumeRole', '*', { identity: [p] }, { 'aws:RequestedRegion': 'US-EAST-1' })).toBe(
      'ImplicitDeny',
    );
    const q = allowIf({ StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'us-east-1' } });
    expect(decide('sts:AssumeRole', '*', { identity: [q] }, { 'aws:RequestedRegion': 'US-EAST-1' })).toBe(
      'Allow',
    );
  });

  it('a missing key fails a positive operator and passes a negated one (StringNotLike, ArnNotEquals)', () => {
    const not = allowIf({ StringNotLike: { 'aws:userid': 'AIDA*' } });
    expect(decide('sts:AssumeRole', '*', { identity: [not] })).toBe('Allow');
    expect(decide('sts:AssumeRole', '*', { identity: [not] }, { 'aws:userid': 'AIDAEXAMPLE' })).toBe(
      'ImplicitDeny',
    );
    expect(decide('sts:AssumeRole', '*', { identity: [not] }, { 'aws:userid': 'AROAEXAMPLE' })).toBe('Allow');
  });

  it('ArnLike matches part by part: a * in the region does not reach into the account', () => {
    const p = allowIf({ ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:*:123456789012:alarm:*' } });
    expect(
      decide(
        'sts:AssumeRole',
        '*',
        { identity: [p] },
        { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:cpu` },
      ),
    ).toBe('Allow');
    expect(
      decide(
        'sts:AssumeRole',
        '*',
        { identity: [p] },
        { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:111122223333:alarm:cpu` },
      ),
    ).toBe('ImplicitDeny');
  });

  it('Null checks presence: "true" means the key must be missing (aws:TokenIssueTime: long-term credentials)', () => {
    const p = allowIf({ Null: { 'aws:TokenIssueTime': 'true' } });
    expect(decide('sts:AssumeRole', '*', { identity: [p] })).toBe('Allow');
    expect(
      decide('sts:AssumeRole', '*', { identity: [p] }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }),
    ).toBe('ImplicitDeny');
  });

  it('numeric operators compare numbers, not text', () => {
    const p = allowIf({ NumericLessThanEquals: { 's3:max-keys': '10' } });
    expect(decide('sts:AssumeRole', '*', { identity: [p] }, { 's3:max-keys': '9' })).toBe('Allow');
    expect(decide('sts:AssumeRole', '*', { identity: [p] }, { 's3:max-keys': '100' })).toBe('ImplicitDeny');
  });

  it('refuses an operator it cannot evaluate instead of guessing', () => {
    const set = allowIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } });
    expect(() => decide('sts:AssumeRole', '*', { identity: [set] })).toThrow(
      /ForAnyValue.*not evaluated locally/,
    );
    const date = allowIf({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } });
    expect(() => decide('sts:AssumeRole', '*', { identity: [date] })).toThrow(PolicyDocumentError);
  });
});

describe('parsePolicyDocument', () => {
  it('reads JSON text with single values and a single statement', () => {
    const doc = parsePolicyDocument(
      '{"Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}}',
      'p',
    );
    expect(doc.statements).toEqual([{ effect: 'Allow', actions: ['sns:Publish'], resources: ['*'] }]);
  });

  it('names the policy, the statement and the field it cannot read', () => {
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Permit', Action: 'a:b' }] }, 'role r')).toThrow(
      'role r: Statement[0]: Effect must be Allow or Deny, got "Permit"',
    );
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'role r')).toThrow(
      'exactly one of Action and NotAction',
    );
  });
});

describe('confused-deputy-prevention: a service assuming a role, with aws:SourceAccount and aws:SourceArn', () => {
  const trust = policy({
    Effect: 'Allow',
    Principal: { Service: 'states.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders` },
    },
  });
  const assume = (service: string, keys: Record<string, string>) =>
    evaluatePolicies(
      {
        principalArn: service,
        sessionArn: service,
        principalAccount: ACCOUNT,
        servicePrincipal: service,
        action: 'sts:AssumeRole',
        resource: ROLE,
        context: requestContext(keys),
      },
      { identity: [], resource: [trust] },
    ).effect;
  const sm = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;

  it('lets the named service assume the role for the named state machine of the account only', () => {
    expect(assume('states.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sm })).toBe(
      'Allow',
    );
    expect(
      assume('states.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `${sm}-other` }),
    ).toBe('ImplicitDeny');
    expect(assume('states.amazonaws.com', {})).toBe('ImplicitDeny');
    expect(assume('lambda.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': sm })).toBe(
      'ImplicitDeny',
    );
  });
});
