import * as path from 'node:path';
import {
  IDEMPOTENCY_TABLE_ENV,
  INVENTORY_TABLE_ENV,
  NOTIFICATION_TOPIC_ENV,
  ORDERS_TABLE_ENV,
  SIMULATION_ENV,
  STATE_MACHINE_ARN_ENV,
  VAULT_TABLE_ENV,
} from '@orders/lambdas/environment';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import * as pulumi from '@pulumi/pulumi';
import { EncryptedTopic } from './components/encrypted-topic.js';
import { cardVaultTable, IntakeApi } from './components/intake-api.js';
import type { PolicyStatement } from './components/internal/policy-document.js';
import { NotificationResender } from './components/notification-resender.js';
import { OrderFunction } from './components/order-function.js';
import { OrderStateMachine } from './components/order-state-machine.js';
import { OrderTables } from './components/order-tables.js';
import { ReservationSweeper } from './components/reservation-sweeper.js';
import { WorkflowAlarms } from './components/workflow-alarms.js';
import type { SimulationConfig, StackConfig } from './config.js';
import { orderWorkflow } from './workflow/index.js';

/** The handlers `packages/lambdas` bundles, by the label used in outputs and alarm names. */
export const HANDLERS = {
  verifyPayment: 'verify-payment',
  reserveStock: 'reserve-stock',
  chargePayment: 'charge-payment',
  releaseStock: 'release-stock',
} as const;
export type HandlerLabel = keyof typeof HANDLERS;

/**
 * What reserve-stock and release-stock do on the Inventory table: conditional updates inside a transaction
 * (a refused one returns the levels it saw, so no read is needed to name the short items).
 */
export const INVENTORY_ACTIONS = ['dynamodb:UpdateItem'] as const;

/** The stack outputs the e2e suite and the local stack read (same keys for both). */
export interface OrdersStackOutputs {
  readonly stateMachineArn: pulumi.Output<string>;
  readonly stateMachineName: pulumi.Output<string>;
  readonly region: string;
  readonly ordersTableName: pulumi.Output<string>;
  readonly inventoryTableName: pulumi.Output<string>;
  readonly notificationTopicArn: pulumi.Output<string>;
  readonly functionNames: { readonly [K in HandlerLabel]: pulumi.Output<string> };
  /** The intake API's base URL (`POST /orders`, `GET /orders/{id}`). */
  readonly intakeApiUrl: pulumi.Output<string>;
  /** The intake API's function (the e2e suite scans its logs for card data too). */
  readonly intakeFunctionName: pulumi.Output<string>;
}

/** The Lambdas' simulation switches as environment variables; none at all when simulation is off. */
export function simulationEnvironment(simulation: SimulationConfig): Record<string, string> {
  if (!simulation.enabled) return {};
  return {
    [SIMULATION_ENV.enabled]: '1',
    ...(simulation.seed === undefined ? {} : { [SIMULATION_ENV.seed]: simulation.seed }),
    [SIMULATION_ENV.paymentRejectRate]: String(simulation.paymentRejectRate),
    [SIMULATION_ENV.outOfStockRate]: String(simulation.outOfStockRate),
    [SIMULATION_ENV.declineRate]: String(simulation.declineRate),
  };
}

/** Create every resource of one stack from its validated config and return the stack outputs. */
export function ordersProgram(config: StackConfig): OrdersStackOutputs {
  const prefix = `${config.project}-${config.stack}`;
  const production = config.environment === 'production';
  const tags = { project: config.project, stack: config.stack, environment: config.environment };

  const tables = new OrderTables(`${prefix}-tables`, {
    namePrefix: prefix,
    protect: production,
    ...(config.seedInventory ? { inventorySeed: INVENTORY_FIXTURE } : {}),
    tags,
  });
  const notifications = new EncryptedTopic(`${prefix}-notifications`, {
    topicName: `${prefix}-order-notifications`,
    tags,
  }).topic;

  // Each function gets only the environment it reads.
  const simulation = simulationEnvironment(config.simulation);
  const tablesEnv = { [ORDERS_TABLE_ENV]: tables.orders.name, [INVENTORY_TABLE_ENV]: tables.inventory.name };
  // What every function shares: its bundle, the configured size and limits, source maps, the tags.
  const functionArgs = (name: string, bundle: string, environment: Record<string, pulumi.Input<string>>) => ({
    functionName: `${prefix}-${name}`,
    bundleDir: path.join(config.lambdaDistDir, bundle),
    timeoutSeconds: config.lambdaTimeoutSeconds,
    memoryMb: config.lambdaMemoryMb,
    logRetentionDays: config.logRetentionDays,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...environment },
    tags,
  });
  const fn = (
    label: HandlerLabel,
    environment: Record<string, pulumi.Input<string>>,
    statements: readonly PolicyStatement[] = [],
  ) =>
    new OrderFunction(`${prefix}-${HANDLERS[label]}`, {
      ...functionArgs(HANDLERS[label], HANDLERS[label], environment),
      statements,
    });
  // The payment provider's vault (the intake tokenizes into it): verify-payment checks a token's card there
  // and charge-payment charges it, reading one card at a time.
  const vault = cardVaultTable(prefix, config.region);
  const vaultEnv = { [VAULT_TABLE_ENV]: vault.name };
  const readVault = (sid: string): PolicyStatement => ({
    sid,
    actions: ['dynamodb:GetItem'],
    resources: [vault.arn],
  });
  // A transaction is authorised per item action on each table it touches.
  const stockStatements = (sid: string): PolicyStatement[] => [
    {
      sid: `${sid}Order`,
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resources: [tables.orders.arn],
    },
    { sid: `${sid}Inventory`, actions: [...INVENTORY_ACTIONS], resources: [tables.inventory.arn] },
  ];
  const components = {
    verifyPayment: fn('verifyPayment', { ...vaultEnv, ...simulation }, [readVault('CheckVaultedCard')]),
    reserveStock: fn('reserveStock', { ...tablesEnv, ...simulation }, stockStatements('Reserve')),
    // charge-payment marks the order row before it charges (ChargeRequestedAt), so no charge goes unrecorded.
    chargePayment: fn(
      'chargePayment',
      { [ORDERS_TABLE_ENV]: tables.orders.name, ...vaultEnv, ...simulation },
      [
        { sid: 'MarkOrderCharged', actions: ['dynamodb:UpdateItem'], resources: [tables.orders.arn] },
        readVault('ChargeVaultedCard'),
      ],
    ),
    releaseStock: fn('releaseStock', tablesEnv, stockStatements('Release')),
  };
  const functions = {
    verifyPayment: components.verifyPayment.function,
    reserveStock: components.reserveStock.function,
    chargePayment: components.chargePayment.function,
    releaseStock: components.releaseStock.function,
  };

  const sweeper = new ReservationSweeper(`${prefix}-release-expired`, {
    ...functionArgs('release-expired', HANDLERS.releaseStock, tablesEnv),
    ordersTableArn: tables.orders.arn,
    inventoryTableArn: tables.inventory.arn,
  });
  // The outbox: notifications SNS refused after Notify's retries wait on their order rows for this.
  const resender = new NotificationResender(`${prefix}-resend-notifications`, {
    ...functionArgs('resend-notifications', 'resend-notifications', {
      [ORDERS_TABLE_ENV]: tables.orders.name,
      [NOTIFICATION_TOPIC_ENV]: notifications.arn,
    }),
    ordersTableArn: tables.orders.arn,
    topicArn: notifications.arn,
  });

  const workflow = orderWorkflow<pulumi.Output<string>>({
    verifyPaymentFunctionArn: functions.verifyPayment.arn,
    reserveStockFunctionArn: functions.reserveStock.arn,
    chargePaymentFunctionArn: functions.chargePayment.arn,
    releaseStockFunctionArn: functions.releaseStock.arn,
    ordersTableName: tables.orders.name,
    ordersTableArn: tables.orders.arn,
    notificationTopicArn: notifications.arn,
  });
  const orderStateMachine = new OrderStateMachine(`${prefix}-workflow`, {
    stateMachineName: `${prefix}-order-workflow`,
    region: config.region,
    // The builder renders the graph with the Outputs as leaves; jsonStringify joins them at the edge.
    definition: pulumi.jsonStringify(workflow.toAsl()),
    taskStatements: workflow.iamStatements().map((s) => ({ actions: s.actions, resources: s.resources })),
    type: config.workflowType,
    logLevel: config.logLevel,
    includeExecutionData: config.includeExecutionData,
    logRetentionDays: config.logRetentionDays,
    tags,
  });
  const stateMachine = orderStateMachine.stateMachine;

  // The front door: orders come in over HTTP, their cards are tokenized, the workflow never sees one.
  const intake = new IntakeApi(`${prefix}-intake`, {
    namePrefix: prefix,
    region: config.region,
    function: functionArgs('intake-api', 'intake-api', { [ORDERS_TABLE_ENV]: tables.orders.name }),
    environmentNames: {
      vaultTable: VAULT_TABLE_ENV,
      idempotencyTable: IDEMPOTENCY_TABLE_ENV,
      stateMachine: STATE_MACHINE_ARN_ENV,
    },
    stateMachineArn: stateMachine.arn,
    ordersTableArn: tables.orders.arn,
    vaultReaderRoleArns: [components.verifyPayment.role.arn, components.chargePayment.role.arn],
    logRetentionDays: config.logRetentionDays,
    protect: production,
    tags,
  });

  if (production) {
    new WorkflowAlarms(`${prefix}-alarms`, {
      namePrefix: prefix,
      stateMachineArn: stateMachine.arn,
      stateMachineLogGroupName: orderStateMachine.logGroup.name,
      functionNames: {
        ...Object.fromEntries(
          (Object.keys(HANDLERS) as HandlerLabel[]).map((label) => [HANDLERS[label], functions[label].name]),
        ),
        'release-expired': sweeper.function.name,
        'resend-notifications': resender.function.name,
        'intake-api': intake.function.name,
      },
      ...(config.alarmEmail === undefined ? {} : { alarmEmail: config.alarmEmail }),
      tags,
    });
  }

  return {
    stateMachineArn: stateMachine.arn,
    stateMachineName: stateMachine.name,
    region: config.region,
    ordersTableName: tables.orders.name,
    inventoryTableName: tables.inventory.name,
    notificationTopicArn: notifications.arn,
    functionNames: {
      verifyPayment: functions.verifyPayment.name,
      reserveStock: functions.reserveStock.name,
      chargePayment: functions.chargePayment.name,
      releaseStock: functions.releaseStock.name,
    },
    intakeApiUrl: intake.url,
    intakeFunctionName: intake.function.name,
  };
}
