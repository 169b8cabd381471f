/** The context object (`$$` in JSONPath, `$states.context` in JSONata). */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount?: number;
  };
  State: { EnteredTime: string; Name: string; RetryCount?: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown } };
}

/** What a Task handler receives. */
export interface TaskRequest {
  /** The Task state's Resource ARN. */
  resource: string;
  /** The effective parameters (after InputPath/Parameters, or Arguments in JSONata). */
  parameters: unknown;
  context: ContextObject;
  /** Aborted when the task times out, the execution is stopped, or a sibling branch fails. */
  signal: AbortSignal;
  stateName: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Resets the HeartbeatSeconds timer (SendTaskHeartbeat). */
  heartbeat: () => void;
}

/** Runs one Task state; throws (TaskError or any Error) to fail it. */
export type TaskHandler = (req: TaskRequest) => Promise<unknown>;

/** Picks a handler for a resource ARN. */
export type Dispatcher =
  | { resolve(resource: string): TaskHandler | undefined }
  | Array<{ match: string | RegExp; handler: TaskHandler }>;

/** Injectable time source (epoch milliseconds). */
export interface Clock {
  now(): number;
}

/** Injectable sleeper; must settle promptly when `signal` aborts. */
export type Sleeper = (ms: number, signal: AbortSignal) => Promise<void>;

/** One GetExecutionHistory event: `{ id, previousEventId, timestamp, type, <type>EventDetails }`. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

export interface StartOptions {
  name?: string;
  executionArn?: string;
  stateMachineArn?: string;
  roleArn?: string;
  /** EXPRESS executions get `…:express:…` ARNs and no RedriveCount in the context object. */
  type?: 'STANDARD' | 'EXPRESS';
  dispatcher?: Dispatcher;
  clock?: Clock;
  sleep?: Sleeper;
  onEvent?: (e: HistoryEvent) => void;
  /** Record history events (default true). Turn off for throughput when history is not needed. */
  history?: boolean;
  /** Random source for JitterStrategy FULL (default Math.random). */
  random?: () => number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type ExecutionResult =
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; error?: string; cause?: string }
  | { status: 'TIMED_OUT' | 'ABORTED'; error?: string; cause?: string };

export interface LoadOptions {
  /** Validate the definition (default true). */
  validate?: boolean;
}
