import { describe, expect, it } from 'vitest';
import { deniedTaskError } from '../../src/iam/access-denied-errors.js';
import type { AccessDenial } from '../../src/iam/iam-authorizer.js';

const denial = (
  action: string,
  resource: string,
  decision: AccessDenial['decision'] = { effect: 'ImplicitDeny' },
) => ({
  principal: 'arn:aws:sts::123456789012:assumed-role/wf-role/abc',
  action,
  resource,
  decision,
});

describe('deniedTaskError: a refused Task as Step Functions reports it', () => {
  it('names the Java SDK exception of each integration, optimized and aws-sdk', () => {
    const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
    const cases = [
      [{ service: 'dynamodb', operation: 'PutItem', optimized: true }, 'DynamoDB.AmazonDynamoDBException'],
      [{ service: 'dynamodb', operation: 'PutItem', optimized: false }, 'DynamoDb.DynamoDbException'],
      [{ service: 'sns', operation: 'Publish', optimized: true }, 'SNS.AuthorizationErrorException'],
      [{ service: 'lambda', operation: 'Invoke', optimized: true }, 'Lambda.AWSLambdaException'],
    ] as const;
    for (const [call, name] of cases) expect(deniedTaskError(call, denial('x:Y', table)).error).toBe(name);
  });

  it("words the cause as AWS does, with the service's spelling and the Java SDK's trailer", () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:t';
    const error = deniedTaskError(
      { service: 'sns', operation: 'Publish', optimized: true },
      denial('sns:Publish', topic),
    );
    expect(error.cause).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/wf-role\/abc is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:123456789012:t because no identity-based policy allows the SNS:Publish action \(Service: AmazonSNS; Status Code: 403; Error Code: AuthorizationError; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  it('says when an explicit deny decided, and in which kind of policy', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    const explicit = denial('lambda:InvokeFunction', fn, {
      effect: 'ExplicitDeny',
      by: { policy: 'identity', source: 'role wf-role, policy p' },
    });
    const error = deniedTaskError({ service: 'lambda', operation: 'Invoke', optimized: true }, explicit);
    expect(error.cause).toContain(
      `is not authorized to perform: lambda:InvokeFunction on resource: ${fn} with an explicit deny in an identity-based policy (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException;`,
    );
  });
});
