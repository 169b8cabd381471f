/**
 * The ARN of the execution of `stateMachineArn` named `name` (a standard workflow's executions are
 * `arn:…:execution:<machine name>:<execution name>`): the intake API names each execution by its order id, so
 * every tool finds an order's execution from the state machine ARN and the order id alone.
 */
export function executionArnOf(stateMachineArn: string, name: string): string {
  const marker = ':stateMachine:';
  if (!stateMachineArn.includes(marker)) {
    throw new Error(`stateMachineArn ${stateMachineArn} is not a state machine ARN (no ${marker})`);
  }
  return `${stateMachineArn.replace(marker, ':execution:')}:${name}`;
}
