/** The order workflow definition, built with the typed States Language builder. */
export {
  EXECUTION_TIMEOUT_SECONDS,
  orderWorkflow,
  STATE_NAMES,
  TASK_TIMEOUTS,
} from './order-workflow.js';
export { type OrderWorkflowRefs, PLACEHOLDER_REFS } from './order-workflow-refs.js';
