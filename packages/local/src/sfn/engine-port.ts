/** One history event in the GetExecutionHistory shape (`id`, `type`, `timestamp`, `<type>EventDetails`). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: string]: unknown;
}

export type ExecutionResult =
  | { readonly status: 'SUCCEEDED'; readonly output: unknown }
  | { readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; readonly error?: string; readonly cause?: string };

/** A running execution, as the service needs it. */
export interface RunningExecution {
  readonly result: Promise<ExecutionResult>;
  history(): readonly HistoryEvent[];
  stop(error?: string, cause?: string): void;
}

export interface ExecutionContext {
  readonly name: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
}

/** A definition the engine accepted. */
export interface LoadedMachine {
  start(input: unknown, context: ExecutionContext): RunningExecution;
}

/** Load and validate a definition; throws DefinitionRejectedError listing every problem. */
export type LoadMachine = (definition: string) => LoadedMachine;

/** The engine rejected a state machine definition. */
export class DefinitionRejectedError extends Error {
  override readonly name = 'DefinitionRejectedError';
  constructor(
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `the state machine definition was rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
      options,
    );
  }
}
