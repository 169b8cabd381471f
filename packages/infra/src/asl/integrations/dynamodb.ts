import type { QueryLanguage } from '../state.js';
import type { IntegrationOptions, TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

/** A DynamoDB table: its name for requests and its ARN for IAM. */
export interface TableRef<R> {
  readonly name: R;
  readonly arn: R;
}

type BaseOptions<R, L extends QueryLanguage> = IntegrationOptions<R, L> & {
  readonly table: TableRef<R>;
};

export type DynamoPutItemOptions<R, L extends QueryLanguage = 'JSONPath'> = BaseOptions<R, L> & {
  /** The item in DynamoDB JSON (`{ OrderId: { S: … } }`), or a JSONata expression. */
  readonly item: unknown;
  /** e.g. `attribute_not_exists(OrderId)` so the write never overwrites. */
  readonly conditionExpression?: string;
  readonly expressionAttributeNames?: Readonly<Record<string, string>>;
  readonly expressionAttributeValues?: Readonly<Record<string, unknown>>;
  readonly returnValues?: 'NONE' | 'ALL_OLD';
};

export type DynamoGetItemOptions<R, L extends QueryLanguage = 'JSONPath'> = BaseOptions<R, L> & {
  readonly key: unknown;
  readonly consistentRead?: boolean;
  readonly projectionExpression?: string;
  readonly expressionAttributeNames?: Readonly<Record<string, string>>;
};

export type DynamoUpdateItemOptions<R, L extends QueryLanguage = 'JSONPath'> = BaseOptions<R, L> & {
  readonly key: unknown;
  /** The update expression, or a JSONata expression that builds it. */
  readonly updateExpression: string;
  readonly conditionExpression?: string;
  /** The names, or (JSONata) an expression of the names object. */
  readonly expressionAttributeNames?: Readonly<Record<string, string>> | string;
  /** The values, or (JSONata) an expression of the values object. */
  readonly expressionAttributeValues?: Readonly<Record<string, unknown>> | string;
  readonly returnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
};

/** Each action's request options, in rendering order: the option names are the API's, in camelCase. */
const REQUEST_OPTIONS = {
  putItem: [
    'item',
    'conditionExpression',
    'expressionAttributeNames',
    'expressionAttributeValues',
    'returnValues',
  ],
  getItem: ['key', 'consistentRead', 'projectionExpression', 'expressionAttributeNames'],
  updateItem: [
    'key',
    'updateExpression',
    'conditionExpression',
    'expressionAttributeNames',
    'expressionAttributeValues',
    'returnValues',
  ],
} as const;

type DynamoAction = keyof typeof REQUEST_OPTIONS;

const pascal = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** `dynamodb:<action>` on the table, with `dynamodb:<Action>` on its ARN; the other options are the Task's. */
function dynamoTask<R, L extends QueryLanguage>(
  name: string,
  action: DynamoAction,
  options: BaseOptions<R, L>,
): TaskState<R, L> {
  const { table, ...rest } = options as unknown as { table: TableRef<R> } & Record<string, unknown>;
  const request: Record<string, unknown> = { TableName: table.name };
  for (const option of REQUEST_OPTIONS[action]) {
    if (rest[option] !== undefined) request[pascal(option)] = rest[option];
    delete rest[option];
  }
  return new TaskState<R, L>(name, {
    ...rest,
    resource: `arn:aws:states:::dynamodb:${action}`,
    request,
    iam: [{ actions: [`dynamodb:${pascal(action)}`], resources: [table.arn] }],
  } as unknown as TaskOptions<R, L>);
}

/** `dynamodb:putItem`, with `dynamodb:PutItem` on the table. */
export function dynamoPutItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoPutItemOptions<R, L>,
): TaskState<R, L> {
  return dynamoTask(name, 'putItem', options);
}

/** `dynamodb:getItem`, with `dynamodb:GetItem` on the table. */
export function dynamoGetItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoGetItemOptions<R, L>,
): TaskState<R, L> {
  return dynamoTask(name, 'getItem', options);
}

/** `dynamodb:updateItem`, with `dynamodb:UpdateItem` on the table. */
export function dynamoUpdateItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoUpdateItemOptions<R, L>,
): TaskState<R, L> {
  return dynamoTask(name, 'updateItem', options);
}
