/** The account id every mocked ARN uses. */
export const MOCK_ACCOUNT_ID = '123456789012';

/** The ARN AWS would give a resource of `type` with physical name `name` (or key id). */
export function mockArn(type: string, name: string, region: string): string {
  const at = (service: string, resource: string) =>
    `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${resource}`;
  switch (type) {
    case 'aws:lambda/function:Function':
      return at('lambda', `function:${name}`);
    case 'aws:dynamodb/table:Table':
      return at('dynamodb', `table/${name}`);
    case 'aws:sns/topic:Topic':
      return at('sns', name);
    case 'aws:sfn/stateMachine:StateMachine':
      return at('states', `stateMachine:${name}`);
    case 'aws:cloudwatch/logGroup:LogGroup':
      return at('logs', `log-group:${name}`);
    case 'aws:cloudwatch/metricAlarm:MetricAlarm':
      return at('cloudwatch', `alarm:${name}`);
    case 'aws:kms/key:Key':
      return at('kms', `key/${name}`);
    case 'aws:iam/role:Role':
      return `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${name}`;
    default:
      return at('mock', `${type}/${name}`);
  }
}

/** The provider outputs a mocked resource reports: its inputs plus a physical name and an ARN. */
export function mockResourceState(
  type: string,
  logicalName: string,
  inputs: Record<string, unknown>,
  region: string,
): Record<string, unknown> {
  const name = typeof inputs.name === 'string' ? inputs.name : logicalName;
  const arn = mockArn(type, type === 'aws:kms/key:Key' ? `${logicalName}-key-id` : name, region);
  const state: Record<string, unknown> = { ...inputs, name, arn };
  if (type === 'aws:lambda/function:Function') {
    state.invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
  }
  if (type === 'aws:kms/key:Key') state.keyId = `${logicalName}-key-id`;
  if (type === 'aws:apigatewayv2/api:Api') {
    const apiId = `${logicalName}-api-id`;
    state.apiEndpoint = `https://${apiId}.execute-api.${region}.amazonaws.com`;
    state.executionArn = `arn:aws:execute-api:${region}:${MOCK_ACCOUNT_ID}:${apiId}`;
  }
  return state;
}

/** Answers for the provider functions (invokes) the program calls. */
export function mockCall(
  token: string,
  inputs: Record<string, unknown>,
  _region: string,
): Record<string, unknown> {
  if (token === 'aws:index/getCallerIdentity:getCallerIdentity') {
    return {
      accountId: MOCK_ACCOUNT_ID,
      arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`,
      userId: 'AIDAMOCK',
      id: MOCK_ACCOUNT_ID,
    };
  }
  return inputs;
}
