export { InvalidStackOutputsError, parseStackOutputs, type StackOutputs } from '@orders/shared-types';
export {
  type CardDataFinding,
  type CardDataKind,
  describeFindings,
  passesLuhn,
  scanForCardData,
} from './card-data-scanner.js';
export { createClients, type E2eClients } from './clients.js';
export {
  executionHistory,
  historyOutputs,
  statesVisited,
  taskFailures,
} from './execution-history.js';
export {
  executionName,
  MAX_EXECUTION_NAME_LENGTH,
  type SortableIdSource,
  sortableIds,
} from './execution-name.js';
export {
  deleteStock,
  INVENTORY_KEY_ATTRIBUTE,
  INVENTORY_STOCK_ATTRIBUTE,
  putStock,
  stockLevels,
} from './inventory.js';
export { CloudWatchLambdaLogs, type LambdaLogReader, waitForLogLines } from './lambda-logs.js';
export {
  NotificationTimeoutError,
  notificationOrderId,
  parseNotificationBody,
  type ReceivedNotification,
  type ReceiveOptions,
  receiveNotification,
  receiveNotifications,
} from './notifications.js';
export { getOrderRow, ORDER_ID_ATTRIBUTE, orderRows, scanTable } from './order-table.js';
export { type FinishedExecution, finishedExecution, runExecution } from './run-order.js';
export {
  acceptedOrderId,
  OrderNotAcceptedError,
  type SubmitOrderOptions,
  type SubmittedOrder,
  submitOrder,
} from './submit-order.js';
export { readStackOutputs, StackOutputsUnavailableError, startAwsTarget } from './target/aws-target.js';
export {
  type E2eStackOutputs,
  MissingStackOutputError,
  requireE2eOutputs,
} from './target/e2e-outputs.js';
export type { E2eTarget, TargetEndpoints } from './target/e2e-target.js';
export { type InjectedFault, LocalControl } from './target/local-control.js';
export {
  attachLocalTarget,
  type LocalTargetOptions,
  NotALocalStackError,
  startLocalTarget,
} from './target/local-target.js';
export { createRunQueue, queuePolicy, type RunQueue } from './target/run-queue.js';
export { RUN_PREFIX, startTarget } from './target/start-target.js';
export type { StartedTarget } from './target/started-target.js';
export {
  ExecutionStillRunningError,
  pollIntervals,
  type WaitOptions,
  waitForExecution,
} from './wait-for-execution.js';
