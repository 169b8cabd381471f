export type {
  Catcher,
  ChoiceRule,
  MachineDefinition,
  QueryLanguage,
  Retrier,
  StateDefinition,
} from './definition/definition-types.js';
export { validateDefinition } from './definition/validate-definition.js';
export { DefinitionError, STATES_ERRORS, StatesError, TaskError } from './errors.js';
export { Execution, realSleep } from './execution.js';
export { StateMachine } from './state-machine.js';
export type {
  Clock,
  ContextObject,
  Dispatcher,
  ExecutionResult,
  ExecutionStatus,
  HistoryEvent,
  LoadOptions,
  Sleeper,
  StartOptions,
  TaskHandler,
  TaskRequest,
} from './types.js';
export { createVirtualTime, type VirtualTime } from './virtual-time.js';
