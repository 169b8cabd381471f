/** The typed States Language builder: state factories, chains, conditions, integrations and the renderer. */
export {
  Condition,
  type ConditionIn,
  conditions,
  type JsonataCondition,
  type JsonPathCondition,
  renderCondition,
  type TypedConditions,
} from './condition.js';
export { diagramNodeIds, toDot, toMermaid } from './diagram.js';
export { type AwsSdkCallOptions, awsSdkCall } from './integrations/aws-sdk.js';
export {
  type DynamoGetItemOptions,
  type DynamoPutItemOptions,
  type DynamoUpdateItemOptions,
  dynamoGetItem,
  dynamoPutItem,
  dynamoUpdateItem,
  type TableRef,
} from './integrations/dynamodb.js';
export { type LambdaInvokeOptions, lambdaInvoke } from './integrations/lambda.js';
export { type SnsPublishOptions, snsPublish } from './integrations/sns.js';
export {
  type FieldPath,
  type FieldPathTo,
  intrinsic,
  type JsonPath,
  type JsonPathTo,
  jsonPath,
  PathRef,
  path,
} from './json-path.js';
export { fields, isJsonata, jsonata } from './jsonata.js';
export { JSONata, JSONPath } from './languages.js';
export {
  type CatchOptions,
  LAMBDA_TRANSIENT_ERRORS,
  lambdaServiceRetry,
  type RetryOptions,
  retry,
  StatesErrors,
} from './retry.js';
export { findSensitiveFlows, type SensitiveFlow, type SensitiveFlowOptions } from './sensitive-flow.js';
export {
  type CatchRule,
  Chain,
  type Chainable,
  chain,
  type ErrorHandlingOptions,
  type IamStatement,
  type InLanguage,
  type IoOptions,
  type JsonataOnlyOption,
  type JsonPathOnlyOption,
  NextableState,
  type OpenChainable,
  type QueryLanguage,
  type Scope,
  State,
  type StateOptions,
  type StateType,
  type Target,
  type Transition,
  type WrongLanguageOption,
} from './state.js';
export {
  StateMachineDefinition,
  type StateMachineOptions,
  stateMachine,
  type WalkedState,
} from './state-machine.js';
export {
  type ChoiceOptions,
  type ChoiceRuleOptions,
  ChoiceState,
  choice,
  describeCondition,
} from './states/choice.js';
export { type FailOptions, FailState, fail } from './states/fail.js';
export { type MapOptions, MapState, map } from './states/map.js';
export { type ParallelOptions, ParallelState, parallel } from './states/parallel.js';
export { type PassOptions, PassState, pass } from './states/pass.js';
export { type SucceedOptions, SucceedState, succeed } from './states/succeed.js';
export { type TaskOptions, TaskState, task } from './states/task.js';
export { type WaitDuration, type WaitOptions, WaitState, wait } from './states/wait.js';
export { DefinitionValidationError, type ValidationProblem } from './validation-error.js';
