import { describe, expect, it } from 'vitest';
import {
  awsSdkCall,
  Condition,
  chain,
  choice,
  dynamoGetItem,
  dynamoPutItem,
  dynamoUpdateItem,
  fail,
  intrinsic,
  JSONata,
  jsonata,
  lambdaInvoke,
  lambdaServiceRetry,
  map,
  parallel,
  pass,
  path,
  type StateMachineOptions,
  stateMachine,
  succeed,
  task,
  wait,
} from '../../src/asl/index.js';
import { aslErrors } from '../support/asl-validator.js';

/** Renders a machine and checks asl-validator accepts it. */
function render(options: StateMachineOptions): Record<string, unknown> {
  const asl = stateMachine(options).toAsl();
  expect(aslErrors(asl)).toBe('');
  return asl;
}

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const TABLE = { name: 'orders', arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' };

describe('state factories render the whole ASL', () => {
  it('task (JSONPath) with every IO field, timeout, heartbeat, retry and catch', () => {
    const handler = pass('Handle');
    const t = task('Work', {
      comment: 'does work',
      resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      inputPath: '$.in',
      parameters: { Bucket: 'b', 'Key.$': '$.key', Other: path('$.other'), Fixed: { N: 1 } },
      resultSelector: { body: path('$.Body') },
      resultPath: '$.out',
      outputPath: '$.out',
      timeoutSeconds: 30,
      heartbeatSeconds: 10,
      retry: [
        {
          errors: ['States.Timeout'],
          intervalSeconds: 3,
          maxAttempts: 2,
          backoffRate: 1.5,
          maxDelaySeconds: 9,
        },
      ],
      catch: [{ errors: ['States.ALL'], resultPath: '$.error', next: handler }],
    });
    expect(render({ startAt: t })).toEqual({
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Comment: 'does work',
          Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
          InputPath: '$.in',
          Parameters: { Bucket: 'b', 'Key.$': '$.key', 'Other.$': '$.other', Fixed: { N: 1 } },
          ResultSelector: { 'body.$': '$.Body' },
          ResultPath: '$.out',
          OutputPath: '$.out',
          TimeoutSeconds: 30,
          HeartbeatSeconds: 10,
          Retry: [
            {
              ErrorEquals: ['States.Timeout'],
              IntervalSeconds: 3,
              MaxAttempts: 2,
              BackoffRate: 1.5,
              MaxDelaySeconds: 9,
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handle' }],
          End: true,
        },
        Handle: { Type: 'Pass', End: true },
      },
    });
  });

  it('task (JSONata) with Arguments, Output and Assign', () => {
    const t = JSONata.task('Work', {
      resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      arguments: { Bucket: 'b', Key: jsonata('$states.input.key') },
      output: jsonata('$states.result.Body'),
      assign: { body: jsonata('$states.result.Body') },
      timeoutSeconds: 5,
      catch: [
        {
          errors: ['States.ALL'],
          output: jsonata('$states.errorOutput'),
          assign: { failed: true },
          next: 'Handle',
        },
      ],
    });
    expect(
      render({ startAt: t, states: [JSONata.fail('Handle', { error: 'E' })], queryLanguage: 'JSONata' }),
    ).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
          Arguments: { Bucket: 'b', Key: '{% $states.input.key %}' },
          Output: '{% $states.result.Body %}',
          Assign: { body: '{% $states.result.Body %}' },
          TimeoutSeconds: 5,
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% $states.errorOutput %}',
              Assign: { failed: true },
              Next: 'Handle',
            },
          ],
          End: true,
        },
        Handle: { Type: 'Fail', Error: 'E' },
      },
    });
  });

  it('pass with Result, Parameters and a per-state query language', () => {
    const a = pass('A', { result: { x: 1 }, resultPath: '$.fixed' });
    const b = pass('B', {
      parameters: { total: intrinsic("States.Format('{}', $.n)") },
      assign: { seen: true },
    });
    const c = pass('C', { queryLanguage: 'JSONata', output: jsonata('{ "n": 1 }') });
    expect(render({ startAt: chain(a, b, c) })).toEqual({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.fixed', Next: 'B' },
        B: {
          Type: 'Pass',
          Parameters: { 'total.$': "States.Format('{}', $.n)" },
          Assign: { seen: true },
          Next: 'C',
        },
        C: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% { "n": 1 } %}', End: true },
      },
    });
  });

  it('choice with comparisons, and/or/not, isPresent, rule Assign and a default', () => {
    const yes = succeed('Yes');
    const no = fail('No', { error: 'Rejected', cause: 'not allowed' });
    const c = choice('Decide', { comment: 'route' })
      .when(
        Condition.and(
          Condition.isPresent('$.total'),
          Condition.numericGreaterThan('$.total', 10),
          Condition.or(
            Condition.stringEquals('$.type', 'A'),
            Condition.not(Condition.booleanEquals('$.flag', true)),
          ),
        ),
        yes,
        { assign: { route: 'big' } },
      )
      .when(Condition.numericLessThanEqualsPath('$.total', '$.limit'), 'Yes')
      .otherwise(no);
    expect(render({ startAt: c })).toEqual({
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Comment: 'route',
          Choices: [
            {
              And: [
                { Variable: '$.total', IsPresent: true },
                { Variable: '$.total', NumericGreaterThan: 10 },
                {
                  Or: [
                    { Variable: '$.type', StringEquals: 'A' },
                    { Not: { Variable: '$.flag', BooleanEquals: true } },
                  ],
                },
              ],
              Assign: { route: 'big' },
              Next: 'Yes',
            },
            { Variable: '$.total', NumericLessThanEqualsPath: '$.limit', Next: 'Yes' },
          ],
          Default: 'No',
        },
        Yes: { Type: 'Succeed' },
        No: { Type: 'Fail', Error: 'Rejected', Cause: 'not allowed' },
      },
    });
  });

  it('choice with a JSONata condition', () => {
    const c = JSONata.choice('Decide')
      .when(Condition.jsonata('$states.input.n > 1'), JSONata.succeed('Big'))
      .otherwise(JSONata.succeed('Small'));
    expect(render({ startAt: c, queryLanguage: 'JSONata' })).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > 1 %}', Next: 'Big' }],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      },
    });
  });

  it('map (INLINE) with ItemsPath, ItemSelector, MaxConcurrency and ResultPath', () => {
    const m = map('Each', {
      itemsPath: '$.items',
      itemSelector: { item: path('$$.Map.Item.Value') },
      maxConcurrency: 5,
      resultPath: null,
      itemProcessor: chain(pass('Look'), succeed('Done')),
    });
    expect(render({ startAt: m })).toEqual({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Look',
            States: { Look: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
          },
          ItemsPath: '$.items',
          ItemSelector: { 'item.$': '$$.Map.Item.Value' },
          MaxConcurrency: 5,
          ResultPath: null,
          End: true,
        },
      },
    });
  });

  it('map (DISTRIBUTED, JSONata Items)', () => {
    const m = JSONata.map('Each', {
      mode: 'DISTRIBUTED',
      executionType: 'EXPRESS',
      label: 'Each',
      items: jsonata('$states.input.items'),
      itemProcessor: JSONata.pass('Look'),
    });
    expect(render({ startAt: m, queryLanguage: 'JSONata' })).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Look',
            States: { Look: { Type: 'Pass', End: true } },
          },
          Items: '{% $states.input.items %}',
          Label: 'Each',
          End: true,
        },
      },
    });
  });

  it('parallel with branches, ResultSelector, Retry and Catch', () => {
    const p = parallel('Both', {
      branches: [pass('Left'), chain(pass('Right 1'), pass('Right 2'))],
      resultSelector: { left: path('$[0]'), right: path('$[1]') },
      retry: [{ errors: ['States.ALL'], maxAttempts: 1 }],
      catch: [{ next: fail('Broken', { error: 'Broken' }) }],
    });
    expect(render({ startAt: p })).toEqual({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
            {
              StartAt: 'Right 1',
              States: {
                'Right 1': { Type: 'Pass', Next: 'Right 2' },
                'Right 2': { Type: 'Pass', End: true },
              },
            },
          ],
          ResultSelector: { 'left.$': '$[0]', 'right.$': '$[1]' },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broken' }],
          End: true,
        },
        Broken: { Type: 'Fail', Error: 'Broken' },
      },
    });
  });

  it('wait: seconds, timestamp and their paths', () => {
    const machine = chain(
      wait('Seconds', { seconds: 5 }),
      wait('Until', { timestamp: '2030-01-01T00:00:00Z' }),
      wait('Seconds Path', { secondsPath: '$.delay' }),
      wait('Until Path', { timestampPath: path('$.at') }),
    );
    expect(render({ startAt: machine })).toEqual({
      StartAt: 'Seconds',
      States: {
        Seconds: { Type: 'Wait', Seconds: 5, Next: 'Until' },
        Until: { Type: 'Wait', Timestamp: '2030-01-01T00:00:00Z', Next: 'Seconds Path' },
        'Seconds Path': { Type: 'Wait', SecondsPath: '$.delay', Next: 'Until Path' },
        'Until Path': { Type: 'Wait', TimestampPath: '$.at', End: true },
      },
    });
  });

  it('succeed and fail (JSONPath ErrorPath/CausePath, JSONata Error/Cause)', () => {
    const c = choice('Which')
      .when(Condition.isNull('$.x'), succeed('Done', { outputPath: '$.result' }))
      .otherwise(
        fail('Broken', { errorPath: '$.error', causePath: intrinsic("States.Format('bad {}', $.x)") }),
      );
    expect(render({ startAt: c })).toEqual({
      StartAt: 'Which',
      States: {
        Which: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', IsNull: true, Next: 'Done' }],
          Default: 'Broken',
        },
        Done: { Type: 'Succeed', OutputPath: '$.result' },
        Broken: { Type: 'Fail', ErrorPath: '$.error', CausePath: "States.Format('bad {}', $.x)" },
      },
    });
    const f = JSONata.fail('Broken', {
      error: jsonata('$states.input.e'),
      cause: jsonata('$states.input.c'),
    });
    expect(render({ startAt: f, queryLanguage: 'JSONata' })).toEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Broken',
      States: { Broken: { Type: 'Fail', Error: '{% $states.input.e %}', Cause: '{% $states.input.c %}' } },
    });
  });
});

describe('integration helpers', () => {
  it('lambdaInvoke: Parameters under JSONPath, the recommended retry first, IAM on the function', () => {
    const t = lambdaInvoke('Call', {
      functionArn: FN,
      payload: { 'order.$': '$' },
      timeoutSeconds: 30,
      outputPath: '$.Payload',
      retry: [{ errors: ['Custom'], maxAttempts: 1 }],
    });
    expect(render({ startAt: t })).toEqual({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: FN, Payload: { 'order.$': '$' } },
          OutputPath: '$.Payload',
          TimeoutSeconds: 30,
          Retry: [
            {
              ErrorEquals: [
                'Lambda.ClientExecutionTimeoutException',
                'Lambda.ServiceException',
                'Lambda.AWSLambdaException',
                'Lambda.SdkClientException',
                'Lambda.TooManyRequestsException',
              ],
              IntervalSeconds: 2,
              MaxAttempts: 6,
              BackoffRate: 2,
              JitterStrategy: 'FULL',
            },
            { ErrorEquals: ['Custom'], MaxAttempts: 1 },
          ],
          End: true,
        },
      },
    });
    expect(t.iam).toEqual([{ actions: ['lambda:InvokeFunction'], resources: [FN] }]);
  });

  it('lambdaInvoke: Arguments under JSONata; the retry default can be switched off', () => {
    const t = JSONata.lambdaInvoke('Call', {
      functionArn: FN,
      payload: jsonata('$states.input'),
      invocationType: 'Event',
      timeoutSeconds: 30,
      retryTransientErrors: false,
    });
    expect(render({ startAt: t, queryLanguage: 'JSONata' }).States).toEqual({
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: FN, Payload: '{% $states.input %}', InvocationType: 'Event' },
        TimeoutSeconds: 30,
        End: true,
      },
    });
  });

  it('lambdaServiceRetry is the AWS-recommended default and can be overridden', () => {
    expect(lambdaServiceRetry()).toMatchObject({
      intervalSeconds: 2,
      maxAttempts: 6,
      backoffRate: 2,
      jitterStrategy: 'FULL',
    });
    expect(lambdaServiceRetry({ maxAttempts: 3 }).maxAttempts).toBe(3);
  });

  it('dynamoPutItem / getItem / updateItem declare their IAM action on the table ARN', () => {
    const put = dynamoPutItem('Put', {
      table: TABLE,
      item: { Id: { 'S.$': '$.id' } },
      conditionExpression: 'attribute_not_exists(Id)',
      timeoutSeconds: 10,
      resultPath: null,
    });
    const get = dynamoGetItem('Get', {
      table: TABLE,
      key: { Id: { S: path('$.id') } },
      consistentRead: true,
      timeoutSeconds: 10,
    });
    const update = dynamoUpdateItem('Update', {
      table: TABLE,
      key: { Id: { S: 'x' } },
      updateExpression: 'SET #s = :s',
      expressionAttributeNames: { '#s': 'State' },
      expressionAttributeValues: { ':s': { S: 'DONE' } },
      returnValues: 'ALL_NEW',
      timeoutSeconds: 10,
    });
    expect(render({ startAt: chain(put, get, update) }).States).toEqual({
      Put: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: {
          TableName: 'orders',
          Item: { Id: { 'S.$': '$.id' } },
          ConditionExpression: 'attribute_not_exists(Id)',
        },
        ResultPath: null,
        TimeoutSeconds: 10,
        Next: 'Get',
      },
      Get: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:getItem',
        Parameters: { TableName: 'orders', Key: { Id: { 'S.$': '$.id' } }, ConsistentRead: true },
        TimeoutSeconds: 10,
        Next: 'Update',
      },
      Update: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Parameters: {
          TableName: 'orders',
          Key: { Id: { S: 'x' } },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'State' },
          ExpressionAttributeValues: { ':s': { S: 'DONE' } },
          ReturnValues: 'ALL_NEW',
        },
        TimeoutSeconds: 10,
        End: true,
      },
    });
    expect([put.iam, get.iam, update.iam]).toEqual([
      [{ actions: ['dynamodb:PutItem'], resources: [TABLE.arn] }],
      [{ actions: ['dynamodb:GetItem'], resources: [TABLE.arn] }],
      [{ actions: ['dynamodb:UpdateItem'], resources: [TABLE.arn] }],
    ]);
  });

  it('snsPublish renders string message attributes and declares sns:Publish', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:t';
    const t = JSONata.snsPublish('Notify', {
      topicArn: topic,
      message: jsonata('$string($states.input)'),
      subject: 'Order',
      messageAttributes: { state: jsonata('$states.input.state') },
      timeoutSeconds: 10,
    });
    expect(render({ startAt: t, queryLanguage: 'JSONata' }).States).toEqual({
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Arguments: {
          TopicArn: topic,
          Message: '{% $string($states.input) %}',
          Subject: 'Order',
          MessageAttributes: { state: { DataType: 'String', StringValue: '{% $states.input.state %}' } },
        },
        TimeoutSeconds: 10,
        End: true,
      },
    });
    expect(t.iam).toEqual([{ actions: ['sns:Publish'], resources: [topic] }]);
  });

  it('awsSdkCall builds the aws-sdk resource and the default IAM action', () => {
    const t = awsSdkCall('Query', {
      service: 'dynamodb',
      action: 'query',
      request: { TableName: 'orders' },
      iamResources: [TABLE.arn],
      timeoutSeconds: 10,
    });
    expect(render({ startAt: t }).States).toEqual({
      Query: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:query',
        Parameters: { TableName: 'orders' },
        TimeoutSeconds: 10,
        End: true,
      },
    });
    expect(t.iam).toEqual([{ actions: ['dynamodb:Query'], resources: [TABLE.arn] }]);
  });

  it('awsSdkCall maps SDK service names to their IAM prefixes where they differ', () => {
    const iamOf = (service: string, action: string) =>
      awsSdkCall('Call', { service, action, iamResources: ['arn:x'], timeoutSeconds: 5 }).iam[0]?.actions;
    expect(iamOf('sfn', 'startExecution')).toEqual(['states:StartExecution']);
    expect(iamOf('eventbridge', 'putEvents')).toEqual(['events:PutEvents']);
    expect(iamOf('cloudwatchlogs', 'putLogEvents')).toEqual(['logs:PutLogEvents']);
    expect(iamOf('s3', 'getObject')).toEqual(['s3:GetObject']);
  });
});

describe('graph and rendering', () => {
  it('is deterministic: the same graph renders the same bytes', () => {
    const build = () =>
      stateMachine({
        startAt: chain(
          pass('A'),
          parallel('P', { branches: [pass('B'), pass('C')] }),
          choice('D')
            .when(Condition.booleanEquals('$.ok', true), succeed('E'))
            .otherwise(fail('F', { error: 'X' })),
        ),
      }).render();
    expect(build()).toBe(build());
    expect(aslErrors(JSON.parse(build()))).toBe('');
  });

  it('passes ref values through untouched (Pulumi Outputs are never unwrapped)', () => {
    class FakeOutput {
      constructor(readonly value: string) {}
    }
    const fn = new FakeOutput(FN);
    const machine = stateMachine<FakeOutput>({
      startAt: lambdaInvoke('Call', { functionArn: fn, timeoutSeconds: 3 }),
    });
    const asl = machine.toAsl() as { States: { Call: { Parameters: { FunctionName: unknown } } } };
    expect(asl.States.Call.Parameters.FunctionName).toBe(fn);
    expect(machine.iamStatements()).toEqual([{ actions: ['lambda:InvokeFunction'], resources: [fn] }]);
  });

  it('merges IAM statements that name the same resources', () => {
    const a = lambdaInvoke('A', { functionArn: FN, timeoutSeconds: 3 });
    const b = lambdaInvoke('B', { functionArn: FN, timeoutSeconds: 3 });
    expect(stateMachine({ startAt: chain(a, b) }).iamStatements()).toEqual([
      { actions: ['lambda:InvokeFunction'], resources: [FN] },
    ]);
  });

  it('chain() and next() refuse to continue after a state that already has a next', () => {
    const a = pass('A');
    a.next(pass('B'));
    expect(() => a.next(pass('C'))).toThrow("State 'A' already has a next state (B)");
  });
});
