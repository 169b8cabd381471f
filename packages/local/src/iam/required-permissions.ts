/** One IAM permission a call needs: an action on a resource ARN (`*` where the action has no resource). */
export interface Permission {
  readonly action: string;
  readonly resource: string;
}

/** The region and account the call's ARNs are in. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

type Input = Readonly<Record<string, unknown>>;

/**
 * What IAM checks for one API call: `service` is the IAM prefix (`dynamodb`, `sns`, `sqs`, `lambda`, `states`),
 * `operation` the API name (`PutItem`) and `input` its parameters as the API names them. A DynamoDB
 * transaction needs each item's action on that item's table (there is no `dynamodb:TransactWriteItems`);
 * batch calls need the batch action on every table they touch. Calls these rules do not know need
 * `<service>:<operation>` on `*`.
 */
export function requiredPermissions(
  service: string,
  operation: string,
  input: Input,
  scope: ArnScope,
): Permission[] {
  switch (service) {
    case 'dynamodb':
      return dynamodbPermissions(operation, input, scope);
    case 'sns':
      return [{ action: `sns:${snsAction(operation)}`, resource: snsResource(operation, input, scope) }];
    case 'sqs':
      return [{ action: `sqs:${sqsAction(operation)}`, resource: sqsResource(operation, input, scope) }];
    case 'lambda':
      return [
        {
          action: `lambda:${lambdaAction(operation)}`,
          resource: functionArn(input.FunctionName, input.Qualifier, scope),
        },
      ];
    case 'states':
      return [{ action: `states:${operation}`, resource: statesResource(input) }];
    default:
      return [{ action: `${service}:${operation}`, resource: '*' }];
  }
}

/** A Step Functions call is checked on the state machine or execution it names (`*` for a list of machines). */
function statesResource(input: Input): string {
  for (const key of ['stateMachineArn', 'executionArn', 'mapRunArn', 'activityArn', 'resourceArn']) {
    if (typeof input[key] === 'string' && input[key] !== '') return input[key] as string;
  }
  return '*';
}

/** The ARN of a table named by name or by ARN (DynamoDB takes either as TableName). */
export function tableArn(table: unknown, scope: ArnScope): string {
  const name = String(table);
  return name.startsWith('arn:') ? name : `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${name}`;
}

const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

function dynamodbPermissions(operation: string, input: Input, scope: ArnScope): Permission[] {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = (input.TransactItems ?? []) as Array<Record<string, { TableName?: unknown }>>;
    return unique(
      items.flatMap((item) =>
        Object.entries(item).flatMap(([kind, request]) => {
          const action = TRANSACT_ACTIONS[kind];
          return action === undefined
            ? []
            : [{ action: `dynamodb:${action}`, resource: tableArn(request.TableName, scope) }];
        }),
      ),
    );
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const tables = Object.keys((input.RequestItems ?? {}) as object);
    return tables.map((t) => ({ action: `dynamodb:${operation}`, resource: tableArn(t, scope) }));
  }
  if (input.TableName === undefined) return [{ action: `dynamodb:${operation}`, resource: '*' }];
  const table = tableArn(input.TableName, scope);
  const resource = typeof input.IndexName === 'string' ? `${table}/index/${input.IndexName}` : table;
  return [{ action: `dynamodb:${operation}`, resource }];
}

/** PublishBatch is authorised as sns:Publish. */
function snsAction(operation: string): string {
  return operation === 'PublishBatch' ? 'Publish' : operation;
}

function snsResource(operation: string, input: Input, scope: ArnScope): string {
  for (const key of ['TopicArn', 'TargetArn', 'ResourceArn']) {
    if (typeof input[key] === 'string') return input[key] as string;
  }
  if (operation === 'CreateTopic' && typeof input.Name === 'string')
    return `arn:aws:sns:${scope.region}:${scope.accountId}:${input.Name}`;
  // A subscription's ARN is its topic's ARN plus `:<id>`; IAM checks the topic.
  if (typeof input.SubscriptionArn === 'string')
    return input.SubscriptionArn.split(':').slice(0, 6).join(':');
  return '*';
}

const SQS_BATCH: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

function sqsAction(operation: string): string {
  return SQS_BATCH[operation] ?? operation;
}

function sqsResource(operation: string, input: Input, scope: ArnScope): string {
  if (typeof input.QueueUrl === 'string') {
    // https://sqs.<region>.amazonaws.com/<account>/<name> (moto: http://host:port/<account>/<name>).
    const [account, name] = new URL(input.QueueUrl).pathname.split('/').filter(Boolean).slice(-2);
    if (account !== undefined && name !== undefined) return `arn:aws:sqs:${scope.region}:${account}:${name}`;
  }
  if (operation === 'CreateQueue' && typeof input.QueueName === 'string')
    return `arn:aws:sqs:${scope.region}:${scope.accountId}:${input.QueueName}`;
  return '*';
}

/** Invoke and InvokeAsync are authorised as lambda:InvokeFunction. */
function lambdaAction(operation: string): string {
  return operation === 'Invoke' || operation === 'InvokeAsync' ? 'InvokeFunction' : operation;
}

/**
 * The function ARN IAM checks for a FunctionName (a name, `account:function:name`, a full ARN, any of them
 * with `:qualifier`) and an optional Qualifier: qualified calls are checked against the qualified ARN.
 */
export function functionArn(functionName: unknown, qualifier: unknown, scope: ArnScope): string {
  if (typeof functionName !== 'string' || functionName === '') return '*';
  const parts = functionName.split(':');
  let name: string;
  let version: string | undefined;
  let account = scope.accountId;
  let region = scope.region;
  if (functionName.startsWith('arn:')) {
    [region = region, account = account] = [parts[3], parts[4]];
    [name = '', version] = [parts[6], parts[7]];
  } else if (parts[1] === 'function') {
    [account = account, , name = '', version] = parts;
  } else [name = '', version] = parts;
  const q = typeof qualifier === 'string' && qualifier !== '' ? qualifier : version;
  const base = `arn:aws:lambda:${region}:${account}:function:${name}`;
  return q === undefined ? base : `${base}:${q}`;
}

function unique(permissions: Permission[]): Permission[] {
  const seen = new Set<string>();
  return permissions.filter((p) => {
    const key = `${p.action} ${p.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
