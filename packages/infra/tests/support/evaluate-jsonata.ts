import { StateMachine, TaskError } from '@orders/asl-engine';

// A JSONata expression evaluated as Step Functions evaluates it, by @orders/asl-engine in a one-state JSONata
// workflow: a Pass state's Output, or the Output of the Catch of a failed Task for expressions that read
// $states.errorOutput.

export interface Evaluation {
  /** The execution input ($states.input). */
  readonly input?: unknown;
  /** The execution name ($states.context.Execution.Name). */
  readonly name?: string;
  /** Workflow variables set before the rule runs ($orderId, $charge, ...). */
  readonly variables?: Record<string, unknown>;
  /** Evaluate inside the Catch of a Task that failed with this error ($states.errorOutput). */
  readonly error?: { readonly error: string; readonly cause?: string };
}

/** The rule's value (undefined when it evaluates to nothing); throws when the execution fails. */
export async function evaluate(rule: string, e: Evaluation = {}): Promise<unknown> {
  return ((await evaluateOutput(`{% { 'value': ${rule} } %}`, e)) as { value?: unknown }).value;
}

/**
 * A state's `Output` field as Step Functions evaluates it: a JSON value whose `{% … %}` strings are JSONata
 * (as a Task's `Arguments` are). Throws when the execution fails.
 */
export async function evaluateOutput(output: unknown, e: Evaluation = {}): Promise<unknown> {
  const evaluateState =
    e.error === undefined
      ? { Type: 'Pass', Output: output, End: true }
      : {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'f' },
          Catch: [{ ErrorEquals: ['States.ALL'], Output: output, Next: 'Done' }],
          End: true,
        };
  const states: Record<string, unknown> = { Evaluate: evaluateState };
  if (e.error !== undefined) states.Done = { Type: 'Succeed' };
  if (e.variables !== undefined) states.Variables = { Type: 'Pass', Assign: e.variables, Next: 'Evaluate' };
  const machine = StateMachine.load({
    QueryLanguage: 'JSONata',
    StartAt: e.variables === undefined ? 'Evaluate' : 'Variables',
    States: states,
  });
  const failure = e.error;
  const execution = machine.start(e.input ?? {}, {
    name: e.name ?? 'exec-rules',
    dispatcher: [
      {
        match: /.*/,
        handler: async () => {
          throw new TaskError(failure?.error ?? 'Unexpected', failure?.cause);
        },
      },
    ],
  });
  const result = await execution.result;
  if (result.status !== 'SUCCEEDED') throw new Error(`${result.status}: ${result.error}: ${result.cause}`);
  return result.output;
}
