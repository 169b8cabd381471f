import type { TaskOptions } from '../states/task.js';
import { TaskState } from '../states/task.js';

/** A DynamoDB table: its name for requests and its ARN for IAM. */
export interface TableRef<R> {
  readonly name: R;
  readonly arn: R;
}

type BaseOptions<R> = Omit<TaskOptions<R>, 'resource' | 'iam' | 'request'> & {
  readonly table: TableRef<R>;
  /** Every task needs a timeout. */
  readonly timeoutSeconds: number;
};

export interface DynamoPutItemOptions<R> extends BaseOptions<R> {
  /** The item in DynamoDB JSON (`{ OrderId: { S: … } }`), or a JSONata expression. */
  readonly item: unknown;
  /** e.g. `attribute_not_exists(OrderId)` so the write never overwrites. */
  readonly conditionExpression?: string;
  readonly expressionAttributeNames?: Readonly<Record<string, string>>;
  readonly expressionAttributeValues?: Readonly<Record<string, unknown>>;
  readonly returnValues?: 'NONE' | 'ALL_OLD';
}

export interface DynamoGetItemOptions<R> extends BaseOptions<R> {
  readonly key: unknown;
  readonly consistentRead?: boolean;
  readonly projectionExpression?: string;
  readonly expressionAttributeNames?: Readonly<Record<string, string>>;
}

export interface DynamoUpdateItemOptions<R> extends BaseOptions<R> {
  readonly key: unknown;
  /** The update expression, or a JSONata expression that builds it. */
  readonly updateExpression: string;
  readonly conditionExpression?: string;
  /** The names, or (JSONata) an expression of the names object. */
  readonly expressionAttributeNames?: Readonly<Record<string, string>> | string;
  /** The values, or (JSONata) an expression of the values object. */
  readonly expressionAttributeValues?: Readonly<Record<string, unknown>> | string;
  readonly returnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}

function dynamoTask<R>(
  name: string,
  action: 'putItem' | 'getItem' | 'updateItem',
  iamAction: string,
  rest: Omit<TaskOptions<R>, 'resource' | 'iam' | 'request'>,
  table: TableRef<R>,
  request: Record<string, unknown>,
): TaskState<R> {
  const fields: Record<string, unknown> = { TableName: table.name };
  for (const [k, v] of Object.entries(request)) if (v !== undefined) fields[k] = v;
  return new TaskState<R>(name, {
    ...rest,
    resource: `arn:aws:states:::dynamodb:${action}`,
    request: fields,
    iam: [{ actions: [iamAction], resources: [table.arn] }],
  });
}

/** `dynamodb:putItem`, with `dynamodb:PutItem` on the table. */
export function dynamoPutItem<R = string>(name: string, options: DynamoPutItemOptions<R>): TaskState<R> {
  const {
    table,
    item,
    conditionExpression,
    expressionAttributeNames,
    expressionAttributeValues,
    returnValues,
    ...rest
  } = options;
  return dynamoTask(name, 'putItem', 'dynamodb:PutItem', rest, table, {
    Item: item,
    ConditionExpression: conditionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
    ExpressionAttributeValues: expressionAttributeValues,
    ReturnValues: returnValues,
  });
}

/** `dynamodb:getItem`, with `dynamodb:GetItem` on the table. */
export function dynamoGetItem<R = string>(name: string, options: DynamoGetItemOptions<R>): TaskState<R> {
  const { table, key, consistentRead, projectionExpression, expressionAttributeNames, ...rest } = options;
  return dynamoTask(name, 'getItem', 'dynamodb:GetItem', rest, table, {
    Key: key,
    ConsistentRead: consistentRead,
    ProjectionExpression: projectionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
  });
}

/** `dynamodb:updateItem`, with `dynamodb:UpdateItem` on the table. */
export function dynamoUpdateItem<R = string>(
  name: string,
  options: DynamoUpdateItemOptions<R>,
): TaskState<R> {
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
  return dynamoTask(name, 'updateItem', 'dynamodb:UpdateItem', rest, table, {
    Key: key,
    UpdateExpression: updateExpression,
    ConditionExpression: conditionExpression,
    ExpressionAttributeNames: expressionAttributeNames,
    ExpressionAttributeValues: expressionAttributeValues,
    ReturnValues: returnValues,
  });
}
