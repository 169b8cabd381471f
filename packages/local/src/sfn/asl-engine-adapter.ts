import { DefinitionError, type Dispatcher, StateMachine } from '@orders/asl-engine';
import { DefinitionRejectedError, type LoadMachine } from './engine-port.js';

/** Load definitions with `@orders/asl-engine`, running their tasks through `dispatcher`. */
export function aslEngineLoader(dispatcher: Dispatcher): LoadMachine {
  return (definition) => {
    let machine: StateMachine;
    try {
      machine = StateMachine.load(definition, { validate: true });
    } catch (error) {
      if (error instanceof DefinitionError)
        throw new DefinitionRejectedError(error.problems, { cause: error });
      throw error;
    }
    return {
      start(input, context) {
        const execution = machine.start(input, {
          name: context.name,
          executionArn: context.executionArn,
          stateMachineArn: context.stateMachineArn,
          roleArn: context.roleArn,
          dispatcher,
        });
        return {
          result: execution.result,
          history: () => execution.history(),
          stop: (error, cause) => execution.stop(error, cause),
        };
      },
    };
  };
}
