export {
  type Catcher,
  type ChoiceRule,
  JSONATA_ONLY_FIELDS,
  JSONPATH_ONLY_FIELDS,
  type MachineDefinition,
  type QueryLanguage,
  type Retrier,
  type StateDefinition,
  wrongLanguageFields,
} from './definition/definition-types.js';
export { validateDefinition } from './definition/validate-definition.js';
export { DefinitionError, STATES_ERRORS, StatesError, TaskError } from './errors.js';
export { Execution } from './execution.js';
export { createRealSleep, MAX_TIMER_DELAY_MS, realSleep, type TimerApi } from './runtime/real-sleep.js';
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
