import {
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { executionHistory, statesVisited } from './execution-history.js';
import { type WaitOptions, waitForExecution } from './wait-for-execution.js';

/** What one finished execution left behind in Step Functions. */
export interface FinishedExecution {
  readonly name: string;
  readonly executionArn: string;
  readonly status: string;
  readonly description: DescribeExecutionCommandOutput;
  /** The parsed input the execution was started with. */
  readonly input: unknown;
  /** The parsed output of a SUCCEEDED execution. */
  readonly output: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly history: HistoryEvent[];
  readonly states: string[];
}

/**
 * Start an execution of `stateMachineArn` named `name` with `input` straight through StartExecution (not the
 * intake API), wait for its end, read its history.
 */
export async function runExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  name: string,
  input: unknown,
  wait: WaitOptions = {},
): Promise<FinishedExecution> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
  );
  if (!executionArn) throw new Error(`StartExecution ${name} returned no executionArn`);
  return finishedExecution(sfn, executionArn, name, wait);
}

/** Wait for a started execution to end and read what it left behind (description, history, states). */
export async function finishedExecution(
  sfn: SFNClient,
  executionArn: string,
  name: string,
  wait: WaitOptions = {},
): Promise<FinishedExecution> {
  const description = await waitForExecution(sfn, executionArn, wait);
  const history = await executionHistory(sfn, executionArn);
  return {
    name,
    executionArn,
    status: description.status ?? 'UNKNOWN',
    description,
    input: description.input === undefined ? undefined : JSON.parse(description.input),
    output: description.output === undefined ? undefined : JSON.parse(description.output),
    ...(description.error !== undefined ? { error: description.error } : {}),
    ...(description.cause !== undefined ? { cause: description.cause } : {}),
    history,
    states: statesVisited(history),
  };
}
