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

function dynamoTask<R, L extends QueryLanguage>(
  name: string,
  action: 'putItem' | 'getItem' | 'updateItem',
  iamAction: string,
  rest: object,
  table: TableRef<R>,
  request: Record<string, unknown>,
): TaskState<R, L> {
  const fields: Record<string, unknown> = { TableName: table.name };
  for (const [k, v] of Object.entries(request)) if (v !== undefined) fields[k] = v;
  return new TaskState<R, L>(name, {
    ...rest,
    resource: `arn:aws:states:::dynamodb:${action}`,
    request: fields,
    iam: [{ actions: [iamAction], resources: [table.arn] }],
  } as unknown as TaskOptions<R, L>);
}

/** `dynamodb:putItem`, with `dynamodb:PutItem` on the table. */
export function dynamoPutItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoPutItemOptions<R, L>,
): TaskState<R, L> {
  const {
    table,
    item,
    conditionExpression,
    expressionAttributeNames,
    expressionAttributeValues,
    returnValues,
    ...rest
  } = options;
  return dynamoTask<R, L>(name, 'putItem', 'dynamodb:PutItem', rest, table, {
    Item: item,
    ConditionExpression: conditionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
    ExpressionAttributeValues: expressionAttributeValues,
    ReturnValues: returnValues,
  });
}

/** `dynamodb:getItem`, with `dynamodb:GetItem` on the table. */
export function dynamoGetItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoGetItemOptions<R, L>,
): TaskState<R, L> {
  const { table, key, consistentRead, projectionExpression, expressionAttributeNames, ...rest } = options;
  return dynamoTask<R, L>(name, 'getItem', 'dynamodb:GetItem', rest, table, {
    Key: key,
    ConsistentRead: consistentRead,
    ProjectionExpression: projectionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
  });
}

/** `dynamodb:updateItem`, with `dynamodb:UpdateItem` on the table. */
export function dynamoUpdateItem<R = string, L extends QueryLanguage = 'JSONPath'>(
  name: string,
  options: DynamoUpdateItemOptions<R, L>,
): TaskState<R, L> {
  const {
    table,
    key,
    updateExpression,
    conditionExpression,
    expressionAttributeNames,
    expressionAttributeValues,
    returnValues,
    ...rest
  } = options;
  return dynamoTask<R, L>(name, 'updateItem', 'dynamodb:UpdateItem', rest, table, {
    Key: key,
    UpdateExpression: updateExpression,
    ConditionExpression: conditionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
    ExpressionAttributeValues: expressionAttributeValues,
    ReturnValues: returnValues,
  });
}
