import { type AwsSdkCallOptions, awsSdkCall } from './integrations/aws-sdk.js';
import {
  type DynamoGetItemOptions,
  type DynamoPutItemOptions,
  type DynamoUpdateItemOptions,
  dynamoGetItem,
  dynamoPutItem,
  dynamoUpdateItem,
} from './integrations/dynamodb.js';
import { type LambdaInvokeOptions, lambdaInvoke } from './integrations/lambda.js';
import { type SnsPublishOptions, snsPublish } from './integrations/sns.js';
import type { QueryLanguage } from './state.js';
import { type ChoiceOptions, choice } from './states/choice.js';
import { type FailOptions, fail } from './states/fail.js';
import { type MapOptions, map } from './states/map.js';
import { type ParallelOptions, parallel } from './states/parallel.js';
import { type PassOptions, pass } from './states/pass.js';
import { type SucceedOptions, succeed } from './states/succeed.js';
import { type TaskOptions, task } from './states/task.js';
import { type WaitOptions, wait } from './states/wait.js';

/**
 * Every state factory, bound to one query language: `JSONata.pass('P', { output: … })` builds a JSONata
 * state, and a JSONPath-only field in its options (`resultPath`, `parameters`, …) does not compile. The
 * state machine renders a state's `QueryLanguage` only where it differs from its own.
 */
function statesIn<L extends QueryLanguage>(queryLanguage: L) {
  return {
    queryLanguage,
    pass: (name: string, options: PassOptions<L> = {} as PassOptions<L>) =>
      pass<L>(name, { ...options, queryLanguage }),
    succeed: (name: string, options: SucceedOptions<L> = {} as SucceedOptions<L>) =>
      succeed<L>(name, { ...options, queryLanguage }),
    fail: (name: string, options: FailOptions<L> = {} as FailOptions<L>) =>
      fail<L>(name, { ...options, queryLanguage }),
    choice: (name: string, options: ChoiceOptions<L> = {} as ChoiceOptions<L>) =>
      choice<L>(name, { ...options, queryLanguage }),
    wait: (name: string, options: WaitOptions<L>) => wait<L>(name, { ...options, queryLanguage }),
    parallel: (name: string, options: ParallelOptions<L>) => parallel<L>(name, { ...options, queryLanguage }),
    map: (name: string, options: MapOptions<L>) => map<L>(name, { ...options, queryLanguage }),
    task: <R = string>(name: string, options: TaskOptions<R, L>) =>
      task<R, L>(name, { ...options, queryLanguage }),
    lambdaInvoke: <R = string>(name: string, options: LambdaInvokeOptions<R, L>) =>
      lambdaInvoke<R, L>(name, { ...options, queryLanguage }),
    dynamoGetItem: <R = string>(name: string, options: DynamoGetItemOptions<R, L>) =>
      dynamoGetItem<R, L>(name, { ...options, queryLanguage }),
    dynamoPutItem: <R = string>(name: string, options: DynamoPutItemOptions<R, L>) =>
      dynamoPutItem<R, L>(name, { ...options, queryLanguage }),
    dynamoUpdateItem: <R = string>(name: string, options: DynamoUpdateItemOptions<R, L>) =>
      dynamoUpdateItem<R, L>(name, { ...options, queryLanguage }),
    snsPublish: <R = string>(name: string, options: SnsPublishOptions<R, L>) =>
      snsPublish<R, L>(name, { ...options, queryLanguage }),
    awsSdkCall: <R = string>(name: string, options: AwsSdkCallOptions<R, L>) =>
      awsSdkCall<R, L>(name, { ...options, queryLanguage }),
  } as const;
}

/** The JSONata state factories (each state takes `arguments`, `output`, `assign`, `{% %}` expressions). */
export const JSONata = statesIn('JSONata');

/** The JSONPath state factories (ASL's default language: `parameters`, paths, `resultPath`, …). */
export const JSONPath = statesIn('JSONPath');
