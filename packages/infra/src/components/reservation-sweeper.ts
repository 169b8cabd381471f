import * as cloudwatch from '@pulumi/aws/cloudwatch/index.js';
import * as lambda from '@pulumi/aws/lambda/index.js';
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatement } from './internal/policy-document.js';
import { OrderFunction, type OrderFunctionArgs } from './order-function.js';

export interface ReservationSweeperArgs extends Omit<OrderFunctionArgs, 'handler' | 'statements'> {
  readonly ordersTableArn: pulumi.Input<string>;
  readonly inventoryTableArn: pulumi.Input<string>;
  /** How often it looks (an EventBridge schedule expression). Default every 15 minutes. */
  readonly schedule?: string;
}

/**
 * The sweeper for abandoned reservations: release-stock's bundle run as `index.sweepExpired` on a schedule.
 * It gives back the stock of orders still RECEIVED whose reservation expired (ReservationExpiresAt) and that
 * were never marked as being charged, then records them FAILED. Its role: Scan and the release's writes.
 */
export class ReservationSweeper extends pulumi.ComponentResource {
  readonly function: lambda.Function;
  readonly rule: cloudwatch.EventRule;

  constructor(name: string, args: ReservationSweeperArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:data:ReservationSweeper', name, {}, opts);
    const { ordersTableArn, inventoryTableArn, schedule, ...fn } = args;
    const statements: PolicyStatement[] = [
      {
        sid: 'SweepOrders',
        actions: ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [ordersTableArn],
      },
      { sid: 'SweepInventory', actions: ['dynamodb:UpdateItem'], resources: [inventoryTableArn] },
    ];
    this.function = new OrderFunction(
      name,
      { ...fn, handler: 'index.sweepExpired', statements },
      { parent: this },
    ).function;
    this.rule = new cloudwatch.EventRule(
      `${name}-schedule`,
      {
        description: 'Release the stock of orders whose reservation expired unfinished',
        scheduleExpression: schedule ?? 'rate(15 minutes)',
        ...(fn.tags === undefined ? {} : { tags: fn.tags }),
      },
      { parent: this },
    );
    new lambda.Permission(
      `${name}-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: this.function.name,
        principal: 'events.amazonaws.com',
        sourceArn: this.rule.arn,
      },
      { parent: this },
    );
    new cloudwatch.EventTarget(
      `${name}-target`,
      { rule: this.rule.name, arn: this.function.arn },
      { parent: this },
    );
    this.registerOutputs({ functionName: this.function.name });
  }
}
