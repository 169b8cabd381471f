import * as path from 'node:path';
import { INVENTORY_FIXTURE } from '@orders/shared-types';
import * as pulumi from '@pulumi/pulumi';
import { EncryptedTopic } from './components/encrypted-topic.js';
import type { PolicyStatement } from './components/internal/policy-document.js';
import { OrderFunction } from './components/order-function.js';
import { OrderStateMachine } from './components/order-state-machine.js';
import { OrderTables } from './components/order-tables.js';
import { WorkflowAlarms } from './components/workflow-alarms.js';
import type { SimulationConfig, StackConfig } from './config.js';
import { orderWorkflow } from './workflow/index.js';

/** The handlers `packages/lambdas` bundles, by the label used in outputs and alarm names. */
export const HANDLERS = {
  verifyPayment: 'verify-payment',
  retrieveStock: 'retrieve-stock',
  chargePayment: 'charge-payment',
} as const;
export type HandlerLabel = keyof typeof HANDLERS;

/** The stack outputs the e2e suite and the local stack read (same keys for both). */
export interface OrdersStackOutputs {
  readonly stateMachineArn: pulumi.Output<string>;
  readonly stateMachineName: pulumi.Output<string>;
  readonly region: string;
  readonly ordersTableName: pulumi.Output<string>;
  readonly inventoryTableName: pulumi.Output<string>;
  readonly notificationTopicArn: pulumi.Output<string>;
  readonly functionNames: { readonly [K in HandlerLabel]: pulumi.Output<string> };
}

/** The Lambdas' simulation switches as environment variables; none at all when simulation is off. */
export function simulationEnvironment(simulation: SimulationConfig): Record<string, string> {
  if (!simulation.enabled) return {};
  return {
    ORDERS_SIMULATE: '1',
    ...(simulation.seed === undefined ? {} : { ORDERS_SIMULATION_SEED: simulation.seed }),
    ORDERS_SIM_PAYMENT_REJECT_RATE: String(simulation.paymentRejectRate),
    ORDERS_SIM_OUT_OF_STOCK_RATE: String(simulation.outOfStockRate),
    ORDERS_SIM_DECLINE_RATE: String(simulation.declineRate),
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

  const environment = {
    ORDERS_TABLE_NAME: tables.orders.name,
    INVENTORY_TABLE_NAME: tables.inventory.name,
    NODE_OPTIONS: '--enable-source-maps',
    ...simulationEnvironment(config.simulation),
  };
  const fn = (label: HandlerLabel, statements: readonly PolicyStatement[] = []) =>
    new OrderFunction(`${prefix}-${HANDLERS[label]}`, {
      functionName: `${prefix}-${HANDLERS[label]}`,
      bundleDir: path.join(config.lambdaDistDir, HANDLERS[label]),
      timeoutSeconds: config.lambdaTimeoutSeconds,
      memoryMb: config.lambdaMemoryMb,
      logRetentionDays: config.logRetentionDays,
      environment,
      statements,
      tags,
    }).function;
  const functions = {
    verifyPayment: fn('verifyPayment'),
    retrieveStock: fn('retrieveStock', [
      { sid: 'ReadInventory', actions: ['dynamodb:BatchGetItem'], resources: [tables.inventory.arn] },
    ]),
    chargePayment: fn('chargePayment'),
  };

  const workflow = orderWorkflow<pulumi.Output<string>>({
    verifyPaymentFunctionArn: functions.verifyPayment.arn,
    retrieveStockFunctionArn: functions.retrieveStock.arn,
    chargePaymentFunctionArn: functions.chargePayment.arn,
    ordersTableName: tables.orders.name,
    ordersTableArn: tables.orders.arn,
    notificationTopicArn: notifications.arn,
  });
  const stateMachine = new OrderStateMachine(`${prefix}-workflow`, {
    stateMachineName: `${prefix}-order-workflow`,
    region: config.region,
    // The builder renders the graph with the Outputs as leaves; jsonStringify joins them at the edge.
    definition: pulumi.jsonStringify(workflow.toAsl()),
    taskStatements: workflow.iamStatements().map((s) => ({ actions: s.actions, resources: s.resources })),
    type: config.stateMachineType,
    logLevel: config.logLevel,
    includeExecutionData: config.includeExecutionData,
    logRetentionDays: config.logRetentionDays,
    tags,
  }).stateMachine;

  if (production) {
    new WorkflowAlarms(`${prefix}-alarms`, {
      namePrefix: prefix,
      stateMachineArn: stateMachine.arn,
      functionNames: {
        [HANDLERS.verifyPayment]: functions.verifyPayment.name,
        [HANDLERS.retrieveStock]: functions.retrieveStock.name,
        [HANDLERS.chargePayment]: functions.chargePayment.name,
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
      retrieveStock: functions.retrieveStock.name,
      chargePayment: functions.chargePayment.name,
    },
  };
}
