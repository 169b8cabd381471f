/**
 * The page's only way out (besides the intake API, `POST /orders`, which Try it uses): the Step Functions
 * API and DynamoDB (moto) through the local stack's same-origin proxy (`/console/api/<service>`, the AWS JSON 1.0 bodies any SDK sends, answers with card
 * data masked), the console's notification buffer, and the stack's control routes (`/_local/…`).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { BufferedNotification, LocalStackOutputs } from '@orders/local';

export type Outputs = LocalStackOutputs;

/** An error answer of an AWS API (`__type`, `message`), or of a control route. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
  }
}

async function awsCall<T>(service: 'stepfunctions' | 'dynamodb', target: string, body: object): Promise<T> {
  const response = await fetch(`/console/api/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T & { __type?: string; message?: string; Message?: string };
  if (!response.ok) {
    const type = String(json.__type ?? response.status).replace(/^.*#/, '');
    throw new ApiError(type, json.message ?? json.Message ?? '', response.status);
  }
  return json;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** ListExecutions' item; JSON 1.0 dates are epoch seconds. */
export interface ExecutionListItem {
  readonly executionArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
}

export interface DescribedExecution extends ExecutionListItem {
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** One event of GetExecutionHistory: `type`, `id`, `previousEventId`, `timestamp` and one `…EventDetails`. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId?: number;
  readonly type: string;
  readonly timestamp: number;
  readonly [details: string]: unknown;
}

const sfn = <T>(operation: string, body: object) =>
  awsCall<T>('stepfunctions', `AWSStepFunctions.${operation}`, body);

export const stepFunctions = {
  describeStateMachine: (stateMachineArn: string) =>
    sfn<{ definition: string; name: string; type: string }>('DescribeStateMachine', { stateMachineArn }),

  /** Every execution (newest first), following nextToken; `statusFilter` as the API takes it. */
  async listExecutions(
    stateMachineArn: string,
    statusFilter?: ExecutionStatus,
  ): Promise<ExecutionListItem[]> {
    const all: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn<{ executions: ExecutionListItem[]; nextToken?: string }>('ListExecutions', {
        stateMachineArn,
        maxResults: 1000,
        ...(statusFilter === undefined ? {} : { statusFilter }),
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      all.push(...page.executions);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return all;
  },

  /** One page of ListExecutions (newest first). */
  listExecutionsPage: (
    stateMachineArn: string,
    { maxResults, statusFilter }: { maxResults: number; statusFilter?: ExecutionStatus },
  ) =>
    sfn<{ executions: ExecutionListItem[]; nextToken?: string }>('ListExecutions', {
      stateMachineArn,
      maxResults,
      ...(statusFilter === undefined ? {} : { statusFilter }),
    }),

  describeExecution: (executionArn: string) => sfn<DescribedExecution>('DescribeExecution', { executionArn }),

  /** The whole history, oldest first, following nextToken. */
  async history(executionArn: string, includeExecutionData = true): Promise<HistoryEvent[]> {
    const all: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn<{ events: HistoryEvent[]; nextToken?: string }>('GetExecutionHistory', {
        executionArn,
        maxResults: 1000,
        includeExecutionData,
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      all.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return all;
  },
};

/** A DynamoDB item in attribute-value form, as Scan returns it. */
type AttributeValues = Parameters<typeof unmarshall>[0];

export const dynamodb = {
  /** Every item of a table (all Scan pages), as plain JSON. */
  async scan(tableName: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let exclusiveStartKey: AttributeValues | undefined;
    do {
      const page = await awsCall<{
        Items?: AttributeValues[];
        LastEvaluatedKey?: AttributeValues;
      }>('dynamodb', 'DynamoDB_20120810.Scan', {
        TableName: tableName,
        ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
      });
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return items;
  },
};

/** The workflow's picture: docs/workflow.svg's renderer on DescribeStateMachine's definition (server side). */
export interface WorkflowGraph {
  readonly svg: string;
  /** The graph's node id of each state (the `<title>` of its node in the SVG), by state name. */
  readonly nodeIds: Readonly<Record<string, string>>;
}

export async function workflowGraph(stateMachineArn: string): Promise<WorkflowGraph> {
  const response = await fetch(
    `/console/api/workflow-graph?stateMachineArn=${encodeURIComponent(stateMachineArn)}`,
  );
  const json = (await response.json()) as WorkflowGraph & { __type?: string; message?: string };
  if (!response.ok) throw new ApiError(json.__type ?? 'Error', json.message ?? '', response.status);
  return json;
}

/** A notification the console's queue received (the local stack's NotificationBuffer hands them out). */
export type Notification = BufferedNotification;

/** The notifications after `since` (the newest `limit` of them, when given), oldest first. */
export async function notificationsSince(
  since: number,
  limit?: number,
): Promise<{ notifications: Notification[]; last: number }> {
  const response = await fetch(
    `/console/api/notifications?since=${since}${limit === undefined ? '' : `&limit=${limit}`}`,
  );
  if (!response.ok) throw new ApiError('NotificationsUnavailable', await response.text(), response.status);
  return (await response.json()) as { notifications: Notification[]; last: number };
}

async function control<T>(method: string, route: string, body?: object): Promise<T> {
  const response = await fetch(`/_local/${route}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json = (await response.json()) as T & { error?: string; message?: string };
  if (!response.ok) throw new ApiError(json.error ?? 'Error', json.message ?? '', response.status);
  return json;
}

/** What a fault targets: a function (key, name or ARN) or a Task state of the deployed definition. */
export type FaultTarget = { readonly functionName: string } | { readonly state: string };

export const localStack = {
  outputs: () => control<Outputs>('GET', 'outputs'),
  /** Faults still waiting, per Task state (a Lambda Task counts its function's). */
  pendingFaultsByState: () => control<Record<string, number>>('GET', 'faults?by=state'),
  injectFault: (target: FaultTarget, fault: { count: number; error?: string; timeout?: boolean }) =>
    control<unknown>('POST', 'faults', { ...target, ...fault }),
  clearFaults: (target: FaultTarget) =>
    control<unknown>(
      'DELETE',
      'state' in target
        ? `faults?state=${encodeURIComponent(target.state)}`
        : `faults?functionName=${encodeURIComponent(target.functionName)}`,
    ),
};
