export type { StackOutputs } from '@orders/shared-types';
export { CONSOLE_DIST_DIR, ConsoleNotBuiltError } from './console/console-service.js';
export type { BufferedNotification } from './console/notification-buffer.js';
export { type FaultSpec, InvalidFaultError } from './faults/fault-registry.js';
export type { FaultTarget } from './faults/task-faults.js';
export {
  type LocalStack,
  type LocalStackOptions,
  type LocalStackOutputs,
  startLocalStack,
} from './local-stack.js';
export { DefinitionRejectedError } from './sfn/engine-port.js';
export { BundlesNotBuiltError } from './stack/bundles-not-built-error.js';
export { LOCAL_STACK_NAME, loadStackModel } from './stack/load-program.js';
export { ProgramModelError } from './stack/program-model.js';
export { removeStackFile, STACK_FILE, writeStackFile } from './stack/stack-file.js';
export type { FunctionSpec, StackModel, TableSpec } from './stack/stack-model.js';
